"""A role the next sub-step needs and nobody holds is flagged once in the channel (the OR before 7d)."""

from __future__ import annotations

from fakes import FakeClock
from reminder_support import RecordingSender, commands

from bot.reminders.scheduler import ReminderScheduler

SUBSTEPS = "1a 1b 1c 1d 2a 2b 2c 3a 3b 3c 3d 3e 3f 4a 4b 4c 5a 5b 6a 6b 6c 6d 6e 7a 7b 7c"
BEFORE_7D = ["klaar " + s for s in SUBSTEPS.split(" ")]


def flagged(sender: RecordingSender) -> list[str]:
    return [s.reply.text for s in sender.take() if s.reply.user is None and "rol van de OR" in s.reply.text]


def test_the_missing_or_is_flagged_once_when_7d_is_next(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "school zuiver", *BEFORE_7D)
    scheduler.run_once(app.clock())
    assert len(flagged(sender)) == 1
    commands(app, "heropen 7c", "klaar 7c")  # 7d becomes next again: no second flag
    scheduler.run_once(app.clock())
    assert flagged(sender) == []


def test_no_flag_when_someone_holds_the_or_role(make_app):
    app = make_app(clock=FakeClock())
    sender = RecordingSender()
    scheduler = ReminderScheduler(app, sender)
    commands(app, "start Zaanstad", "school zuiver", "rol @ria or", *BEFORE_7D)
    scheduler.run_once(app.clock())
    assert flagged(sender) == []
