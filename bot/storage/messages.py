"""The message outbox: everything the bot says on a platform, queued in the transaction that decided it.

Rows live in lanes (one per channel, or per person for direct messages). Only the oldest open row of a
lane is ever handed out, so a lane keeps its order and one lane's trouble (a 429, a hang) holds up only
that lane. A row is leased to one sender at a time; the sender renews the lease right before it sends,
so a second process never sends a row whose lease it does not hold. Payloads are the platform's own
delivery instructions (JSON); they are kept for a day after delivery, then removed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage import leases
from bot.storage.db import BUSY_TIMEOUT_MS, Database
from bot.storage.leases import parse_stamp, stamp

message_migrations = Migrations("werving-messages")

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
KEEP_DONE = timedelta(days=1)
DEFAULT_PLATFORM = "slack"
TABLE: leases.Table = "message_outbox"


@message_migrations()
def m001_message_outbox(db: sqlite_utils.Database) -> None:
    """The outbox of messages, and a one-row table the health check writes to."""
    db.execute(
        """
        CREATE TABLE message_outbox (
            id INTEGER PRIMARY KEY,
            lane TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            lease_owner TEXT,
            lease_until TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            done_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX message_outbox_open ON message_outbox(status, lane, id)")
    db.execute("CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL)")


@message_migrations()
def m002_message_platform(db: sqlite_utils.Database) -> None:
    """Which platform's senders deliver a message, so Slack and Teams bots can share one database file."""
    db.execute("ALTER TABLE message_outbox ADD COLUMN platform TEXT NOT NULL DEFAULT 'slack'")
    db.execute("CREATE INDEX message_outbox_platform ON message_outbox(platform, status, lane, id)")


@dataclass(frozen=True)
class Message:
    """One queued message as a sender sees it."""

    id: int
    lane: str
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Message:
        """Build from a database row."""
        return cls(
            id=row["id"],
            lane=row["lane"],
            payload=json.loads(row["payload"]),
            status=row["status"],
            attempts=row["attempts"],
            next_attempt_at=parse_stamp(row["next_attempt_at"]),
        )


def enqueue(
    database: Database, lane: str, payload: dict[str, Any], now: datetime, platform: str = DEFAULT_PLATFORM
) -> int:
    """Queue one message for `platform`'s senders (inside the caller's transaction when one is open); its id."""
    with database.transaction(write=True) as db:
        cursor = db.execute(
            "INSERT INTO message_outbox (lane, payload, status, attempts, next_attempt_at, created_at, platform) "
            "VALUES (?, ?, ?, 0, ?, ?, ?)",
            [lane, json.dumps(payload, ensure_ascii=False), PENDING, stamp(now), stamp(now), platform],
        )
        return int(cursor.lastrowid or 0)


def heads(database: Database, platform: str = DEFAULT_PLATFORM) -> list[Message]:
    """The oldest open (pending or sending) message of every lane of `platform`."""
    with database.transaction(write=False) as db:
        found = db.query(
            "SELECT m.* FROM message_outbox m JOIN (SELECT lane, MIN(id) AS id FROM message_outbox "
            "WHERE status IN (?, ?) AND platform = ? GROUP BY lane) h ON h.id = m.id ORDER BY m.id",
            [PENDING, SENDING, platform],
        )
        return [Message.from_row(r) for r in found]


def settled(database: Database, ids: list[int]) -> bool:
    """True when none of the messages `ids` is still waiting or being sent."""
    if not ids:
        return True
    marks = ", ".join("?" for _ in ids)
    with database.transaction(write=False) as db:
        row = db.execute(
            f"SELECT COUNT(*) FROM message_outbox WHERE id IN ({marks}) AND status IN (?, ?)", [*ids, PENDING, SENDING]
        ).fetchone()
        return int(row[0]) == 0


def waiting_ahead(database: Database, lane: str, message_id: int) -> bool:
    """True when an older message of `lane` is still waiting or being sent (this one goes after it)."""
    with database.transaction(write=False) as db:
        row = db.execute(
            "SELECT 1 FROM message_outbox WHERE status IN (?, ?) AND lane = ? AND id < ? LIMIT 1",
            [PENDING, SENDING, lane, message_id],
        ).fetchone()
        return row is not None


def followers(database: Database, lane: str, after: int, now: datetime, limit: int) -> list[Message]:
    """The pending, due messages right behind message `after` in `lane`, in order, up to the first that is not."""
    with database.transaction(write=False) as db:
        found = db.query(
            "SELECT * FROM message_outbox WHERE lane = ? AND id > ? AND status IN (?, ?) ORDER BY id LIMIT ?",
            [lane, after, PENDING, SENDING, limit],
        )
        result = []
        for row in found:
            message = Message.from_row(row)
            if message.status != PENDING or message.next_attempt_at > now:
                break
            result.append(message)
        return result


def claim(database: Database, message_id: int, owner: str, now: datetime, lease: timedelta) -> Message | None:
    """Lease one due message to `owner` (pending and due, or sending with an expired lease); None when taken."""
    with database.transaction(write=True) as db:
        if not leases.take(db, TABLE, [message_id], owner, now, lease):
            return None
        row = next(iter(db.query("SELECT * FROM message_outbox WHERE id = ?", [message_id])))
        return Message.from_row(row)


def renew(database: Database, message_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
    """Right before a send: extend the lease; False when `owner` no longer holds it (do not send)."""
    return leases.renew(database, TABLE, message_id, owner, now, lease)


def finish(database: Database, message_id: int, owner: str, status: str, now: datetime, error: str = "") -> bool:
    """Mark a leased message sent or failed for good; False when the lease had passed to someone else."""
    return leases.end(
        database, TABLE, message_id, owner, {"status": status, "done_at": stamp(now), "last_error": error or None}
    )


def retry_at(
    database: Database, message_id: int, owner: str, when: datetime, error: str, payload: dict[str, Any] | None = None
) -> bool:
    """Put a leased message back, due again at `when` (it stays at the head of its lane).

    `payload`, when given, replaces the stored one: a transport that did part of a message's work (a 1:1
    chat created, the first of two posts made) records that progress, so the retry does not repeat it.
    """
    values: dict[str, Any] = {"status": PENDING, "next_attempt_at": stamp(when), "last_error": error}
    if payload is not None:
        values["payload"] = json.dumps(payload, ensure_ascii=False)
    return leases.end(database, TABLE, message_id, owner, values)


def release_owners(database: Database, owners: list[str]) -> int:
    """Put the messages leased to `owners` (processes known to be gone) back, due at once."""
    return leases.release_owners(database, TABLE, owners)


def lease_owners(database: Database) -> list[str]:
    """Every owner that holds a lease now."""
    return leases.owners(database, TABLE)


def prune(database: Database, now: datetime, keep: timedelta = KEEP_DONE) -> int:
    """Remove sent and failed messages older than `keep` (their payloads hold message text)."""
    with database.transaction(write=True) as db:
        cursor = db.execute(
            "DELETE FROM message_outbox WHERE status IN (?, ?) AND done_at < ?", [SENT, FAILED, stamp(now - keep)]
        )
        return cursor.rowcount


def oldest_due(database: Database) -> datetime | None:
    """When the longest-waiting pending message became due (for the health check), or None."""
    with database.transaction(write=False) as db:
        row = db.execute("SELECT MIN(next_attempt_at) FROM message_outbox WHERE status = ?", [PENDING]).fetchone()
        return parse_stamp(row[0]) if row and row[0] else None


def counts(database: Database) -> dict[str, int]:
    """How many messages are in each status (for tests, benchmarks and diagnostics)."""
    with database.transaction(write=False) as db:
        return {r[0]: r[1] for r in db.execute("SELECT status, COUNT(*) FROM message_outbox GROUP BY status")}


def all_messages(database: Database) -> list[Message]:
    """Every message in id order (for tests and diagnostics)."""
    with database.transaction(write=False) as db:
        return [Message.from_row(r) for r in db.query("SELECT * FROM message_outbox ORDER BY id")]


def touch_health(database: Database, now: datetime, wait_ms: int = 2000) -> None:
    """A real write and commit, so the health check notices a read-only file, a full disk or a stuck lock.

    It waits at most `wait_ms` for the write lock (a prober wants its answer quickly).
    """
    conn = database.db().conn
    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        with database.transaction(write=True, wait=wait_ms / 1000) as db:
            db.execute("INSERT OR REPLACE INTO health (id, at) VALUES (1, ?)", [stamp(now)])
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
