"""The former Slack-only table of handled delivery ids, kept for its migrations only.

Slack's redeliveries are now claimed in the platform-neutral `deliveries` table (bot/storage/deliveries.py),
keyed by platform and delivery id, like every other platform's; the second migration drops the old table.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

slack_migrations = Migrations("werving-slack")


@slack_migrations()
def m001_slack_events(db: sqlite_utils.Database) -> None:
    """One row per handled delivery id; the primary key makes a second claim fail."""
    db.execute(
        """
        CREATE TABLE slack_events (
            key TEXT PRIMARY KEY,
            seen_at TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX slack_events_by_time ON slack_events(seen_at)")


@slack_migrations()
def m002_drop_slack_events(db: sqlite_utils.Database) -> None:
    """Slack's claims moved to the platform-neutral deliveries table; those still here are hours old."""
    db.execute("DROP TABLE IF EXISTS slack_events")
