"""Where the bot met a channel or a person on a platform, so it can write there later (reminders, 1:1 chats).

A reference holds the platform's service address (Teams: the serviceUrl of the activity), the
conversation id, the tenant and a display name. Channels are keyed by the procedure's channel id,
people by their platform user id. The latest activity wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage.db import Database

CHANNEL = "channel"
USER = "user"

reference_migrations = Migrations("werving-conversation-refs")


@reference_migrations()
def m001_conversation_refs(db: sqlite_utils.Database) -> None:
    """One row per (platform, kind, key)."""
    db.execute(
        """
        CREATE TABLE conversation_refs (
            platform TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('channel', 'user')),
            key TEXT NOT NULL,
            service_url TEXT NOT NULL,
            conversation_id TEXT,
            tenant_id TEXT,
            name TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (platform, kind, key)
        ) WITHOUT ROWID
        """
    )


@dataclass(frozen=True)
class Reference:
    """A channel or person as last met on a platform."""

    platform: str
    kind: str
    key: str
    service_url: str
    conversation_id: str | None = None
    tenant_id: str | None = None
    name: str | None = None


def remember(database: Database, refs: list[Reference], now: datetime) -> None:
    """Store (or refresh) references in one transaction; a person's known name is kept when none is given."""
    if not refs:
        return
    stamp = now.astimezone(UTC).isoformat()
    with database.transaction(write=True) as db:
        for ref in refs:
            db.execute(
                """
                INSERT INTO conversation_refs
                    (platform, kind, key, service_url, conversation_id, tenant_id, name, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, kind, key) DO UPDATE SET
                    service_url = excluded.service_url,
                    conversation_id = COALESCE(excluded.conversation_id, conversation_refs.conversation_id),
                    tenant_id = COALESCE(excluded.tenant_id, conversation_refs.tenant_id),
                    name = COALESCE(excluded.name, conversation_refs.name),
                    updated_at = excluded.updated_at
                """,
                [ref.platform, ref.kind, ref.key, ref.service_url, ref.conversation_id, ref.tenant_id, ref.name, stamp],
            )


def lookup(database: Database, platform: str, kind: str, key: str) -> Reference | None:
    """The stored reference, or None when the bot never met that channel or person."""
    with database.transaction(write=False) as db:
        row = db.execute(
            "SELECT service_url, conversation_id, tenant_id, name FROM conversation_refs "
            "WHERE platform = ? AND kind = ? AND key = ?",
            [platform, kind, key],
        ).fetchone()
    if row is None:
        return None
    return Reference(platform, kind, key, row[0], row[1], row[2], row[3])


def names(database: Database, platform: str, keys: list[str]) -> dict[str, str]:
    """Display names of the given people, where known."""
    if not keys:
        return {}
    marks = ",".join("?" for _ in keys)
    with database.transaction(write=False) as db:
        rows = db.execute(
            f"SELECT key, name FROM conversation_refs WHERE platform = ? AND kind = 'user' AND key IN ({marks})",
            [platform, *keys],
        ).fetchall()
    return {key: name for key, name in rows if name}
