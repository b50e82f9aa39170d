"""The procedure dossier (export): steps with who and when, roles and the audit log."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.core.progress import effective_status, school_of, skipped_by_school
from bot.core.render import STATUS_LABEL, person, role_names, when
from bot.core.state import ProcedureState, Status
from bot.core.text import escape


def dossier(plan: Plan, state: ProcedureState, log: list[dict[str, str]]) -> dict[str, Any]:
    """The dossier as plain data, in the shape of the `export --json` contract."""
    school = school_of(plan, state)
    steps = []
    for sub in plan.substeps():
        record = state.record(sub.id)
        note = record.note
        if record.status is Status.OPEN and school and skipped_by_school(plan, state, sub):
            note = f"Vervalt bij de {school.name.lower()}"
        steps.append(
            {
                "id": sub.id,
                "title": sub.title,
                "step": sub.step,
                "phase": sub.phase,
                "status": effective_status(plan, state, sub).value,
                "by": record.by,
                "at": record.at.isoformat() if record.at else None,
                "note": note,
                "planned": state.planned[sub.id].isoformat() if sub.id in state.planned else None,
                "planned_time": state.planned_times[sub.id].strftime("%H:%M")
                if sub.id in state.planned_times
                else None,
            }
        )
    return {
        "channel": state.channel,
        "municipality": state.municipality,
        "school": state.school,
        "platform": state.platform,
        "started_by": state.created_by,
        "started_at": state.created_at.isoformat(),
        "closed_at": state.closed_at.isoformat() if state.closed_at else None,
        "steps": steps,
        "roles": [{"user": user, "roles": list(roles)} for user, roles in sorted(state.roles.items()) if roles],
        "log": log,
    }


def dossier_text(plan: Plan, state: ProcedureState, log: list[dict[str, str]], tz: ZoneInfo) -> str:
    """The dossier as readable Dutch text."""
    school = school_of(plan, state)
    out = [
        f"*Dossier procedure gemeentesecretaris {escape(state.municipality)}*",
        f"Gestart door {person(state.created_by)} op {when(state.created_at, tz)}"
        + (f", afgesloten op {when(state.closed_at, tz)}" if state.closed_at else ""),
        f"School: {school.name if school else 'niet gekozen'}",
    ]
    for sub in plan.substeps():
        record = state.record(sub.id)
        status = effective_status(plan, state, sub)
        line = f"{sub.id} {sub.title}: {STATUS_LABEL[status]}"
        if record.status is not Status.OPEN:
            line += f" ({person(record.by)}, {when(record.at, tz)})"
        if record.note:
            line += f" — {escape(record.note)}"
        out.append(line)
    if state.roles:
        out.append(
            "Rollen: " + "; ".join(f"{person(u)}: {role_names(plan, r)}" for u, r in sorted(state.roles.items()) if r)
        )
    out.append(f"Logboek: {len(log)} regels (volledig via `python -m bot export --channel {state.channel}`).")
    return "\n".join(out)
