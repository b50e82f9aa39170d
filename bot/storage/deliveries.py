"""Platform deliveries already handled, keyed by (platform, delivery id), so a redelivery is done once.

Any adapter claims a delivery's own id here before it does any work; the claim that loses the race
is a duplicate. Claims live in SQLite, so they survive a restart and are shared by every process on
the same file. A claim can be released when handling failed, so that the platform's retry is handled.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage.db import Database

RETENTION = timedelta(days=2)
PRUNE_EVERY = timedelta(minutes=10)  # how often an adapter forgets old claims (on a handled delivery)

delivery_migrations = Migrations("werving-deliveries")


def _iso(moment: datetime) -> str:
    """UTC ISO-8601, so that text comparison orders by time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


@delivery_migrations()
def m001_deliveries(db: sqlite_utils.Database) -> None:
    """One row per handled delivery; the primary key makes a second claim fail."""
    db.execute(
        """
        CREATE TABLE deliveries (
            platform TEXT NOT NULL,
            delivery_id TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (platform, delivery_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX deliveries_by_time ON deliveries(seen_at)")


def claim(database: Database, platform: str, delivery_id: str, now: datetime) -> bool:
    """Record the delivery as handled at `now`; False when it was claimed before (a duplicate)."""
    with database.transaction(write=True) as db:
        cursor = db.execute(
            "INSERT OR IGNORE INTO deliveries (platform, delivery_id, seen_at) VALUES (?, ?, ?)",
            [platform, delivery_id, _iso(now)],
        )
        return cursor.rowcount == 1


def seen(database: Database, platform: str, delivery_id: str) -> bool:
    """True when the delivery was claimed before (a read; `claim` stays the one that decides)."""
    with database.transaction(write=False) as db:
        row = db.execute(
            "SELECT 1 FROM deliveries WHERE platform = ? AND delivery_id = ?", [platform, delivery_id]
        ).fetchone()
        return row is not None


def release(database: Database, platform: str, delivery_id: str) -> None:
    """Forget a claim (handling failed), so that the platform's next delivery is handled."""
    with database.transaction(write=True) as db:
        db.execute("DELETE FROM deliveries WHERE platform = ? AND delivery_id = ?", [platform, delivery_id])


def prune(database: Database, now: datetime, keep: timedelta = RETENTION, platform: str | None = None) -> int:
    """Forget claims (of one platform, or all) older than `keep`; returns how many were removed."""
    sql, params = "DELETE FROM deliveries WHERE seen_at < ?", [_iso(now - keep)]
    if platform is not None:
        sql, params = sql + " AND platform = ?", [*params, platform]
    with database.transaction(write=True) as db:
        return db.execute(sql, params).rowcount


def count(database: Database, platform: str) -> int:
    """How many claims of one platform are remembered (for tests and health checks)."""
    with database.transaction(write=False) as db:
        row = db.execute("SELECT COUNT(*) FROM deliveries WHERE platform = ?", [platform]).fetchone()
        return int(row[0])


class PruneSchedule:
    """When an adapter should forget old claims: at most once per PRUNE_EVERY, whichever thread asks."""

    def __init__(self, every: timedelta = PRUNE_EVERY) -> None:
        self.every = every
        self._last: datetime | None = None
        self._lock = threading.Lock()

    def due(self, now: datetime) -> bool:
        """True for exactly one caller once `every` has passed since the last time it was due."""
        with self._lock:
            if self._last is not None and now - self._last < self.every:
                return False
            self._last = now
            return True
