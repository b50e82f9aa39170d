"""The reminder outbox in SQLite: queue in the command's transaction, claim with a lease, mark sent or retry.

Every reminder has a unique (dedupe_key, recipient), so queueing the same reminder twice is a no-op.
Rows are claimed inside BEGIN IMMEDIATE, so two serving processes on one file never claim the same row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage import leases
from bot.storage.db import Database
from bot.storage.leases import PENDING, SENDING, parse_stamp, stamp

outbox_migrations = Migrations("werving-outbox")

WAITING = "waiting"  # a private reminder for a role nobody holds yet
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"
TABLE: leases.Table = "reminder_outbox"


@outbox_migrations()
def m001_outbox(db: sqlite_utils.Database) -> None:
    """The reminder outbox."""
    db.execute(
        """
        CREATE TABLE reminder_outbox (
            id INTEGER PRIMARY KEY,
            procedure_id INTEGER NOT NULL REFERENCES procedures(id),
            channel TEXT NOT NULL,
            rule TEXT NOT NULL,
            kind TEXT NOT NULL,
            dedupe_key TEXT NOT NULL,
            audience TEXT NOT NULL,
            recipient TEXT NOT NULL DEFAULT '',
            substep TEXT,
            text TEXT NOT NULL,
            due_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'pending', 'sending', 'sent', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            lease_owner TEXT,
            lease_until TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (dedupe_key, recipient)
        )
        """
    )
    db.execute("CREATE INDEX outbox_due ON reminder_outbox(status, next_attempt_at)")
    db.execute("CREATE INDEX outbox_by_procedure ON reminder_outbox(procedure_id, status)")


@dataclass(frozen=True)
class OutboxRow:
    """One queued reminder as the deliverer sees it."""

    id: int
    procedure_id: int
    channel: str
    rule: str
    kind: str
    dedupe_key: str
    audience: str
    recipient: str
    substep: str | None
    text: str
    due_at: datetime
    status: str
    attempts: int

    @property
    def role(self) -> str | None:
        """The receiving role, or None for the channel."""
        return self.audience[5:] if self.audience.startswith("role:") else None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxRow:
        """Build from a database row."""
        return cls(
            id=row["id"],
            procedure_id=row["procedure_id"],
            channel=row["channel"],
            rule=row["rule"],
            kind=row["kind"],
            dedupe_key=row["dedupe_key"],
            audience=row["audience"],
            recipient=row["recipient"],
            substep=row["substep"],
            text=row["text"],
            due_at=parse_stamp(row["due_at"]),
            status=row["status"],
            attempts=row["attempts"],
        )


def procedure_id(db: sqlite_utils.Database, channel: str, created_at: datetime) -> int | None:
    """The id of the procedure with this channel and start time (also when it was just closed)."""
    from bot.storage.times import to_iso

    rows = list(
        db.query(
            "SELECT id FROM procedures WHERE channel = ? AND created_at = ? ORDER BY id DESC LIMIT 1",
            [channel, to_iso(created_at)],
        )
    )
    return int(rows[0]["id"]) if rows else None


def procedure_row(db: sqlite_utils.Database, procedure: int) -> dict[str, Any] | None:
    """The procedures row with this id, or None."""
    found = list(db.query("SELECT * FROM procedures WHERE id = ?", [procedure]))
    return found[0] if found else None


def open_procedures(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Rows of every open procedure."""
    return list(db.query("SELECT * FROM procedures WHERE closed_at IS NULL ORDER BY id"))


def enqueue(
    db: sqlite_utils.Database,
    *,
    procedure: int,
    channel: str,
    rule: str,
    kind: str,
    key: str,
    audience: str,
    recipients: Iterable[str],
    substep: str | None,
    text: str,
    due: datetime,
    now: datetime,
) -> int:
    """Queue a reminder once per recipient (none: the channel, or waiting for a role holder); returns rows added."""
    dedupe = f"{procedure}|{key}"
    targets = list(recipients)
    private = audience.startswith("role:")
    added = 0
    for recipient in targets or [""]:
        status = WAITING if private and not recipient else PENDING
        cursor = db.execute(
            "INSERT OR IGNORE INTO reminder_outbox (procedure_id, channel, rule, kind, dedupe_key, audience, "
            "recipient, substep, text, due_at, status, attempts, next_attempt_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
            [
                procedure,
                channel,
                rule,
                kind,
                dedupe,
                audience,
                recipient,
                substep,
                text,
                stamp(due),
                status,
                stamp(due),
                stamp(now),
            ],
        )
        added += cursor.rowcount
    if private and targets:
        # Someone holds the role now: a copy that was waiting for a holder is superseded.
        db.execute(
            "UPDATE reminder_outbox SET status = ? WHERE dedupe_key = ? AND recipient = '' AND status = ?",
            [CANCELLED, dedupe, WAITING],
        )
    return added


