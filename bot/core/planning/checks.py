"""Checks on a date the committee wants to plan: not past, a working day, not too far, in the plan's order."""

from __future__ import annotations

from datetime import date

from bot.content.plan import Plan, SubStep
from bot.core.planning.dates import DateError, When, day_label
from bot.core.planning.workdays import first_working_day_from, holiday_name, is_working_day, working_days_before
from bot.core.progress import effective_status
from bot.core.state import ProcedureState, Status

MAX_YEARS_AHEAD = 2


def latest_allowed(today: date) -> date:
    """The last day that may be planned: two years from today."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def check_day(when: When, shown: str, today: date, started: date, *, working_day: bool = True) -> None:
    """Refuse a past day, a day before the procedure started, one too far ahead, or (unless told not to)
    a weekend day or public holiday."""
    understood = f"Ik lees '{shown}' als {when.label()}"
    day = when.day
    if day < started:
        raise DateError(
            f"{understood}, maar de procedure is pas op {day_label(started)} gestart. "
            "Kies een datum vanaf vandaag; er is niets veranderd."
        )
    if day < today:
        raise DateError(
            f"{understood}, en die datum ligt in het verleden. Kies een datum vanaf vandaag "
            f"({day_label(today)}); er is niets veranderd."
        )
    if day > latest_allowed(today):
        raise DateError(
            f"{understood}: dat is meer dan {MAX_YEARS_AHEAD} jaar vooruit. Klopt het jaartal? "
            "Kies een datum binnen twee jaar; er is niets veranderd."
        )
    if working_day and not is_working_day(day):
        holiday = holiday_name(day)
        reason = (
            f"{holiday}, een algemeen erkende feestdag"
            if holiday
            else f"een {'zaterdag' if day.weekday() == 5 else 'zondag'}"
        )
        raise DateError(
            f"{understood}; dat is {reason}. Kies een werkdag, bijvoorbeeld {_alternatives(day, today)}; "
            "er is niets veranderd."
        )


def _alternatives(day: date, today: date) -> str:
    after = first_working_day_from(day)
    before = working_days_before(day, 0)
    if before < today:
        return day_label(after)
    return f"{day_label(before)} of {day_label(after)}"


class OrderError(DateError):
    """A date that contradicts the plan's order; `later` is True when a later sub-step is in the way."""

    def __init__(self, message: str, *, later: bool) -> None:
        super().__init__(message)
        self.later = later


def check_order(plan: Plan, state: ProcedureState, sub: SubStep, day: date) -> None:
    """Refuse a date that puts the sub-step before an earlier open one, or after a later one, in the plan."""
    for other in plan.substeps():
        planned = state.planned.get(other.id)
        if other.id == sub.id or planned is None or effective_status(plan, state, other) is not Status.OPEN:
            continue
        if other.order < sub.order and planned > day:
            raise OrderError(
                f"Dan komt {sub.id} op {day_label(day)} vóór {other.id}, dat op {day_label(planned)} staat, terwijl "
                f"{other.id} in het stappenplan eerder komt. Kies voor {sub.id} een datum op of na "
                f"{day_label(planned)}, of verschuif eerst {other.id} met `planning {other.id} <datum>`; "
                "er is niets veranderd.",
                later=False,
            )
        if other.order > sub.order and planned < day:
            raise OrderError(
                f"Dan komt {sub.id} op {day_label(day)} ná {other.id}, dat op {day_label(planned)} staat, terwijl "
                f"{other.id} in het stappenplan later komt. Kies voor {sub.id} een datum op of vóór "
                f"{day_label(planned)}, of verschuif eerst {other.id} met `planning {other.id} <datum>`; "
                "er is niets veranderd.",
                later=True,
            )
