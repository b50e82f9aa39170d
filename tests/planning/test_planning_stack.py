"""Planning through the whole stack (console core, SQLite, real calendar), with freezegun moving the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from freezegun import freeze_time
from planning_support import ok, refused, say

from bot.core.dossier import dossier
from bot.core.planning.workdays import is_working_day, working_days_between

MONDAY = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)  # Monday 11 January 2027, 09:00 in Amsterdam
FRIDAY_BEFORE_XMAS = datetime(2026, 12, 18, 8, 0, tzinfo=UTC)


def planned(app, sub_id):
    return app.store.procedure("C1").planned.get(sub_id)


def test_proposal_across_christmas_and_kings_day(make_planning_app):
    with freeze_time(FRIDAY_BEFORE_XMAS):
        app = make_planning_app()
        ok(app, "start Zaanstad", "klaar 1a", "school zuiver")
        proposal = say(app, "planning voorstel 24 december")
        assert len(proposal) == 1 and proposal[0].actions, "a proposal offers a button to adopt it"
        assert proposal[0].actions[0].command == "planning voorstel 2026-12-24 vastleggen"
        assert "Voorstel voor de planning" in proposal[0].text and "nog niets vastgelegd" in proposal[0].text
        assert app.store.procedure("C1").planned == {}, "a proposal changes nothing"
        assert "vastgelegd" in ok(app, proposal[0].actions[0].command)
    state = app.store.procedure("C1")
    days = [state.planned[s.id] for s in app.plan.substeps() if s.id in state.planned]
    assert "1a" not in state.planned  # done sub-steps are not planned again
    assert all(is_working_day(d) for d in days)
    assert days == sorted(days)
    # 24 Dec 2026 (Thursday) + 5 working days for 1b: 28, 29, 30, 31 December and, past New Year, 4 January
    assert state.planned["1b"] == date(2027, 1, 4)
    timing = app.plan.timing
    previous = date(2026, 12, 24)
    for sub in app.plan.substeps()[1:]:
        assert working_days_between(previous, state.planned[sub.id]) == timing.days_for(sub.id), sub.id
        previous = state.planned[sub.id]
    crossing = [s.id for s in app.plan.substeps()[1:] if date(2027, 4, 27) in _span(state, app, s.id)]
    assert crossing, "the plan crosses King's Day"
    assert date(2027, 4, 27) not in days


def _span(state, app, sub_id):
    ids = [s.id for s in app.plan.substeps()]
    prev = state.planned.get(ids[ids.index(sub_id) - 1], date(2026, 12, 24))
    return {prev + timedelta(days=n) for n in range((state.planned[sub_id] - prev).days + 1)}


def test_proposal_leaves_out_the_schools_lapsed_substeps(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "school breed", "planning voorstel vandaag vastleggen")
    school = app.plan.school("breed")
    assert school.not_applicable
    assert not set(app.store.procedure("C1").planned) & school.not_applicable


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("15 maart 2027", date(2027, 3, 15), None),
        ("15 mrt", date(2027, 3, 15), None),
        ("15-3", date(2027, 3, 15), None),
        ("15-03-27", date(2027, 3, 15), None),
        ("2027-03-15", date(2027, 3, 15), None),
        ("15-03-2027", date(2027, 3, 15), None),
        ("morgen", date(2027, 1, 12), None),
        ("volgende week dinsdag", date(2027, 1, 19), None),
        ("15 maart 10:00", date(2027, 3, 15), time(10, 0)),
    ],
)
def test_each_date_form_through_the_bot(make_planning_app, text, day, at):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad")
        reply = ok(app, f"planning 6a {text}")
    state = app.store.procedure("C1")
    assert state.planned == {"6a": day}
    assert state.planned_times.get("6a") == at
    step = next(s for s in dossier(app.plan, state, [])["steps"] if s["id"] == "6a")
    assert step["planned"] == day.isoformat() and step["planned_time"] == (at.strftime("%H:%M") if at else None)
    assert day.strftime("%d-%m-%Y") in reply and "Ik las" in reply


def test_planning_with_only_a_date_plans_the_next_open_substep(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "klaar 1a", "planning volgende week dinsdag")
    assert app.store.procedure("C1").planned == {"1b": date(2027, 1, 19)}


def test_an_ordinal_day_is_a_date_not_a_substep(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 1e maart")
    assert app.store.procedure("C1").planned == {"1a": date(2027, 3, 1)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("planning 6a 15", "welke dag en maand"),
        ("planning 6a 04-01-2027", "pas op maandag 11 januari 2027 gestart"),
        ("planning 6a 16-01-2027", "zaterdag"),
        ("planning 6a 29-03-2027", "Tweede paasdag"),
        ("planning 6a 27 april", "Koningsdag"),
        ("planning 6a 15-03-2030", "meer dan 2 jaar"),
        ("planning 6a ²", "geen gewoon cijfer"),
        ("planning 6a 12-13-2027", "Bedoel je 13-12-2027?"),
        ("planning 6a maart", "niet precies genoeg"),
        ("planning 6a 15 maart 25:00", "geen geldige tijd"),
        ("planning 11z 15-03-2027", "bestaat niet"),
        ("planning voorstel", "startdatum"),
        ("planning voorstel gisteren", "gestart"),
    ],
)
def test_refusals_change_nothing(make_planning_app, text, expected):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 2a 01-02-2027")
        message = refused(app, text)
    assert expected in message


def test_an_order_that_contradicts_the_plan_is_refused(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 2a 01-03-2027")
        message = refused(app, "planning 5a 15-02-2027")
        assert "vóór 2a" in message and "maandag 1 maart 2027" in message
        message = refused(app, "planning 1b 02-03-2027")
        assert "ná 2a" in message
        ok(app, "planning 5a 01-03-2027")  # the same day is fine
    assert planned(app, "5a") == date(2027, 3, 1)


def test_the_expected_appointment_moves_as_steps_slip(make_planning_app):
    with freeze_time(MONDAY) as frozen:
        app = make_planning_app()
        ok(app, "start Zaanstad", "school zuiver", "planning voorstel 11-01-2027 vastleggen")
        first = say(app, "planning")[0].text
        planned_end = planned(app, "10b")
        assert "Verwachte benoeming (10b)" in first and "te laat" not in first
        assert _dmy(planned_end) in first
        frozen.move_to(datetime(2027, 2, 15, 8, 0, tzinfo=UTC))  # five weeks on, nothing ticked off
        later = say(app, "planning")[0].text
    assert "⏰ *te laat*" in later
    assert "later dan gepland" in later
    lines = later.splitlines()
    # the plan is listed by date
    listed = [
        datetime.strptime(line.split()[2].rstrip(":"), "%d-%m-%Y").date() for line in lines if line.startswith("• ")
    ]
    assert listed == sorted(listed)
    expected_line = next(line for line in lines if "Verwachte benoeming" in line)
    assert _long(planned_end) not in expected_line.split(",")[0]


def _dmy(day: date) -> str:
    from bot.core.planning.dates import day_label

    return day_label(day)


def _long(day: date) -> str:
    return _dmy(day)


def test_moving_a_date_reports_the_old_one_and_clearing_works(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 6a 15-03-2027")
        reply = ok(app, "planning 6a 22 maart 14:30")
        assert "was maandag 15 maart 2027" in reply and "om 14:30" in reply
        assert "stond al" in refused(app, "planning 6a 22-03-2027 14:30")
        assert "gewist" in ok(app, "planning 6a wis")
    assert app.store.procedure("C1").planned == {}
    assert app.store.procedure("C1").planned_times == {}


def test_moving_a_date_past_later_ones_offers_to_shift_them_along(make_planning_app):
    from bot.core.planning.workdays import add_working_days

    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "school zuiver", "planning voorstel 11-01-2027 vastleggen")
        before = dict(app.store.procedure("C1").planned)
        target = add_working_days(before["6a"], 5)
        offer = refused(app, f"planning 6a {target.isoformat()}")
        assert "ná 6b" in offer
        replies = say(app, f"planning 6a {target.isoformat()}")
        command = replies[0].actions[0].command
        assert command == f"planning 6a {target.isoformat()} doorschuiven"
        reply = ok(app, command)
    after = app.store.procedure("C1").planned
    assert "5 werkdag(en) later" in reply
    ids = [s.id for s in app.plan.substeps() if s.id in after]
    later = ids[ids.index("6a") + 1 :]
    assert all(after[i] == add_working_days(before[i], 5) for i in later)
    assert all(after[i] == before[i] for i in ids[: ids.index("6a")])
    assert [after[i] for i in ids] == sorted(after[i] for i in ids)


def test_the_weekly_digest_shows_the_expected_appointment(make_planning_app):
    from bot.reminders.digest import digest_body

    with freeze_time(MONDAY) as frozen:
        app = make_planning_app()
        ok(app, "start Zaanstad", "school zuiver", "planning voorstel 11-01-2027 vastleggen")
        state = app.store.procedure("C1")
        on_time = "\n".join(digest_body(app.plan, state, "burgemeester", MONDAY, app.settings.timezone))
        later = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
        frozen.move_to(later)
        slipped = "\n".join(digest_body(app.plan, state, "burgemeester", later, app.settings.timezone))
    assert "*Verwachte benoeming:*" in on_time and "loopt uit" not in on_time
    assert "loopt uit" in slipped and "*Te laat:*" in slipped
