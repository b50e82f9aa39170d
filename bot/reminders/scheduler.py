"""The scheduler inside a serving process: evaluates time-based rules into the outbox and delivers what is due."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from bot.bootstrap import Application
from bot.core.ports import Sender
from bot.reminders.delivery import Deliverer
from bot.reminders.policy import OutboxReminderPolicy, load_rules, queue
from bot.reminders.rules import for_moment
from bot.storage import outbox
from bot.storage.store import SqliteUnitOfWork

log = logging.getLogger(__name__)


class ReminderScheduler:
    """Runs `run_once(app.clock())` every `interval` seconds on a daemon thread until stopped."""

    def __init__(self, app: Application, sender: Sender, *, interval: float = 30.0) -> None:
        self.app = app
        self.sender = sender
        self.interval = interval
        policy = app.bot.reminder_policy
        self.rules = policy.rules if isinstance(policy, OutboxReminderPolicy) else load_rules(app.settings, app.plan)
        self.tz = app.settings.timezone
        self.deliverer = Deliverer(app.store.database, app.plan, sender, clock=app.clock)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the background thread (a no-op when it already runs)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="werving-reminders", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run a round now instead of at the end of the interval (e.g. right after a command was handled)."""
        self._wake.set()

    def stop(self) -> None:
        """Ask the thread to stop and wait for it to finish its current run."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=max(self.interval, 5.0) + 30.0)
            self._thread = None

    def run_once(self, now: datetime) -> int:
        """Queue the time-based reminders due at `now`, then deliver everything due; returns the number sent."""
        self.evaluate(now)
        return self.deliverer.deliver_due(now)

    def evaluate(self, now: datetime) -> int:
        """Queue the time-based reminders of every open procedure due at `now`; returns the rows added."""
        added = 0
        with self.app.store.database.transaction(write=True) as db:
            uow = SqliteUnitOfWork(db)
            for row in outbox.open_procedures(db):
                state = uow.load_state(row)
                for reminder in for_moment(self.rules, self.app.plan, state, now, self.tz):
                    added += queue(db, int(row["id"]), state.channel, reminder, now)
        return added

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_once(self.app.clock())
            except Exception:  # keep the scheduler alive; the next round tries again
                log.exception("reminder round failed")
            self._wake.wait(self.interval)
