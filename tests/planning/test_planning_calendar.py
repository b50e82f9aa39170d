"""The planning as an iCalendar file (parsed back with icalendar), and reminders that follow a moved date."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta

from freezegun import freeze_time
from icalendar import Calendar
from planning_support import ok, say

from bot import cli
from bot.reminders.scheduler import ReminderScheduler
from bot.storage import outbox

MONDAY = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam


class Recorder:
    """A Sender that keeps what it was asked to deliver."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def send(self, channel: str, reply) -> None:
        self.texts.append(reply.text)


def export_ics(monkeypatch, settings, path) -> Calendar:
    monkeypatch.setenv("BOT_DB", str(settings.db_path))
    out = io.StringIO()
    assert cli.main(["planning", "--channel", "C1", "--ics", str(path)], out=out) == 0
    assert "geschreven" in out.getvalue()
    return Calendar.from_ical(path.read_bytes())


def events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_ics_round_trip_with_stable_uids(make_planning_app, settings, monkeypatch, tmp_path):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "school zuiver", "klaar 1a gesprekken gevoerd met het college")
        ok(app, "planning voorstel 11-01-2027 vastleggen")
        day_6a, day_6b = app.store.procedure("C1").planned["6a"], app.store.procedure("C1").planned["6b"]
        assert "om 10:00" in ok(app, f"planning 6a {day_6a.isoformat()} 10:00")
        state = app.store.procedure("C1")
        first = events(export_ics(monkeypatch, settings, tmp_path / "a.ics"))
        assert len(first) == len(state.planned)
        uid_6a = next(uid for uid in first if uid.endswith("-6a@werving-bot"))
        event = first[uid_6a]
        assert event.decoded("DTSTART") == datetime.combine(day_6a, time(10, 0), tzinfo=app.settings.timezone)
        assert "6a Eerste gespreksronde" in str(event["SUMMARY"])
        assert "Aan zet:" in str(event["DESCRIPTION"]) and "Bron: handreiking VGS" in str(event["DESCRIPTION"])
        whole_day = next(e for uid, e in first.items() if uid.endswith("-1b@werving-bot"))
        assert whole_day.decoded("DTSTART") == state.planned["1b"]
        # the committee's notes never go into the calendar
        raw = (tmp_path / "a.ics").read_bytes().decode()
        assert "gesprekken gevoerd met het college" not in raw
        ok(app, f"planning 6a {day_6b.isoformat()}")  # moved to the day of 6b, a whole day again
        second = events(export_ics(monkeypatch, settings, tmp_path / "b.ics"))
    assert set(second) == set(first), "a re-export keeps the UIDs, so a re-import updates the events"
    assert second[uid_6a].decoded("DTSTART") == day_6b
    assert int(second[uid_6a]["SEQUENCE"]) > int(first[uid_6a]["SEQUENCE"]), "a moved event is a newer version"


def test_ics_without_procedure_exits_1_in_dutch(settings, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("BOT_DB", str(settings.db_path))
    assert cli.main(["planning", "--channel", "LEEG", "--ics", str(tmp_path / "x.ics")], out=io.StringIO()) == 1
    assert "geen procedure" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def _run_until(scheduler, frozen, until: datetime) -> None:
    now = datetime.now(UTC)
    while now < until:
        now = min(now + timedelta(hours=4), until)
        frozen.move_to(now)
        scheduler.run_once(now)


def test_reminders_follow_a_moved_date(make_planning_app):
    with freeze_time(MONDAY) as frozen:
        app = make_planning_app()
        sender = Recorder()
        scheduler = ReminderScheduler(app, sender)
        ok(app, "start Zaanstad", "planning 6a 20-01-2027")  # 3 working days before: Friday 15 January
        scheduler.run_once(MONDAY)
        sender.texts.clear()
        ok(app, "planning 6a 10-02-2027")  # moved three weeks on
        _run_until(scheduler, frozen, datetime(2027, 1, 22, 12, 0, tzinfo=UTC))
        assert not [t for t in sender.texts if "6a" in t], "no reminder about the old date, and nothing overdue"
        _run_until(scheduler, frozen, datetime(2027, 2, 5, 12, 0, tzinfo=UTC))
        about_6a = [t for t in sender.texts if "(6a)" in t or "Substap 6a" in t]
        assert len(about_6a) == 1 and "10-02-2027" in about_6a[0]


def test_a_queued_reminder_lapses_when_its_date_moves_or_is_cleared(make_planning_app):
    with freeze_time(MONDAY) as frozen:
        app = make_planning_app()
        sender = Recorder()
        scheduler = ReminderScheduler(app, sender)
        ok(app, "start Zaanstad", "planning 6a 20-01-2027", "planning 7c 21-01-2027")
        due = datetime(2027, 1, 19, 8, 0, tzinfo=UTC)  # both reminders are due by now
        frozen.move_to(due)
        assert scheduler.evaluate(due) >= 2  # queued, not yet delivered
        ok(app, "planning 7c wis", "planning 6a 27-01-2027")
        assert app.store.procedure("C1").planned == {"6a": datetime(2027, 1, 27).date()}
        scheduler.deliverer.deliver_due(due)
        assert not [t for t in sender.texts if "20-01-2027" in t or "21-01-2027" in t]
        with app.store.database.transaction(write=False) as db:
            rows = [r for r in outbox.rows(db) if r.substep in ("6a", "7c")]
    assert rows and all(r.status == outbox.CANCELLED for r in rows), [(r.dedupe_key, r.status) for r in rows]


def test_the_step_explanation_still_shows_the_planned_date(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 1a 13-01-2027")
        assert "13-01-2027" in say(app, "stap 1a")[0].text


def test_ics_to_standard_output_and_an_unwritable_file(make_planning_app, settings, monkeypatch, tmp_path, capsys):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 6a 15 maart 10:00")
    monkeypatch.setenv("BOT_DB", str(settings.db_path))
    out = io.StringIO()
    assert cli.main(["planning", "--channel", "C1"], out=out) == 0
    calendar = Calendar.from_ical(out.getvalue())
    assert [str(e["SUMMARY"]).split()[0] for e in calendar.walk("VEVENT")] == ["6a"]
    assert calendar.walk("VTIMEZONE"), "a timed event brings its time zone along"
    blocked = tmp_path / "map"
    blocked.mkdir()
    assert cli.main(["planning", "--channel", "C1", "--ics", str(blocked)], out=io.StringIO()) == 1
    assert "niet schrijven" in capsys.readouterr().err
