"""Dutch text for the planning: the plan by date, a proposed timeline, the expected appointment and its warning."""

from __future__ import annotations

from datetime import date

from bot.content.durations import Timing
from bot.core.context import Context
from bot.core.planning.dates import day_label, short_label
from bot.core.planning.schedule import Slot, appointment_day, expected, recruitment_weeks
from bot.core.planning.workdays import first_working_day_from, working_days_between
from bot.core.progress import effective_status, open_substeps
from bot.core.render import substep_label
from bot.core.state import ProcedureState, Status

STATUS_WORD = {Status.OPEN: "open", Status.DONE: "afgerond", Status.SKIPPED: "overgeslagen"}


def _time(state: ProcedureState, sub_id: str) -> str:
    at = state.planned_times.get(sub_id)
    return f" om {at.strftime('%H:%M')}" if at else ""


def overview_text(ctx: Context) -> str:
    """The planned dates in date order, what is late, and where the appointment is heading."""
    state = ctx.require_state()
    today = ctx.now.astimezone(ctx.tz).date()
    planned = sorted(
        (day, sub.order, sub) for sub in ctx.plan.substeps() if (day := state.planned.get(sub.id)) is not None
    )
    if not planned:
        lines = [
            "Er zijn nog geen datums gepland. Plan een substap met `planning <id> <datum>`, bijvoorbeeld "
            "`planning 6a 15 maart 2027`, of laat mij alles plannen met `planning voorstel <startdatum>`."
        ]
    else:
        lines = ["*Planning* (op datum)"]
        for day, _, sub in planned:
            status = effective_status(ctx.plan, state, sub)
            late = " — ⏰ *te laat*" if status is Status.OPEN and day < today else ""
            lines.append(
                f"• {short_label(day)}{_time(state, sub.id)}: {substep_label(sub)} ({STATUS_WORD[status]}){late}"
            )
        unplanned = [s.id for s in open_substeps(ctx.plan, state) if s.id not in state.planned]
        if unplanned:
            lines.append(
                f"Nog zonder datum: {len(unplanned)} open substap(pen) ({', '.join(unplanned[:8])}"
                + (", …" if len(unplanned) > 8 else "")
                + "). `planning voorstel <startdatum>` plant alles in één keer."
            )
    if ctx.plan.timing is not None:
        lines.extend(_expected_lines(ctx, state, today, ctx.plan.timing))
    return "\n".join(lines)


def _expected_lines(ctx: Context, state: ProcedureState, today: date, timing: Timing) -> list[str]:
    slots = expected(ctx.plan, state, today, timing)
    target = ctx.plan.substep(timing.warn_to)
    end = appointment_day(ctx.plan, state, slots, timing)
    if target is None or end is None or effective_status(ctx.plan, state, target) is not Status.OPEN:
        return []
    line = f"📌 Verwachte benoeming ({target.id}): *{day_label(end)}*"
    planned = state.planned.get(target.id)
    if planned is not None and end > planned:
        line += (
            f", {working_days_between(planned, end)} werkdag(en) later dan gepland ({day_label(planned)}), "
            "doordat substappen uitlopen, nog geen datum hebben of krapper staan dan gebruikelijk"
        )
    elif planned is None:
        line += ", als de open substappen hun gebruikelijke doorlooptijd krijgen"
    lines = [line + "."]
    warning = _warning(ctx, state, slots, timing)
    if warning:
        lines.append(warning)
    return lines


def _warning(ctx: Context, state: ProcedureState, slots: list[Slot], timing: Timing) -> str | None:
    weeks = recruitment_weeks(ctx.plan, state, slots, timing)
    if weeks is None or weeks <= timing.max_weeks:
        return None
    return (
        f"⚠️ Van de start van de werving ({timing.warn_from}) tot de benoeming ({timing.warn_to}) zit in deze "
        f"planning ongeveer {round(weeks)} weken, meer dan de {timing.max_weeks} weken die als grens zijn ingesteld. "
        "De handreiking raadt aan die periode zo kort mogelijk te houden: kandidaten willen niet lang in "
        "onzekerheid zitten. Een goede voorbereiding maakt de werving en selectie zelf vlotter. "
        f"Bron: handreiking VGS, §{timing.section}"
    )


def proposal_text(ctx: Context, slots: list[Slot], start: date, timing: Timing, *, adopted: bool, command: str) -> str:
    """A proposed (or just adopted) timeline with the expected appointment and, when too long, a warning."""
    state = ctx.require_state()
    head = "*Planning*" if adopted else "*Voorstel voor de planning*"
    first = first_working_day_from(start)
    since = day_label(first) if first == start else f"{day_label(first)} (de eerste werkdag na {day_label(start)})"
    lines = [f"{head} vanaf {since}, op werkdagen, met de gebruikelijke doorlooptijden:"]
    for slot in slots:
        lines.append(f"• {short_label(slot.day)}: {substep_label(slot.substep)}")
    school = ctx.plan.school(state.school) if state.school else None
    if school and school.not_applicable:
        lines.append(
            f"Vervallen bij de {school.name.lower()} en dus niet gepland: {', '.join(sorted(school.not_applicable))}."
        )
    end = appointment_day(ctx.plan, state, slots, timing)
    if end is not None:
        lines.append(f"📌 Verwachte benoeming ({timing.warn_to}): *{day_label(end)}*.")
    warning = _warning(ctx, state, slots, timing)
    if warning:
        lines.append(warning)
    if adopted:
        lines.append("Elke datum kun je nog apart wijzigen met `planning <id> <datum>`; `planning` toont de stand.")
    else:
        lines.append(
            f"Er is nog niets vastgelegd. Overnemen: `{command}` (of de knop). Bestaande datums van open substappen "
            "worden dan vervangen; daarna kun je elke datum apart wijzigen met `planning <id> <datum>`."
        )
    return "\n".join(lines)
