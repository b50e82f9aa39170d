"""Reminders after `heropen`: what a tick triggered and was not sent is dropped; ticking again sends it again."""

from __future__ import annotations

from fakes import FakeClock
from reminder_support import RecordingSender, commands

from bot.reminders.scheduler import ReminderScheduler


def mayor_messages(sender: RecordingSender) -> list[str]:
    return [s.reply.text for s in sender.take() if s.reply.user == "piet"]


def test_a_tick_undone_before_delivery_sends_nothing(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "rol @piet burgemeester")
    scheduler.run_once(app.clock())
    sender.take()  # the welcome
    commands(app, "klaar 10b", "heropen 10b")
    scheduler.run_once(app.clock())
    assert not [s for s in sender.take() if s.reply.user == "piet"]


def test_ticking_again_after_heropen_sends_the_news_again(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "rol @piet burgemeester")
    scheduler.run_once(app.clock())
    sender.take()
    commands(app, "klaar 10b")
    scheduler.run_once(app.clock())
    first = mayor_messages(sender)
    assert len(first) == 1
    commands(app, "heropen 10b")
    scheduler.run_once(app.clock())
    assert mayor_messages(sender) == []
    commands(app, "klaar 10b")
    scheduler.run_once(app.clock())
    assert mayor_messages(sender) == first  # the same news, now true
    with app.store.database.transaction(write=False) as db:
        sent = [r["rule"] for r in db.query("SELECT rule FROM reminder_outbox WHERE status = 'sent'")]
    assert sent.count("burgemeester-intern-achteraf") == 2  # both deliveries stay on record
