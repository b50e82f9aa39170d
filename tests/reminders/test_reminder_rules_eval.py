"""The pure rule evaluation, with plain datetimes: which reminders, for whom, due when."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.bootstrap import load_content
from bot.config import Settings
from bot.core.events import RoleAssigned, SchoolChosen, SubstepBecameNext, SubstepDone
from bot.core.state import ProcedureState, Status, SubstepRecord
from bot.reminders.policy import load_rules
from bot.reminders.rules import for_events, for_moment, still_relevant

TZ = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def plan():
    return load_content(Settings())


@pytest.fixture(scope="module")
def rules(plan):
    return load_rules(Settings(), plan)


def state(**kwargs) -> ProcedureState:
    base = ProcedureState("C1", "Zaanstad <&>", "console", "jan", datetime(2027, 1, 11, 8, 0, tzinfo=UTC))
    return replace(base, **kwargs)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def by_rule(reminders):
    return {r.rule: r for r in reminders}


def test_a_welcome_goes_only_to_the_new_holder(plan, rules):
    after = state(roles={"piet": ("burgemeester",), "kees": ("burgemeester",)})
    now = at(2027, 1, 11, 9, 0)
    found = by_rule(for_events(rules, plan, after, [RoleAssigned("C1", "kees", "burgemeester")], now, TZ))
    welcome = found["welkom-burgemeester"]
    assert welcome.recipients == ("kees",) and welcome.private and welcome.due == now
    assert welcome.key == "welkom-burgemeester|kees|1"
    assert "Zaanstad &lt;&amp;&gt;" in welcome.text  # the typed municipality is escaped
    assert welcome.text.endswith("Bron: handreiking VGS, §1.2.2 Inrichting selectieproces")


def test_private_rules_without_a_holder_have_no_recipient_and_channel_rules_never_do(plan, rules):
    events = [SubstepBecameNext("C1", "3f")]
    found = by_rule(for_events(rules, plan, state(), events, at(2027, 1, 11, 9, 0), TZ))
    assert found["burgemeester-raad"].recipients == () and found["burgemeester-raad"].private
    assert found["raad-informeren"].recipients == () and not found["raad-informeren"].private
    done = by_rule(for_events(rules, plan, state(), [SubstepDone("C1", "1d")], at(2027, 1, 11, 9, 0), TZ))
    assert set(done) == {"burgemeester-intern-vooraf"}


def test_school_conditions(plan, rules):
    now = at(2027, 1, 11, 9, 0)
    for school in ("zuiver", "breed", "tussen"):
        found = for_events(rules, plan, state(school=school), [SchoolChosen("C1", school)], now, TZ)
        assert [r.rule for r in found] == [f"or-rol-{school}"]
        assert found[0].key == f"or-rol-{school}|{school}|1"


def test_before_a_planned_date(plan, rules):
    planned = state(planned={"6a": date(2027, 2, 10)})  # a Wednesday; the rule says 3 working days before
    assert "gesprekken-voorbereiden" not in by_rule(for_moment(rules, plan, planned, at(2027, 2, 5, 7, 59), TZ))
    found = by_rule(for_moment(rules, plan, planned, at(2027, 2, 5, 8, 0), TZ))
    reminder = found["gesprekken-voorbereiden"]
    assert reminder.due == at(2027, 2, 5, 8, 0) and reminder.key == "gesprekken-voorbereiden|6a|2027-02-10"
    assert "over 3 werkdagen" in reminder.text and "10-02-2027" in reminder.text
    assert "gepland-binnenkort" not in found  # a rule for this sub-step beats the general one
    # Planned late (after the moment, before the day): it still comes, with the real distance.
    late = by_rule(for_moment(rules, plan, planned, at(2027, 2, 9, 10, 0), TZ))["gesprekken-voorbereiden"]
    assert "over 1 werkdag" in late.text
    on_the_day = by_rule(for_moment(rules, plan, planned, at(2027, 2, 10, 10, 0), TZ))["gesprekken-voorbereiden"]
    assert "vandaag" in on_the_day.text
    # After the day it is no longer "before"; once done it is not due at all.
    assert "gesprekken-voorbereiden" not in by_rule(for_moment(rules, plan, planned, at(2027, 2, 11, 10, 0), TZ))
    done = replace(planned, substeps={"6a": SubstepRecord(Status.DONE, "jan", at(2027, 2, 1, 9, 0))})
    assert for_moment(rules, plan, done, at(2027, 2, 5, 9, 0), TZ) == []


def test_overdue_is_due_the_next_working_day(plan, rules):
    planned = state(planned={"4b": date(2027, 3, 26)})  # Friday before Easter
    assert "te-laat" not in by_rule(for_moment(rules, plan, planned, at(2027, 3, 29, 12, 0), TZ))  # Easter Monday
    late = by_rule(for_moment(rules, plan, planned, at(2027, 3, 30, 7, 0), TZ))["te-laat"]  # 09:00 summer time
    assert late.due == at(2027, 3, 30, 7, 0) and late.key == "te-laat|4b|2027-03-26"


def test_school_skipped_substeps_get_no_time_reminders(plan, rules):
    breed = state(school="breed", planned={"7d": date(2027, 2, 10)})
    assert for_moment(rules, plan, breed, at(2027, 2, 20, 9, 0), TZ) == []


def test_weekly_digest(plan, rules):
    mayor = state(roles={"piet": ("burgemeester",)})
    assert for_moment(rules, plan, state(), at(2027, 1, 18, 9, 0), TZ) == []  # nobody to read it
    assert for_moment(rules, plan, mayor, at(2027, 1, 18, 7, 29), TZ) == []  # 08:29 in Amsterdam
    digest = by_rule(for_moment(rules, plan, mayor, at(2027, 1, 20, 12, 0), TZ))["weekoverzicht-burgemeester"]
    assert digest.due == at(2027, 1, 18, 7, 30) and digest.key == "weekoverzicht-burgemeester|2027-W03"
    assert digest.recipients == ("piet",)
    for part in ("*Gedaan:*", "*Volgende:*", "*1a*", "*Wacht op jou:*"):
        assert part in digest.text
    # Started after this week's moment: the first digest comes next week.
    assert for_moment(rules, plan, mayor, at(2027, 1, 11, 12, 0), TZ) == []
    # Easter Monday is no working day: the digest comes on Tuesday.
    easter = replace(mayor, created_at=at(2027, 3, 1, 8, 0))
    assert for_moment(rules, plan, easter, at(2027, 3, 29, 12, 0), TZ) == []
    tuesday = by_rule(for_moment(rules, plan, easter, at(2027, 3, 30, 7, 0), TZ))["weekoverzicht-burgemeester"]
    assert tuesday.due == at(2027, 3, 30, 6, 30)
    closed = replace(mayor, closed_at=at(2027, 1, 15, 9, 0))
    assert for_moment(rules, plan, closed, at(2027, 1, 18, 9, 0), TZ) == []


def test_still_relevant(plan):
    open_state = state(roles={"piet": ("burgemeester",)})
    assert still_relevant(plan, open_state, "substep-next", "2b", "burgemeester", "piet")
    assert not still_relevant(plan, open_state, "substep-next", "2b", "burgemeester", "kees")  # role taken away
    done = replace(open_state, substeps={"2b": SubstepRecord(Status.DONE)})
    assert not still_relevant(plan, done, "substep-next", "2b", None, "")
    assert still_relevant(plan, done, "substep-done", "2b", None, "")  # "it was ticked" stays true
    assert not still_relevant(
        plan, replace(open_state, closed_at=at(2027, 1, 12, 9, 0)), "role-assigned", None, None, ""
    )
    assert not still_relevant(plan, None, "procedure-started", None, None, "")
