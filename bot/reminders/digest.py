"""The weekly private digest: what is done, what is next and what waits on the reader."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.core.planning.dates import day_label
from bot.core.planning.schedule import appointment_outlook
from bot.core.progress import effective_status, next_substep, phase_progress
from bot.core.render import role_names
from bot.core.state import ProcedureState, Status
from bot.core.text import sentence

MAX_WAITING = 4
LOOKAHEAD_DAYS = 14


def digest_body(plan: Plan, state: ProcedureState, role: str, now: datetime, tz: ZoneInfo) -> list[str]:
    """The digest's lines (Slack mrkdwn, Dutch) for whoever holds `role`."""
    today = now.astimezone(tz).date()
    lines = [_done_line(plan, state, now), _next_line(plan, state)]
    waiting = [s for s in plan.substeps() if role in s.acts and effective_status(plan, state, s) is Status.OPEN][
        :MAX_WAITING
    ]
    if waiting:
        lines.append(sentence("*Wacht op jou:* " + "; ".join(f"*{s.id}* {s.title}" for s in waiting)))
    else:
        lines.append("*Wacht op jou:* op dit moment niets.")
    late = [
        s
        for s in plan.substeps()
        if s.id in state.planned and state.planned[s.id] < today and effective_status(plan, state, s) is Status.OPEN
    ]
    if late:
        lines.append(
            "*Te laat:* "
            + "; ".join(f"*{s.id}* (gepland {state.planned[s.id].strftime('%d-%m-%Y')})" for s in late)
            + "."
        )
    soon = [
        s
        for s in plan.substeps()
        if s.id in state.planned
        and today <= state.planned[s.id] <= today + timedelta(days=LOOKAHEAD_DAYS)
        and effective_status(plan, state, s) is Status.OPEN
    ]
    if soon:
        lines.append(
            sentence(
                "*Gepland, komende twee weken:* "
                + "; ".join(f"{state.planned[s.id].strftime('%d-%m-%Y')} *{s.id}* {s.title}" for s in soon)
            )
        )
    outlook = appointment_outlook(plan, state, today) if state.planned else None
    if outlook is not None:
        expected_day, planned_day = outlook
        line = f"*Verwachte benoeming:* {day_label(expected_day)}"
        if planned_day is not None and expected_day > planned_day:
            line += f" (gepland: {day_label(planned_day)}; de planning loopt uit, zie `planning`)"
        lines.append(line + ".")
    return lines


def _done_line(plan: Plan, state: ProcedureState, now: datetime) -> str:
    progress = ", ".join(f"fase {p.phase} {p.done}/{p.total}" for p in phase_progress(plan, state))
    week_ago = now - timedelta(days=7)
    recent = [
        s.id
        for s in plan.substeps()
        if (record := state.record(s.id)).status is Status.DONE and record.at is not None and record.at >= week_ago
    ]
    recent_text = f"afgelopen week afgevinkt: {', '.join(recent)}" if recent else "afgelopen week is niets afgevinkt"
    return f"*Gedaan:* {progress} substappen afgerond; {recent_text}."


def _next_line(plan: Plan, state: ProcedureState) -> str:
    nxt = next_substep(plan, state)
    if nxt is None:
        return "*Volgende:* alle substappen zijn afgerond of overgeslagen; de procedure kan worden afgesloten."
    planned = state.planned.get(nxt.id)
    when = f", gepland op {planned.strftime('%d-%m-%Y')}" if planned else ""
    return f"*Volgende:* *{nxt.id}* {nxt.title}{when} (aan zet: {role_names(plan, nxt.acts)})."
