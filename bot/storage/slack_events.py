"""Slack delivery ids already handled, so a redelivered event, command or button click is done once.

Slack redelivers events it thinks were lost (with X-Slack-Retry-Num), Socket Mode redelivers envelopes
that were not acknowledged before a reconnect, and now and then the same payload simply arrives twice.
Each payload's id is claimed here under a unique key before any work is done; the claim that loses
the race is a duplicate. Claims are kept for `RETENTION` (Slack retries for at most about an hour).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage.db import Database

RETENTION = timedelta(hours=6)

slack_migrations = Migrations("werving-slack")


def _iso(moment: datetime) -> str:
    """UTC ISO-8601, so that text comparison orders by time (store.py's to_iso; not imported: cycle)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


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


def claim(database: Database, key: str, now: datetime) -> bool:
    """Record `key` as handled at `now`; False when it was handled before (a duplicate)."""
    with database.transaction(write=True) as db:
        cursor = db.execute("INSERT OR IGNORE INTO slack_events (key, seen_at) VALUES (?, ?)", [key, _iso(now)])
        return cursor.rowcount == 1


def prune(database: Database, now: datetime, keep: timedelta = RETENTION) -> int:
    """Forget claims older than `keep`; returns how many were removed."""
    with database.transaction(write=True) as db:
        cursor = db.execute("DELETE FROM slack_events WHERE seen_at < ?", [_iso(now - keep)])
        return cursor.rowcount


def count(database: Database) -> int:
    """How many claims are remembered (for tests and health checks)."""
    with database.transaction(write=False) as db:
        return int(next(iter(db.execute("SELECT COUNT(*) FROM slack_events").fetchone())))
