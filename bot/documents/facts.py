"""The procedure's own facts as the templates see them: municipality, school, sub-steps, roles and answers.

Names are Dutch because the HR adviser who edits the templates reads them. Never candidate data: the
state holds none, and sub-step notes are left out because a note might still name someone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.content.documents import DocumentSpec
from bot.content.plan import Plan
from bot.core.progress import effective_status, skipped_by_school
from bot.core.state import ProcedureState, Status

OPEN_MARK = "[nog in te vullen: {}]"
_BLOCK_START = re.compile(r"^[#>*+-]")
_NUMBERED_START = re.compile(r"^(\d+)([.)])")

# What the committee answered: (document kind, question id) -> the answer, or None when skipped.
Answers = Mapping[tuple[str, str], str | None]

_STATUS_LABEL = {Status.DONE: "afgerond", Status.SKIPPED: "niet van toepassing", Status.OPEN: "open"}


def as_markdown_text(value: str) -> str:
    """A typed answer as literal Markdown text: it cannot open a heading, list or quote, or split a table cell."""
    value = value.replace("|", "\\|")
    value = _BLOCK_START.sub(lambda m: "\\" + m.group(0), value)
    return _NUMBERED_START.sub(r"\1\\\2", value)


def open_field(label: str) -> str:
    """The visible marker of a field the committee still has to fill in."""
    return OPEN_MARK.format(label)


def build_facts(
    plan: Plan,
    state: ProcedureState,
    answers: Answers,
    specs: Mapping[str, DocumentSpec],
    target: DocumentSpec,
    tz: ZoneInfo,
    now: datetime,
) -> dict[str, Any]:
    """Everything a template may use, for one procedure and one target document."""
    school = next((s for s in plan.schools if s.id == state.school), None)
    return {
        "document": {"titel": target.title, "soort": target.kind, "voor_kandidaten": target.for_candidates},
        "gemeente": state.municipality,
        "datum": now.astimezone(tz).strftime("%d-%m-%Y"),
        "gestart": state.created_at.astimezone(tz).strftime("%d-%m-%Y"),
        "school": (
            {"id": school.id, "naam": school.name, "samenvatting": school.summary, "past_bij": school.fits_when}
            if school
            else {"id": "", "naam": open_field("school (kies met `school zuiver|breed|tussen`)")}
        ),
        "stappen": _substeps(plan, state, tz),
        "rollen": _roles(plan, state),
        "antwoord": _answers(specs, answers, target),
        "beantwoord": {
            kind: {q.id: bool(answers.get((kind, q.id))) for q in spec.questions} for kind, spec in specs.items()
        },
    }


def _substeps(plan: Plan, state: ProcedureState, tz: ZoneInfo) -> dict[str, dict[str, str]]:
    rows = {}
    for sub in plan.substeps():
        status = effective_status(plan, state, sub)
        record = state.record(sub.id)
        label = _STATUS_LABEL[status]
        if status is Status.SKIPPED and record.status is Status.OPEN and skipped_by_school(plan, state, sub):
            label = "vervalt bij deze school"
        done_on = record.at.astimezone(tz).strftime("%d-%m-%Y") if record.at and status is Status.DONE else ""
        planned = state.planned.get(sub.id)
        rows[sub.id] = {
            "id": sub.id,
            "titel": sub.title,
            "status": label,
            "afgerond_op": done_on,
            "gepland": planned.strftime("%d-%m-%Y") if planned else "",
            "datum": done_on or (planned.strftime("%d-%m-%Y") if planned else open_field(f"datum van {sub.id}")),
        }
    return rows


def _roles(plan: Plan, state: ProcedureState) -> dict[str, dict[str, Any]]:
    roles = {}
    for role in plan.roles:
        holders = state.holders(role.id)
        roles[role.id] = {
            "naam": role.name,
            "bezet": bool(holders),
            "wie": ", ".join(f"@{h}" for h in holders) if holders else open_field(f"wie de rol {role.name} heeft"),
        }
    return roles


def _answers(specs: Mapping[str, DocumentSpec], answers: Answers, target: DocumentSpec) -> dict[str, dict[str, str]]:
    """Each answer, or its visible open marker; private answers are absent from documents for candidates."""
    result: dict[str, dict[str, str]] = {}
    for kind, spec in specs.items():
        fields = {}
        for q in spec.questions:
            if q.private and target.for_candidates:
                continue  # a template for candidates that names it fails validation at start-up
            value = answers.get((kind, q.id))
            fields[q.id] = as_markdown_text(value) if value else open_field(q.label)
        result[kind] = fields
    return result


def dossier_answers(specs: Mapping[str, DocumentSpec], answers: Answers) -> dict[str, dict[str, str | None]]:
    """The committee's answers for the dossier (export), per document; private answers stay out, None is skipped."""
    result: dict[str, dict[str, str | None]] = {}
    for kind, spec in specs.items():
        fields = {q.id: answers[(kind, q.id)] for q in spec.questions if not q.private and (kind, q.id) in answers}
        if fields:
            result[kind] = fields
    return result
