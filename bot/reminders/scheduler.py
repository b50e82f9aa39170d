"""The scheduler inside a serving process: evaluates time-based rules into the outbox and delivers what is due."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from bot.application import Application
from bot.core.ports import Sender
from bot.reminders.delivery import Deliverer
from bot.reminders.policy import OutboxReminderPolicy, load_rules, queue
from bot.reminders.rules import for_moment
from bot.storage import outbox, retention
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
        """Purge what the retention period says, queue the time-based reminders due at `now`, then deliver
        everything due; returns the number sent."""
        self.purge(now)
        self.evaluate(now)
        return self.deliverer.deliver_due(now)

    def purge(self, now: datetime) -> list[int]:
        """Purge notes and private reminder texts of procedures closed longer than the retention period."""
        safeguards = self.app.bot.safeguards
        if safeguards is None:
            return []
        with self.app.store.database.transaction(write=True) as db:
            purged = retention.purge_due(db, now, safeguards.retention.purge_after_days)
        for pid in purged:
            log.info("retention: purged the notes of procedure %s", pid)
        return purged

    def evaluate(self, now: datetime) -> int:
        """Queue the time-based reminders of every open procedure due at `now`; returns the rows added.

        Each procedure is handled on its own (in a savepoint): one procedure's bad data is logged and
        skipped, and never stops the reminders of the others.
        """
        added = 0
        with self.app.store.database.transaction(write=True) as db:
            uow = SqliteUnitOfWork(db)
            for row in outbox.open_procedures(db):
                db.execute("SAVEPOINT procedure_round")
                try:
                    state = uow.load_state(row)
                    count = 0
                    for reminder in for_moment(self.rules, self.app.plan, state, now, self.tz):
                        count += queue(db, int(row["id"]), state.channel, reminder, now)
                except Exception as exc:  # noqa: BLE001 - one procedure's bad data must not stop the round
                    db.execute("ROLLBACK TO SAVEPOINT procedure_round")
                    db.execute("RELEASE SAVEPOINT procedure_round")
                    log.warning("reminder round skipped procedure %s (channel %s): %r", row["id"], row["channel"], exc)
                    continue
                db.execute("RELEASE SAVEPOINT procedure_round")
                added += count
        return added

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_once(self.app.clock())
            except Exception:  # keep the scheduler alive; the next round tries again
                log.exception("reminder round failed")
            self._wake.wait(self.interval)
