"""Remembers where the bot met each Teams channel and person (serviceUrl, conversation, tenant, name)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime

from bot.adapters.teams.translate import PLATFORM, Origin
from bot.storage import conversation_refs
from bot.storage.conversation_refs import CHANNEL, USER, Reference
from bot.storage.db import Database

CACHE_LIMIT = 10_000


class References:
    """Conversation references of the Teams adapter, in SQLite."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._written: dict[tuple[str, str], Reference] = {}  # what this process last stored, to skip rewrites
        self._lock = threading.Lock()

    def remember(self, origin: Origin, mentioned: Mapping[str, str], now: datetime) -> None:
        """Store the channel, the sender and everyone they mentioned, as met on this activity's serviceUrl."""
        refs = [
            Reference(
                PLATFORM,
                CHANNEL,
                origin.channel,
                origin.service_url,
                origin.channel,
                origin.tenant_id,
                None,
            ),
            Reference(
                PLATFORM, USER, origin.user, origin.service_url, None, origin.tenant_id, origin.user_name or None
            ),
        ]
        refs += [
            Reference(PLATFORM, USER, person, origin.service_url, None, origin.tenant_id, name or None)
            for person, name in mentioned.items()
            if person != origin.user
        ]
        with self._lock:
            changed = [ref for ref in refs if self._written.get((ref.kind, ref.key)) != ref]
        if not changed:
            return
        conversation_refs.remember(self.database, changed, now)
        with self._lock:
            if len(self._written) > CACHE_LIMIT:
                self._written.clear()
            self._written.update({(ref.kind, ref.key): ref for ref in changed})

    def channel(self, channel: str) -> Reference | None:
        """Where the bot can post in a procedure's channel."""
        return conversation_refs.lookup(self.database, PLATFORM, CHANNEL, channel)

    def person(self, user: str) -> Reference | None:
        """Where the bot met a person (their serviceUrl and tenant)."""
        return conversation_refs.lookup(self.database, PLATFORM, USER, user)

    def names(self, users: list[str]) -> dict[str, str]:
        """Display names of people, where known."""
        return conversation_refs.names(self.database, PLATFORM, users)
