"""The procedure's planning as an iCalendar file: one event per planned sub-step, with stable UIDs.

What goes in: the sub-step's id and title, what it is (the plan's explanation), who acts and who is
involved, the municipality and the guide section. What never goes in: notes typed by the committee
(they might name candidates) or anything else about candidates. The UID is built from the procedure and
the sub-step, so importing a newer file updates the events instead of adding copies.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.core.progress import effective_status
from bot.core.render import role_names
from bot.core.state import ProcedureState, Status

UID_DOMAIN = "werving-bot"
MEETING_LENGTH = timedelta(hours=1)
STATUS_TEXT = {Status.OPEN: "open", Status.DONE: "afgerond", Status.SKIPPED: "overgeslagen"}


def event_uid(procedure_key: str, substep_id: str) -> str:
    """The stable UID of a sub-step's event in one procedure."""
    return f"werving-{procedure_key}-{substep_id}@{UID_DOMAIN}"


def build_calendar(
    plan: Plan,
    state: ProcedureState,
    procedure_key: str,
    tz: ZoneInfo,
    now: datetime,
    revisions: dict[str, int] | None = None,
) -> bytes:
    """The iCalendar file (RFC 5545) with one event per planned sub-step, in plan order.

    `revisions` counts how often each sub-step's date was changed; it becomes the event's SEQUENCE, so a
    calendar that imports the file again sees a moved event as an update of the same event.
    """
    from icalendar import Calendar, Event  # lazily: only the calendar export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//werving-bot//planning gemeentesecretaris//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Werving gemeentesecretaris {state.municipality}")
    calendar.add("x-wr-timezone", str(tz))
    for sub in plan.substeps():
        day = state.planned.get(sub.id)
        if day is None:
            continue
        status = effective_status(plan, state, sub)
        event = Event()
        event.add("uid", event_uid(procedure_key, sub.id))
        event.add("dtstamp", now)
        event.add("sequence", max(0, (revisions or {}).get(sub.id, 1) - 1))
        at = state.planned_times.get(sub.id)
        if at is None:
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        else:
            start = datetime.combine(day, at, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
        event.add("summary", f"{sub.id} {sub.title} (werving gemeentesecretaris {state.municipality})")
        lines = [
            sub.explanation,
            f"Aan zet: {role_names(plan, sub.acts)}.",
        ]
        if sub.involve:
            lines.append(f"Betrokken: {role_names(plan, sub.involve)}.")
        lines.append(f"Stand: {STATUS_TEXT[status]}.")
        lines.append(f"Bron: handreiking VGS, §{sub.section}")
        event.add("description", "\n".join(lines))
        event.add("categories", [f"Fase {sub.phase}", f"Stap {sub.step}"])
        event.add("status", "CANCELLED" if status is Status.SKIPPED else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if at is None else "OPAQUE")
        calendar.add_component(event)
    if state.planned_times:
        calendar.add_missing_timezones()  # a VTIMEZONE for the timed events, so every client reads them alike
    return calendar.to_ical()
