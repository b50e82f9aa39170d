"""Dutch text for replies: status, sub-step explanations, roles, help and the dossier."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.content.plan import Plan, Step, SubStep
from bot.core.progress import effective_status, next_substep, phase_progress, school_of, skipped_by_school
from bot.core.state import ProcedureState, Status
from bot.core.text import escape
from bot.core.views import StatusView, SubstepLine

STATUS_LABEL = {Status.OPEN: "open", Status.DONE: "afgerond", Status.SKIPPED: "overgeslagen"}
STATUS_MARK = {Status.OPEN: "☐", Status.DONE: "✅", Status.SKIPPED: "➖"}
FLAG_LABEL = {"diversiteit": "let op diversiteit!", "optioneel": "optioneel", "indien-nodig": "indien nodig"}


def when(moment: datetime | None, tz: ZoneInfo) -> str:
    """A stored UTC time as Dutch local date and time."""
    if moment is None:
        return "onbekend"
    return moment.astimezone(tz).strftime("%d-%m-%Y %H:%M")


def person(user: str | None) -> str:
    """A user id as a mention."""
    return f"<@{user}>" if user else "onbekend"


def substep_label(sub: SubStep) -> str:
    """'5b Kandidaten uitnodigen voor eerste gespreksronde (let op diversiteit!)'."""
    flags = [FLAG_LABEL[f] for f in sorted(sub.flags)]
    return f"*{sub.id}* {sub.title}" + (f" _({', '.join(flags)})_" if flags else "")


def role_names(plan: Plan, role_ids: tuple[str, ...]) -> str:
    """Role ids as a Dutch enumeration of names."""
    names = [plan.role_by_id(r).name for r in role_ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def status_view(plan: Plan, state: ProcedureState) -> StatusView:
    """Structured status of a procedure."""
    lines = {s.id: SubstepLine(s.id, s.title, effective_status(plan, state, s)) for s in plan.substeps()}
    upcoming = [line for line in lines.values() if line.status is Status.OPEN][:3]
    skipped = [line for line in lines.values() if line.status is Status.SKIPPED]
    return StatusView(
        channel=state.channel,
        municipality=state.municipality,
        school=state.school,
        phases=tuple(phase_progress(plan, state)),
        next=tuple(upcoming),
        skipped=tuple(skipped),
        complete=not upcoming,
    )


def status_text(plan: Plan, state: ProcedureState) -> str:
    """Status as text: progress per phase, what is next, what is skipped and why."""
    view = status_view(plan, state)
    school = school_of(plan, state)
    out = [f"*Procedure gemeentesecretaris {escape(state.municipality)}*"]
    out.append(f"School: {school.name}" if school else "School: nog niet gekozen (`school zuiver|breed|tussen`)")
    for p in view.phases:
        title = plan.phases[p.phase - 1].title
        out.append(f"Fase {p.phase} {title}: {p.done}/{p.total} substappen afgerond")
    nxt = next_substep(plan, state)
    if nxt is None:
        out.append("Alle substappen zijn afgerond of overgeslagen. Sluit af met `afsluiten`.")
    else:
        step = plan.step(nxt.step)
        assert step is not None
        out.append(f"Jullie zijn bij stap {step.id} ({step.title}). Volgende: {substep_label(nxt)}")
        out.append(f"Aan zet: {role_names(plan, nxt.acts)}. Uitleg: `stap {nxt.id}`, afvinken: `klaar {nxt.id}`.")
    skipped = [s for s in plan.substeps() if effective_status(plan, state, s) is Status.SKIPPED]
    if skipped:
        parts = []
        for s in skipped:
            reason = f"vervalt bij de {school.name.lower()}" if school and skipped_by_school(plan, state, s) else ""
            note = state.record(s.id).note
            parts.append(f"{s.id}" + (f" ({reason})" if reason else f" ({escape(note)})" if note else ""))
        out.append("Overgeslagen: " + ", ".join(parts))
    return "\n".join(out)


def substep_text(plan: Plan, sub: SubStep, state: ProcedureState | None, tz: ZoneInfo) -> str:
    """A sub-step explained: what, who acts, whom to involve, what to watch, guide section, status."""
    step = plan.step(sub.step)
    assert step is not None
    out = [f"{substep_label(sub)} (stap {step.id} {step.title}, fase {sub.phase})", sub.explanation]
    out.append(f"Aan zet: {role_names(plan, sub.acts)}.")
    if sub.involve:
        out.append(f"Betrek: {role_names(plan, sub.involve)}.")
    if sub.checklist:
        out.append("Vragen om te beantwoorden:\n" + "\n".join(f"• {c}" for c in sub.checklist))
    if sub.watch:
        out.append("Let op:\n" + "\n".join(f"• {w}" for w in sub.watch))
    if state is not None:
        school = school_of(plan, state)
        if school and sub.id in school.substep_notes:
            out.append(f"Bij de {school.name.lower()}: {school.substep_notes[sub.id]}")
        record = state.record(sub.id)
        status = effective_status(plan, state, sub)
        line = f"Status: {STATUS_LABEL[status]}"
        if record.status is not Status.OPEN:
            line += f" door {person(record.by)} op {when(record.at, tz)}"
        elif status is Status.SKIPPED and school:
            line += f" (vervalt bij de {school.name.lower()})"
        if record.note:
            line += f" — {escape(record.note)}"
        planned = state.planned.get(sub.id)
        if planned:
            line += f"; gepland op {planned.strftime('%d-%m-%Y')}"
        out.append(line)
    out.append(f"Bron: handreiking VGS, §{sub.section}")
    return "\n".join(out)


def step_text(plan: Plan, step: Step, state: ProcedureState | None) -> str:
    """A whole step with its sub-steps and their status."""
    out = [f"*Stap {step.id} {step.title}* (fase {step.phase} {plan.phases[step.phase - 1].title})"]
    for sub in step.substeps:
        mark = STATUS_MARK[effective_status(plan, state, sub)] + " " if state else "• "
        out.append(mark + substep_label(sub))
    out.append("Meer over een substap: `stap <id>`, bijvoorbeeld `stap " + step.substeps[0].id + "`.")
    return "\n".join(out)


STORAGE_NOTICE = (
    "*Wat ik bewaar:* per substap de status, wie hem afvinkte en wanneer, met je toelichting; rollen, school, "
    "planning, wie de procedure afsloot en waarom, en een logboek van elke wijziging. *Wat ik nooit bewaar:* "
    "gegevens waarmee een kandidaat te herkennen is (namen, e-mailadressen, telefoonnummers, cv's, brieven, "
    "bijlagen); een toelichting met zulke gegevens weiger ik."
)


def valid_ids_hint(plan: Plan) -> str:
    """A short reminder of which sub-step ids exist."""
    steps = list(plan.steps())
    ranges = ", ".join(f"{s.substeps[0].id}–{s.substeps[-1].id}" for s in steps)
    return f"Geldige substappen: {ranges}."
