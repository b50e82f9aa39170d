"""Timelines on working days: a proposal from a start date, and the expected dates as the plan slips."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.content.durations import Timing
from bot.content.plan import Plan, SubStep
from bot.core.planning.workdays import add_working_days, first_working_day_from
from bot.core.progress import effective_status, open_substeps
from bot.core.state import ProcedureState, Status


@dataclass(frozen=True)
class Slot:
    """One open sub-step on the timeline."""

    substep: SubStep
    day: date  # the date the sub-step is planned or expected to be done
    begin: date  # the day the sub-step starts (the previous one's date, or the start date)
    planned: date | None = None  # the date the committee planned, if any


def propose(plan: Plan, state: ProcedureState, start: date, timing: Timing) -> list[Slot]:
    """Every open sub-step (school's lapsed ones left out) on working days from `start`, by typical duration."""
    cursor = first_working_day_from(start)
    slots = []
    for sub in open_substeps(plan, state):
        begin, cursor = cursor, add_working_days(cursor, timing.days_for(sub.id))
        slots.append(Slot(sub, cursor, begin, state.planned.get(sub.id)))
    return slots


def expected(plan: Plan, state: ProcedureState, today: date, timing: Timing) -> list[Slot]:
    """The open remainder replanned from `today` with the typical durations, never earlier than planned.

    Each open sub-step comes at least its typical duration after the one before it, and not before its
    planned date, so a slip pushes everything after it. The first open sub-step keeps its planned date
    when that is still ahead (the work on it is under way); when that date has passed it is expected on
    the next working day, and without a date it takes its typical duration from today. On the day a
    proposal is adopted the expected dates equal the planned ones.
    """
    start = first_working_day_from(today)
    previous: date | None = None
    slots = []
    for sub in open_substeps(plan, state):
        planned = state.planned.get(sub.id)
        begin = previous or start
        if previous is not None:
            earliest = add_working_days(previous, timing.days_for(sub.id))
        elif planned is None:
            earliest = add_working_days(start, timing.days_for(sub.id))
        else:
            earliest = start if planned >= today else add_working_days(start, 1 if start == today else 0)
        day = planned if planned is not None and planned >= earliest else earliest
        slots.append(Slot(sub, day, begin, planned))
        previous = day
    return slots


def done_day(state: ProcedureState, substep_id: str) -> date | None:
    """The day a sub-step was ticked off (UTC date of the record), or None when it is not done."""
    record = state.record(substep_id)
    if record.status is Status.DONE and record.at is not None:
        return record.at.date()
    return None


def _when(plan: Plan, state: ProcedureState, slots: list[Slot], substep_id: str, *, begin: bool) -> date | None:
    """When a sub-step starts (begin) or is done on this timeline, or its tick-off day; None when it lapsed."""
    for slot in slots:
        if slot.substep.id == substep_id:
            return slot.begin if begin else slot.day
    return done_day(state, substep_id)


def appointment_day(plan: Plan, state: ProcedureState, slots: list[Slot], timing: Timing) -> date | None:
    """The expected (or actual) day of the appointment on this timeline."""
    return _when(plan, state, slots, timing.warn_to, begin=False)


def recruitment_weeks(plan: Plan, state: ProcedureState, slots: list[Slot], timing: Timing) -> float | None:
    """Weeks from the public start of recruitment to the appointment on this timeline (None when unknown)."""
    begin = _when(plan, state, slots, timing.warn_from, begin=True)
    finish = appointment_day(plan, state, slots, timing)
    if begin is None or finish is None:
        return None
    return (finish - begin).days / 7


def appointment_outlook(plan: Plan, state: ProcedureState, today: date) -> tuple[date, date | None] | None:
    """The expected appointment date replanned from today, with the planned one; None when it is not open."""
    timing = plan.timing
    target = plan.substep(timing.warn_to) if timing else None
    if timing is None or target is None or effective_status(plan, state, target) is not Status.OPEN:
        return None
    end = appointment_day(plan, state, expected(plan, state, today, timing), timing)
    return (end, state.planned.get(target.id)) if end is not None else None
