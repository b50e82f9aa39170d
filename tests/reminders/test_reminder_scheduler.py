"""The scheduler thread inside a serving process: it runs rounds, wakes on request and stops cleanly."""

from __future__ import annotations

import threading
import time

from reminder_support import RecordingSender, commands

from bot.reminders.scheduler import ReminderScheduler
from bot.storage import outbox


def wait_for(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def test_the_thread_delivers_wakes_and_stops(app):
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender, interval=60.0)
    scheduler.start()
    try:
        scheduler.start()  # a second start does not start a second thread
        assert [t.name for t in threading.enumerate()].count("werving-reminders") == 1
        commands(app, "start Zaanstad")
        scheduler.wake()  # no need to wait a whole interval after a command
        assert wait_for(lambda: len(sender.sent) == 1)
        assert "regie" in sender.sent[0].reply.text
    finally:
        scheduler.stop()
    assert not any(t.name == "werving-reminders" for t in threading.enumerate())
    commands(app, "rol @piet burgemeester")
    time.sleep(0.05)
    assert len(sender.sent) == 1  # stopped means stopped


def test_a_failing_round_does_not_kill_the_thread(app, caplog):
    sender = RecordingSender()
    with app.store.database.transaction() as db:
        db.execute("DROP TABLE reminder_outbox")  # every round now fails inside SQLite
    scheduler = ReminderScheduler(app, sender, interval=0.01)
    scheduler.start()
    try:
        assert wait_for(lambda: "reminder round failed" in caplog.text)
        with app.store.database.transaction() as db:
            outbox.m001_outbox(db)  # the table is back
        commands(app, "start Zaanstad")
        assert wait_for(lambda: len(sender.sent) == 1)  # the same thread carries on
    finally:
        scheduler.stop()
