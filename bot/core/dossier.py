"""The procedure dossier (export): steps with who and when, roles and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.core.progress import effective_status, school_of, skipped_by_school
from bot.core.render import STATUS_LABEL, person, role_names, when
from bot.core.state import ProcedureState, Status
from bot.core.text import escape

HISTORY_ACTIONS = {"RoleAssigned": "roles", "RoleRemoved": "roles", "SchoolChosen": "school"}


def _history(log: list[dict[str, str]], kind: str) -> list[dict[str, str]]:
    """Role or school changes from the audit log, oldest first."""
    return [
        {"at": r["at"], "by": r["actor"], "what": r["object"], "result": r["result"]}
        for r in log
        if HISTORY_ACTIONS.get(r["action"]) == kind
    ]


def dossier(
    plan: Plan,
    state: ProcedureState,
    log: list[dict[str, str]],
    chain: str | None = None,
    reminders: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
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
                "decided": record.decided_on.isoformat() if record.decided_on else None,
            }
        )
    return {
        "id": state.id,
        "channel": state.channel,
        "municipality": state.municipality,
        "school": state.school,
        "platform": state.platform,
        "started_by": state.created_by,
        "started_at": state.created_at.isoformat(),
        "closed_at": state.closed_at.isoformat() if state.closed_at else None,
        "closed_by": state.closed_by,
        "close_reason": state.close_reason,
        "state": "closed" if state.closed_at else "open",
        "audit_chain": chain,
        "steps": steps,
        "roles": [{"user": user, "roles": list(roles)} for user, roles in sorted(state.roles.items()) if roles],
        "role_history": _history(log, "roles"),
        "school_history": _history(log, "school"),
        "reminders_sent": reminders or [],
        "log": log,
    }


def dossier_text(
    plan: Plan,
    state: ProcedureState,
    log: list[dict[str, str]],
    tz: ZoneInfo,
    chain: str | None = None,
    reminders: list[dict[str, str]] | None = None,
) -> str:
    """The dossier as readable Dutch text, with the full audit log and the state of its hash chain."""
    school = school_of(plan, state)
    closed = ""
    if state.closed_at:
        closed = f", afgesloten op {when(state.closed_at, tz)}"
        closed += f" door {person(state.closed_by)}" if state.closed_by else ""
        closed += f" (reden: {escape(state.close_reason)})" if state.close_reason else ""
    out = [
        f"*Dossier procedure gemeentesecretaris {escape(state.municipality)}*"
        + (f" (procedure {state.id})" if state.id else ""),
        f"Gestart door {person(state.created_by)} op {when(state.created_at, tz)}{closed}",
        f"School: {school.name if school else 'niet gekozen'}",
    ]
    for sub in plan.substeps():
        record = state.record(sub.id)
        status = effective_status(plan, state, sub)
        line = f"{sub.id} {sub.title}: {STATUS_LABEL[status]}"
        if record.status is not Status.OPEN:
            line += f" ({person(record.by)}, {when(record.at, tz)})"
        if record.decided_on:
            line += f", besluit {record.decided_on.strftime('%d-%m-%Y')}"
        if sub.id in state.planned:
            line += f", gepland {state.planned[sub.id].strftime('%d-%m-%Y')}"
        if record.note:
            line += f" — {escape(record.note)}"
        out.append(line)
    if state.roles:
        out.append(
            "Rollen: " + "; ".join(f"{person(u)}: {role_names(plan, r)}" for u, r in sorted(state.roles.items()) if r)
        )
    if reminders:
        out.append(f"*Verstuurde herinneringen* ({len(reminders)}; zonder de tekst van privéberichten)")
        for rem in reminders:
            moment = datetime.fromisoformat(rem["sent_at"]) if rem.get("sent_at") else None
            target = "het kanaal" if rem["to"] == "channel" else f"de rol {escape(rem['to'].removeprefix('role:'))}"
            out.append(f"• {when(moment, tz)}: {escape(rem['rule'])} aan {target}")
    out.append(f"*Logboek* ({len(log)} regels)")
    for row in log:
        moment = datetime.fromisoformat(row["at"]) if row.get("at") else None
        obj = f"{escape(row['object'])}: " if row.get("object") else ""
        out.append(f"• {when(moment, tz)} {person(row['actor'])}: {obj}{escape(row['result'])}")
    if chain:
        out.append(chain)
    return "\n".join(out)
