"""Delivering queued reminders: claim with a lease, check they still make sense, send, mark; retry with back-off.

Right before each send the lease is renewed from the clock (not the round's `now`), and a row whose
lease passed to another process is not sent. A `transactional` sender (one that only queues the
message in the database, as the serving bot's does) is called inside the transaction that checks the
lease and marks the row sent, so the reminder is queued exactly once whatever happens.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.content.plan import Plan
from bot.core.messages import Audience, Reply
from bot.core.ports import Sender
from bot.core.state import ProcedureState
from bot.reminders.rules import still_relevant
from bot.storage import outbox
from bot.storage.db import Database
from bot.storage.store import SqliteUnitOfWork

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=2)
DEFAULT_BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=2)
DEFAULT_MAX_ATTEMPTS = 6


def backoff(attempts: int, base: timedelta = DEFAULT_BASE_DELAY) -> timedelta:
    """Wait before the next attempt: base, 2×base, 4×base, … capped at MAX_DELAY."""
    return min(base * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def as_reply(row: outbox.OutboxRow) -> Reply:
    """The reply for a queued reminder: a direct message for a role holder, else a channel message."""
    if row.role is not None:
        return Reply(row.text, Audience.DIRECT, user=row.recipient)
    return Reply(row.text, Audience.CHANNEL)


class Deliverer:
    """Sends what is due in the outbox through a Sender, each reminder once even with several processes."""

    def __init__(
        self,
        database: Database,
        plan: Plan,
        sender: Sender,
        *,
        lease: timedelta = DEFAULT_LEASE,
        base_delay: timedelta = DEFAULT_BASE_DELAY,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        batch: int = 50,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.database = database
        self.plan = plan
        self.sender = sender
        self.lease = lease
        self.base_delay = base_delay
        self.max_attempts = max_attempts
        self.batch = batch
        self.clock = clock
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def deliver_due(self, now: datetime) -> int:
        """Deliver every reminder due at `now`; returns how many were sent."""
        sent = 0
        while True:
            claimed = outbox.claim(self.database, self.owner, now, self.lease, self.batch)
            for row in claimed:
                sent += self._deliver(row, now)
            if len(claimed) < self.batch:
                return sent

    def _deliver(self, row: outbox.OutboxRow, now: datetime) -> int:
        if row.attempts > self.max_attempts:  # its lease ran out after the last attempt
            outbox.retry_or_fail(self.database, row.id, self.owner, "lease expired", None)
            log.error("reminder %s (rule %s) given up after %d attempts", row.id, row.rule, row.attempts - 1)
            return 0
        state = self._state(row.procedure_id)
        if not still_relevant(self.plan, state, row.kind, row.substep, row.role, row.recipient, row.dedupe_key):
            outbox.finish(self.database, row.id, self.owner, outbox.CANCELLED, now)
            log.info("reminder %s (rule %s) dropped: no longer relevant", row.id, row.rule)
            return 0
        if getattr(self.sender, "transactional", False):
            return self._queue(row, now)
        if not outbox.renew(self.database, row.id, self.owner, self._now(now), self.lease):
            log.warning("reminder %s (rule %s) not sent: its lease passed to another process", row.id, row.rule)
            return 0
        try:
            self.sender.send(row.channel, as_reply(row))
        except Exception as exc:  # any platform error: keep the row and try again later
            self._failed(row, now, exc)
            return 0
        if not outbox.finish(self.database, row.id, self.owner, outbox.SENT, now):
            log.warning("reminder %s (rule %s) sent, but its lease had passed to another process", row.id, row.rule)
        log.info("reminder %s (rule %s) delivered to %s", row.id, row.rule, row.audience)
        return 1

    def _queue(self, row: outbox.OutboxRow, now: datetime) -> int:
        """Lease check, hand-over to the sender and 'sent' in one transaction."""
        try:
            with self.database.transaction(write=True):
                if not outbox.renew(self.database, row.id, self.owner, self._now(now), self.lease):
                    log.warning(
                        "reminder %s (rule %s) not queued: its lease passed to another process", row.id, row.rule
                    )
                    return 0
                self.sender.send(row.channel, as_reply(row))
                outbox.finish(self.database, row.id, self.owner, outbox.SENT, now)
        except Exception as exc:  # the hand-over failed and was rolled back: try again later
            self._failed(row, now, exc)
            return 0
        log.info("reminder %s (rule %s) queued for %s", row.id, row.rule, row.audience)
        return 1

    def _now(self, now: datetime) -> datetime:
        """The moment a lease is renewed from: the clock's (a round can take long), never before the round's."""
        return max(now, self.clock()) if self.clock is not None else now

    def _failed(self, row: outbox.OutboxRow, now: datetime, exc: Exception) -> None:
        error = f"{type(exc).__name__}: {str(exc)[:160]}"
        if row.attempts >= self.max_attempts:
            outbox.retry_or_fail(self.database, row.id, self.owner, error, None)
            log.error("reminder %s (rule %s) failed %d times, giving up: %s", row.id, row.rule, row.attempts, error)
            return
        retry_at = now + backoff(row.attempts, self.base_delay)
        outbox.retry_or_fail(self.database, row.id, self.owner, error, retry_at)
        log.warning(
            "reminder %s (rule %s) attempt %d failed, retry at %s: %s",
            row.id,
            row.rule,
            row.attempts,
            outbox.stamp(retry_at),
            error,
        )

    def _state(self, procedure: int) -> ProcedureState | None:
        with self.database.transaction(write=False) as db:
            found = outbox.procedure_row(db, procedure)
            return SqliteUnitOfWork(db).load_state(found) if found else None
