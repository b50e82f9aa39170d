"""Pure rule evaluation: given the rules, the plan, a procedure's state and events or a moment, what to queue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.content.reminder_rules import ReminderRule, ReminderRules
from bot.core.events import Event, ProcedureStarted, RoleAssigned, SchoolChosen, SubstepBecameNext, SubstepDone
from bot.core.progress import effective_status
from bot.core.state import ProcedureState, Status
from bot.core.text import escape
from bot.reminders.digest import digest_body
from bot.reminders.workdays import (
    first_working_day_from,
    next_working_day,
    working_days_before,
    working_days_between,
)

# Reminders about a sub-step that lose their point once the sub-step is done or skipped.
SUBSTEP_BOUND = frozenset({"substep-next", "before-planned", "overdue"})
# Reminders about a planned date; their key ends in that date (`rule|substep|YYYY-MM-DD`).
DATE_BOUND = frozenset({"before-planned", "overdue"})


@dataclass(frozen=True)
class Reminder:
    """One reminder the rules want queued; storage adds the procedure to `key` for de-duplication."""

    rule: str
    kind: str  # the rule's trigger type
    audience: str  # "channel" or "role:<role id>"
    recipients: tuple[str, ...]  # role holders to message privately; empty for the channel or when nobody holds it
    substep: str | None  # the sub-step the reminder is about, if any
    key: str  # rule | subject | occurrence
    text: str
    due: datetime  # UTC

    @property
    def private(self) -> bool:
        """True for a direct message to a role holder."""
        return self.audience.startswith("role:")

    @property
    def role(self) -> str | None:
        """The receiving role, or None for the channel."""
        return self.audience[5:] if self.private else None


def for_events(
    rules: ReminderRules,
    plan: Plan,
    after: ProcedureState,
    events: Sequence[Event],
    now: datetime,
    tz: ZoneInfo,
) -> list[Reminder]:
    """The reminders that these events trigger, given the state after the command."""
    out: list[Reminder] = []
    for event in events:
        for rule in rules.rules:
            if rule.trigger.is_timed or not _school_ok(rule, after):
                continue
            subject = _event_subject(rule, event)
            if subject is None:
                continue
            substep = subject if rule.trigger.type in ("substep-done", "substep-next") else None
            recipients = _recipients(rule, after)
            if isinstance(event, RoleAssigned) and rule.role == event.role:
                recipients = (event.user,)  # the welcome goes to the new holder only
            school = event.school if isinstance(event, SchoolChosen) else None
            text = render(rule, plan, after, tz, now, substep=substep, school=school)
            out.append(
                Reminder(
                    rule.id,
                    rule.trigger.type,
                    rule.audience,
                    recipients,
                    substep,
                    f"{rule.id}|{subject}|1",
                    text,
                    now.astimezone(UTC),
                )
            )
    return out


def _event_subject(rule: ReminderRule, event: Event) -> str | None:
    """What the event is about when it matches the rule's trigger, else None."""
    kind = rule.trigger.type
    if kind == "procedure-started" and isinstance(event, ProcedureStarted):
        return "procedure"
    if kind == "substep-done" and isinstance(event, SubstepDone) and event.substep == rule.trigger.substep:
        return event.substep
    if kind == "substep-next" and isinstance(event, SubstepBecameNext) and event.substep == rule.trigger.substep:
        return event.substep
    if kind == "role-assigned" and isinstance(event, RoleAssigned) and event.role == rule.trigger.role:
        return event.user
    if kind == "school-chosen" and isinstance(event, SchoolChosen):
        return event.school
    return None


def for_moment(rules: ReminderRules, plan: Plan, state: ProcedureState, now: datetime, tz: ZoneInfo) -> list[Reminder]:
    """The time-based reminders (before a planned date, overdue, weekly digest) due at `now`."""
    if state.closed_at is not None:
        return []
    today = now.astimezone(tz).date()
    out: list[Reminder] = []
    for rule in rules.rules:
        if not rule.trigger.is_timed or not _school_ok(rule, state):
            continue
        if rule.trigger.type == "weekly-digest":
            out.extend(_digest(rule, plan, state, now, tz))
            continue
        for sub_id, day in _planned_targets(rules, rule, plan, state):
            if rule.trigger.type == "before-planned":
                due = _at(working_days_before(day, rule.trigger.working_days), rule, tz)
                if not (due <= now and today <= day):
                    continue
            else:
                due = _at(next_working_day(day), rule, tz)
                if due > now:
                    continue
            text = render(rule, plan, state, tz, now, substep=sub_id, day=day)
            out.append(
                Reminder(
                    rule.id,
                    rule.trigger.type,
                    rule.audience,
                    _recipients(rule, state),
                    sub_id,
                    f"{rule.id}|{sub_id}|{day.isoformat()}",
                    text,
                    due,
                )
            )
    return out


