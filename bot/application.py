"""What the composition root (bot/bootstrap.py) hands to every entry point: the built application.

It sits below the adapters and the reminders, so they can take an Application without importing the
composition root above them. The reminder scheduler is built through `app.scheduler(sender)`, with the
factory the composition root put in, so no adapter builds one itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.config import Settings
from bot.content.plan import Plan
from bot.core.bot import WervingBot
from bot.core.ports import Sender
from bot.storage.store import SqliteStore

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(UTC)


class Scheduler(Protocol):
    """The reminder scheduler of a running process (bot/reminders/scheduler.py)."""

    def start(self) -> None:
        """Start evaluating and delivering in the background."""
        ...

    def wake(self) -> None:
        """Run a round now."""
        ...

    def stop(self) -> None:
        """Stop the background work."""
        ...

    def run_once(self, now: datetime) -> int:
        """Evaluate and deliver what is due at `now`; returns the number sent."""
        ...


@dataclass
class Application:
    """Everything an adapter needs, built once by bot/bootstrap.py."""

    settings: Settings
    plan: Plan
    store: SqliteStore
    bot: WervingBot
    clock: Clock
    scheduler_factory: Callable[[Application, Sender], Scheduler]  # set by bot/bootstrap.py

    def scheduler(self, sender: Sender) -> Scheduler:
        """A reminder scheduler for this application that delivers through `sender`."""
        return self.scheduler_factory(self, sender)

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()
