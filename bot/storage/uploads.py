"""Files waiting for a person's consent before the bot may upload them (Teams' FileConsentCard).

The bytes are kept from the moment the file was asked for until the person accepts (then uploaded and
removed) or declines (removed), at most `KEEP` long. A file is found by a random id and only for the
person it was offered to.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage.db import Database
from bot.storage.outbox import stamp

upload_migrations = Migrations("werving-uploads")

KEEP = timedelta(days=1)


@upload_migrations()
def m001_pending_uploads(db: sqlite_utils.Database) -> None:
    """One row per file offered and not yet accepted or declined."""
    db.execute(
        """
        CREATE TABLE pending_uploads (
            id TEXT PRIMARY KEY,
            platform TEXT NOT NULL,
            user_id TEXT NOT NULL,
            filename TEXT NOT NULL,
            mime TEXT NOT NULL,
            data BLOB NOT NULL,
            created_at TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX pending_uploads_by_time ON pending_uploads(created_at)")


@dataclass(frozen=True)
class PendingUpload:
    """A file offered to one person."""

    id: str
    user: str
    filename: str
    mime: str
    data: bytes


def offer(database: Database, platform: str, user: str, filename: str, mime: str, data: bytes, now: datetime) -> str:
    """Keep a file for `user` until they answer (inside the caller's transaction when one is open); its id."""
    upload_id = secrets.token_urlsafe(18)
    with database.transaction(write=True) as db:
        db.execute(
            "INSERT INTO pending_uploads (id, platform, user_id, filename, mime, data, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [upload_id, platform, user, filename, mime, data, stamp(now)],
        )
    return upload_id


def find(database: Database, platform: str, upload_id: str, user: str, now: datetime) -> PendingUpload | None:
    """The file with this id offered to `user`, unless it is gone or older than KEEP."""
    with database.transaction(write=False) as db:
        row = db.execute(
            "SELECT id, user_id, filename, mime, data FROM pending_uploads "
            "WHERE id = ? AND platform = ? AND user_id = ? AND created_at >= ?",
            [upload_id, platform, user, stamp(now - KEEP)],
        ).fetchone()
    return PendingUpload(row[0], row[1], row[2], row[3], bytes(row[4])) if row else None


def load(database: Database, upload_id: str) -> PendingUpload | None:
    """The kept file with this id, whoever it is for (the upload of a consent already checked)."""
    with database.transaction(write=False) as db:
        row = db.execute(
            "SELECT id, user_id, filename, mime, data FROM pending_uploads WHERE id = ?", [upload_id]
        ).fetchone()
    return PendingUpload(row[0], row[1], row[2], row[3], bytes(row[4])) if row else None


def remove(database: Database, upload_id: str) -> None:
    """Forget a file (uploaded or declined)."""
    with database.transaction(write=True) as db:
        db.execute("DELETE FROM pending_uploads WHERE id = ?", [upload_id])


def prune(database: Database, now: datetime) -> int:
    """Forget files nobody answered for within KEEP."""
    with database.transaction(write=True) as db:
        return db.execute("DELETE FROM pending_uploads WHERE created_at < ?", [stamp(now - KEEP)]).rowcount
