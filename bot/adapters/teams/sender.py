"""The core's `Sender` port in Teams (reminders, digests): queue the message in the outbox, never post directly.

`transactional`: the reminder deliverer calls `send` inside the transaction that marks the reminder
sent, so the reminder is queued exactly once; the outbox's senders deliver it. A private reminder only
ever goes to a 1:1 chat created on the serviceUrl where that person was met; when that chat cannot be
made, the channel is told, without the private content, to open a chat with the bot once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.adapters.teams.payloads import Composer
from bot.adapters.teams.translate import PLATFORM
from bot.core.messages import Reply
from bot.storage import messages
from bot.storage.db import Database


class QueueingSender:
    """Queues proactive replies in the message outbox for the Teams senders."""

    transactional = True

    def __init__(self, database: Database, composer: Composer, clock: Callable[[], datetime]) -> None:
        self.database = database
        self.composer = composer
        self.clock = clock
        self.wake: Callable[[], None] = lambda: None

    def send(self, channel: str, reply: Reply) -> None:
        """Queue one reminder for `channel` (a DIRECT one for `reply.user` only)."""
        now = self.clock()
        with self.database.transaction(write=True):
            for lane, payload in self.composer.proactive(channel, reply):
                messages.enqueue(self.database, lane, payload, now, platform=PLATFORM)
        self.wake()