def _planned_targets(
    rules: ReminderRules, rule: ReminderRule, plan: Plan, state: ProcedureState
) -> Iterable[tuple[str, date]]:
    """Open sub-steps with a planned date that this rule covers; a rule for one sub-step beats a general one."""
    if rule.trigger.substep is not None:
        candidates = [rule.trigger.substep]
    else:
        specific = {r.trigger.substep for r in rules.of_type(rule.trigger.type) if r.trigger.substep}
        candidates = [s.id for s in plan.substeps() if s.id not in specific]
    for sub_id in candidates:
        sub = plan.substep(sub_id)
        day = state.planned.get(sub_id)
        if sub is not None and day is not None and effective_status(plan, state, sub) is Status.OPEN:
            yield sub_id, day


def _digest(rule: ReminderRule, plan: Plan, state: ProcedureState, now: datetime, tz: ZoneInfo) -> list[Reminder]:
    recipients = _recipients(rule, state)
    if not recipients:
        return []  # a digest is made for the person who reads it; nobody holds the role, so none is made
    today = now.astimezone(tz).date()
    year, week, weekday = today.isocalendar()
    day = first_working_day_from(date.fromordinal(today.toordinal() - (weekday - 1) + rule.trigger.weekday))
    due = _at(day, rule, tz)
    if day.isocalendar()[:2] != (year, week) or due > now or due < state.created_at:
        return []
    assert rule.role is not None
    lines = [_header(rule, state), rule.text, *digest_body(plan, state, rule.role, now, tz), _source(rule)]
    return [
        Reminder(
            rule.id,
            rule.trigger.type,
            rule.audience,
            recipients,
            None,
            f"{rule.id}|{year}-W{week:02d}",
            "\n".join(lines),
            due,
        )
    ]


def render(
    rule: ReminderRule,
    plan: Plan,
    state: ProcedureState,
    tz: ZoneInfo,
    now: datetime,
    *,
    substep: str | None = None,
    day: date | None = None,
    school: str | None = None,
) -> str:
    """The reminder's text with its placeholders filled in, a heading and the guide section it rests on."""
    sub = plan.substep(substep) if substep else None
    chosen = plan.school(school) if school else None
    values = {
        "gemeente": escape(state.municipality),
        "id": sub.id if sub else "",
        "titel": sub.title if sub else "",
        "datum": day.strftime("%d-%m-%Y") if day else "",
        "dagen": _days_phrase(now.astimezone(tz).date(), day) if day else "",
        "school": chosen.name.lower() if chosen else "",
    }
    body = rule.text.format(**values)
    return "\n".join([_header(rule, state), body, _source(rule)])


def _header(rule: ReminderRule, state: ProcedureState) -> str:
    if rule.private:
        return (
            f"🔒 *Persoonlijke herinnering* over de werving van de gemeentesecretaris in {escape(state.municipality)}"
        )
    return "🔔 *Herinnering*"


def _source(rule: ReminderRule) -> str:
    return f"Bron: handreiking VGS, §{rule.section}"


def _days_phrase(today: date, day: date) -> str:
    count = working_days_between(today, day)
    if day <= today:
        return "vandaag"
    if count <= 1:
        return "over 1 werkdag"
    return f"over {count} werkdagen"


def _recipients(rule: ReminderRule, state: ProcedureState) -> tuple[str, ...]:
    return state.holders(rule.role) if rule.role else ()


def _school_ok(rule: ReminderRule, state: ProcedureState) -> bool:
    return not rule.schools or state.school in rule.schools


def _at(day: date, rule: ReminderRule, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, rule.trigger.at, tzinfo=tz).astimezone(UTC)


def still_relevant(
    plan: Plan,
    state: ProcedureState | None,
    kind: str,
    substep: str | None,
    role: str | None,
    recipient: str,
    key: str | None = None,
) -> bool:
    """Whether a queued reminder still makes sense: procedure open, sub-step still open, recipient holds the role,
    and for a reminder about a planned date (its key ends in that date) the date is still the planned one."""
    if state is None or state.closed_at is not None:
        return False
    if kind in SUBSTEP_BOUND and substep:
        sub = plan.substep(substep)
        if sub is None or effective_status(plan, state, sub) is not Status.OPEN:
            return False
    if kind in DATE_BOUND and substep and key:
        planned = state.planned.get(substep)
        if planned is None or key.rsplit("|", 1)[-1] != planned.isoformat():
            return False  # the date was moved or cleared: the reminder about the old date lapses
    return not (role and recipient and recipient not in state.holders(role))