def release_waiting(db: sqlite_utils.Database, procedure: int, role: str, user: str, now: datetime) -> int:
    """Hand reminders that waited for a holder of `role` to `user`, who just got the role."""
    rows = list(
        db.query(
            "SELECT id, dedupe_key FROM reminder_outbox WHERE procedure_id = ? AND audience = ? "
            "AND recipient = '' AND status = ?",
            [procedure, f"role:{role}", WAITING],
        )
    )
    released = 0
    for row in rows:
        taken = list(
            db.query("SELECT 1 FROM reminder_outbox WHERE dedupe_key = ? AND recipient = ?", [row["dedupe_key"], user])
        )
        if taken:
            db.execute("UPDATE reminder_outbox SET status = ? WHERE id = ?", [CANCELLED, row["id"]])
            continue
        db.execute(
            "UPDATE reminder_outbox SET recipient = ?, status = ?, next_attempt_at = ? WHERE id = ?",
            [user, PENDING, stamp(now), row["id"]],
        )
        released += 1
    return released


def earliest_undelivered(db: sqlite_utils.Database, procedure: int, recipient: str) -> datetime | None:
    """The due time of the earliest reminder of a procedure still to be sent privately to `recipient`."""
    found = list(
        db.query(
            "SELECT MIN(due_at) AS due FROM reminder_outbox WHERE procedure_id = ? AND recipient = ? "
            "AND status IN (?, ?)",
            [procedure, recipient, PENDING, SENDING],
        )
    )
    return parse_stamp(found[0]["due"]) if found and found[0]["due"] else None


def cancel_procedure(db: sqlite_utils.Database, procedure: int) -> int:
    """Drop every undelivered reminder of a closed procedure."""
    cursor = db.execute(
        "UPDATE reminder_outbox SET status = ?, lease_owner = NULL WHERE procedure_id = ? AND status IN (?, ?)",
        [CANCELLED, procedure, WAITING, PENDING],
    )
    return cursor.rowcount


def existing_keys(db: sqlite_utils.Database, procedure: int) -> set[tuple[str, str]]:
    """(dedupe_key, recipient) of every row of a procedure, whatever its status."""
    return {
        (r["dedupe_key"], r["recipient"])
        for r in db.query("SELECT dedupe_key, recipient FROM reminder_outbox WHERE procedure_id = ?", [procedure])
    }


def undelivered(db: sqlite_utils.Database, procedure: int, until: datetime) -> list[OutboxRow]:
    """Waiting and pending rows of a procedure due at or before `until`, oldest first."""
    rows = db.query(
        "SELECT * FROM reminder_outbox WHERE procedure_id = ? AND status IN (?, ?, ?) AND due_at <= ? "
        "ORDER BY due_at, id",
        [procedure, WAITING, PENDING, SENDING, stamp(until)],
    )
    return [OutboxRow.from_row(r) for r in rows]


def claim(database: Database, owner: str, now: datetime, lease: timedelta, limit: int) -> list[OutboxRow]:
    """Atomically lease up to `limit` due rows to `owner`: pending ones, and sending ones whose lease ran out."""
    at = stamp(now)
    with database.transaction(write=True) as db:
        ids = [
            r["id"]
            for r in db.query(
                "SELECT id FROM reminder_outbox WHERE (status = ? AND next_attempt_at <= ?) "
                "OR (status = ? AND lease_until <= ?) ORDER BY due_at, id LIMIT ?",
                [PENDING, at, SENDING, at, limit],
            )
        ]
        if not leases.take(db, TABLE, ids, owner, now, lease):
            return []
        marks = ", ".join("?" for _ in ids)
        rows = db.query(
            f"SELECT * FROM reminder_outbox WHERE id IN ({marks}) AND lease_owner = ? ORDER BY due_at, id",
            [*ids, owner],
        )
        return [OutboxRow.from_row(r) for r in rows]


def renew(database: Database, row_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
    """Right before a send: extend `owner`'s lease from `now`; False when it lost the row (then do not send)."""
    return leases.renew(database, TABLE, row_id, owner, now, lease)


def finish(database: Database, row_id: int, owner: str, status: str, now: datetime) -> bool:
    """Mark a leased row sent or cancelled; False when the lease was lost to another process."""
    return leases.end(
        database, TABLE, row_id, owner, {"status": status, "sent_at": stamp(now) if status == SENT else None}
    )


def retry_or_fail(database: Database, row_id: int, owner: str, error: str, retry_at: datetime | None) -> bool:
    """After a failed delivery: back to pending until `retry_at`, or failed for good when `retry_at` is None."""
    if retry_at is None:
        return leases.end(database, TABLE, row_id, owner, {"status": FAILED, "last_error": error})
    values = {"status": PENDING, "last_error": error, "next_attempt_at": stamp(retry_at)}
    return leases.end(database, TABLE, row_id, owner, values)


def rows(db: sqlite_utils.Database, channel: str | None = None) -> list[OutboxRow]:
    """Every row (of one channel), in id order; for tests and diagnostics."""
    if channel is None:
        found = db.query("SELECT * FROM reminder_outbox ORDER BY id")
    else:
        found = db.query("SELECT * FROM reminder_outbox WHERE channel = ? ORDER BY id", [channel])
    return [OutboxRow.from_row(r) for r in found]
