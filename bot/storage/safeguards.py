"""Tables for the safeguards: pending confirmations, who closed a procedure and why, the audit hash chain.

A command that needs confirmation stores what it would do here, keyed by channel and person, so that
`bevestig` works after a restart too. The procedure gets columns for who closed it and why, and every
audit row gets the hash that chains it to the row before (see bot/storage/audit_chain.py).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils import Migrations

from bot.core.confirm import PendingConfirmation
from bot.storage import audit_chain

safeguard_migrations = Migrations("werving-safeguards")


@safeguard_migrations()
def m001_pending_confirmations(db: sqlite_utils.Database) -> None:
    """One pending confirmation per person per channel; a newer question replaces the older one."""
    db.execute(
        """
        CREATE TABLE pending_confirmations (
            channel TEXT NOT NULL,
            user_id TEXT NOT NULL,
            command TEXT NOT NULL,
            keys TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (channel, user_id)
        )
        """
    )


@safeguard_migrations()
def m002_closing(db: sqlite_utils.Database) -> None:
    """Who closed a procedure and why."""
    db.execute("ALTER TABLE procedures ADD COLUMN closed_by TEXT")
    db.execute("ALTER TABLE procedures ADD COLUMN close_reason TEXT")


@safeguard_migrations()
def m003_audit_chain(db: sqlite_utils.Database) -> None:
    """Each audit row carries the hash of its content chained to the previous row's hash."""
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT")
    db.execute(
        "CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), last_id INTEGER NOT NULL, last_hash TEXT)"
    )
    audit_chain.backfill(db)


@safeguard_migrations()
def m004_retention(db: sqlite_utils.Database) -> None:
    """When a closed procedure's notes were purged."""
    db.execute("ALTER TABLE procedures ADD COLUMN purged_at TEXT")


@safeguard_migrations()
def m005_decision_dates(db: sqlite_utils.Database) -> None:
    """The date a decision was taken, where one was recorded (`klaar 10b besluit 12-05-2027`)."""
    db.execute("ALTER TABLE substeps ADD COLUMN decided_on TEXT")


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def save_pending(
    db: sqlite_utils.Database, channel: str, user: str, command: str, keys: frozenset[str], now: datetime
) -> None:
    """Store (or replace) the person's pending confirmation in this channel."""
    db.table("pending_confirmations").upsert(
        {
            "channel": channel,
            "user_id": user,
            "command": command,
            "keys": json.dumps(sorted(keys)),
            "created_at": _iso(now),
        },
        pk=("channel", "user_id"),
    )


def take_pending(db: sqlite_utils.Database, channel: str, user: str) -> PendingConfirmation | None:
    """Remove and return the person's pending confirmation in this channel, if any."""
    rows = list(db.query("SELECT * FROM pending_confirmations WHERE channel = ? AND user_id = ?", [channel, user]))
    if not rows:
        return None
    db.execute("DELETE FROM pending_confirmations WHERE channel = ? AND user_id = ?", [channel, user])
    row = rows[0]
    return PendingConfirmation(
        command=row["command"],
        keys=frozenset(json.loads(row["keys"])),
        created_at=datetime.fromisoformat(row["created_at"]),
    )
