"""A new role holder's welcome comes before every other private reminder waiting for them."""

from __future__ import annotations

from fakes import FakeClock
from reminder_support import RecordingSender, commands
from safe_support import grant, run_confirmed

from bot.reminders.scheduler import ReminderScheduler

NEWS = "De benoeming is een feit"


def first_line(text: str) -> str:
    return text.split("\n", 2)[1]  # after the header "🔒 *Persoonlijke herinnering* …"


def test_the_welcome_comes_before_news_that_waited_for_the_role(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad")
    grant(app, "C1", "jan", "college")
    run_confirmed(app, "klaar 10b")  # news for the mayor, who is not there yet: it waits
    scheduler.run_once(app.clock())
    assert not [s for s in sender.take() if s.private]
    commands(app, "rol @piet burgemeester")
    scheduler.run_once(app.clock())
    private = [first_line(s.reply.text) for s in sender.take() if s.reply.user == "piet"]
    assert len(private) == 2
    assert private[0].startswith("Welkom.") and private[1].startswith(NEWS)


def test_the_welcome_comes_before_an_earlier_reminder_not_yet_sent(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad")
    grant(app, "C1", "jan", "college")
    grant(app, "C1", "piet", "college")  # piet already holds a role and gets news privately
    run_confirmed(app, "klaar 10b")
    app.clock.advance(minutes=5)  # the news is queued but not sent before piet becomes mayor
    commands(app, "rol @piet burgemeester")
    scheduler.run_once(app.clock())
    private = [first_line(s.reply.text) for s in sender.take() if s.reply.user == "piet"]
    assert len(private) >= 2 and private[0].startswith("Welkom."), private


def test_the_console_prints_the_welcome_first(chat, app):
    chat.say("/werving start Zaanstad")
    grant(app, "C1", "jan", "college")
    chat.say("/werving klaar 10b")
    assert any("afgevinkt" in line for line in chat.say("/werving bevestig"))
    lines = [line for line in chat.say("/werving rol @piet burgemeester") if line.startswith("[privé aan @piet]")]
    assert len(lines) == 2 and "Welkom." in lines[0] and NEWS in lines[1]
