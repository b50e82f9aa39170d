"""The document definitions in knowledge/documents/: one YAML (title, sections, questions) and one Jinja2 template each.

An HR adviser edits these files; loading checks every key and names the file and key of any error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.content.errors import ContentError
from bot.content.yamlfile import field_list, field_str, read_yaml

# The kinds of DESIGN.md's contract, in the order the guide needs them.
KINDS: tuple[str, ...] = (
    "profiel",
    "werving",
    "gesprekken",
    "referenties",
    "or-advies",
    "assessment",
    "bw-voorstel",
    "bekendmaking",
)


def unknown_kind_message(kind: str, kinds: tuple[str, ...] = KINDS) -> str:
    """The Dutch error for a kind of document that does not exist, naming the valid kinds."""
    return f"De documentsoort '{kind}' bestaat niet. Kies uit: {', '.join(kinds)}."


_QUESTION_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_KNOWN_KEYS = frozenset({"title", "summary", "substeps", "sections", "for_candidates", "questions"})
_QUESTION_KEYS = frozenset({"id", "group", "label", "prompt", "section", "private"})


@dataclass(frozen=True)
class Question:
    """One question of a document's guided exchange."""

    id: str
    group: str  # the heading it is listed under, e.g. "Kenschets"
    label: str  # short name, used in "[nog in te vullen: <label>]"
    prompt: str  # the question as the bot asks it
    section: str  # the guide section the question rests on
    private: bool  # True: never shown in a document meant for candidates


@dataclass(frozen=True)
class DocumentSpec:
    """One kind of document: what it is, which guide sections it rests on, its questions and its template."""

    kind: str
    title: str
    summary: str
    substeps: tuple[str, ...]
    sections: tuple[str, ...]
    for_candidates: bool  # the file may reach candidates: private answers are withheld
    questions: tuple[Question, ...]
    template_path: Path
    template_source: str

    def question(self, question_id: str) -> Question | None:
        """The question with this id (case-insensitive), or None."""
        wanted = question_id.strip().lower()
        return next((q for q in self.questions if q.id == wanted), None)


def load_specs(folder: Path, sections: frozenset[str], substep_ids: frozenset[str]) -> dict[str, DocumentSpec]:
    """Load the definition and template of every kind; raises ContentError naming file and key."""
    specs = {}
    for kind in KINDS:
        specs[kind] = _load_spec(folder, kind, sections, substep_ids)
    extra = sorted(p.stem for p in folder.glob("*.yaml") if p.stem not in KINDS)
    if extra:
        raise ContentError(
            folder / f"{extra[0]}.yaml", "(bestand)", f"onbekende documentsoort; toegestaan: {', '.join(KINDS)}"
        )
    return specs


def _load_spec(folder: Path, kind: str, sections: frozenset[str], substep_ids: frozenset[str]) -> DocumentSpec:
    path = folder / f"{kind}.yaml"
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, "(bestand)", "moet een mapping zijn met title, sections en eventueel questions")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ContentError(path, unknown[0], f"onbekende sleutel; toegestaan: {', '.join(sorted(_KNOWN_KEYS))}")
    title = field_str(path, data, "title", kind)
    summary = field_str(path, data, "summary", kind)
    substeps = field_list(path, data, "substeps", kind)
    for i, sub in enumerate(substeps):
        if sub not in substep_ids:
            raise ContentError(path, f"substeps[{i}]", f"onbekende substap '{sub}' (zie procedures/plan.yaml)")
    cited = field_list(path, data, "sections", kind)
    if not cited:
        raise ContentError(path, "sections", "noem minstens één paragraaf van de handreiking")
    for i, section in enumerate(cited):
        _check_section(path, f"sections[{i}]", section, sections)
    for_candidates = data.get("for_candidates", False)
    if not isinstance(for_candidates, bool):
        raise ContentError(path, "for_candidates", "moet true of false zijn")
    questions = _load_questions(path, data.get("questions") or [], sections)
    template_path = folder / f"{kind}.md.j2"
    try:
        source = template_path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(template_path, "(bestand)", "sjabloon ontbreekt") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(template_path, "(bestand)", f"niet leesbaar: {exc}") from exc
    return DocumentSpec(
        kind=kind,
        title=title,
        summary=summary,
        substeps=substeps,
        sections=cited,
        for_candidates=for_candidates,
        questions=questions,
        template_path=template_path,
        template_source=source,
    )


def _load_questions(path: Path, raw: object, sections: frozenset[str]) -> tuple[Question, ...]:
    if not isinstance(raw, list):
        raise ContentError(path, "questions", "moet een lijst zijn")
    questions: list[Question] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        where = f"questions[{i}]"
        if not isinstance(entry, dict):
            raise ContentError(path, where, "moet een mapping zijn")
        unknown = sorted(set(entry) - _QUESTION_KEYS)
        if unknown:
            raise ContentError(path, f"{where}.{unknown[0]}", "onbekende sleutel")
        qid = field_str(path, entry, "id", where)
        if not _QUESTION_ID.match(qid):
            raise ContentError(path, f"{where}.id", "alleen kleine letters, cijfers en koppeltekens")
        if qid in seen:
            raise ContentError(path, f"{where}.id", f"'{qid}' komt twee keer voor")
        seen.add(qid)
        section = field_str(path, entry, "section", where)
        _check_section(path, f"{where}.section", section, sections)
        private = entry.get("private", False)
        if not isinstance(private, bool):
            raise ContentError(path, f"{where}.private", "moet true of false zijn")
        questions.append(
            Question(
                id=qid,
                group=field_str(path, entry, "group", where),
                label=field_str(path, entry, "label", where),
                prompt=field_str(path, entry, "prompt", where),
                section=section,
                private=private,
            )
        )
    return tuple(questions)


def _check_section(path: Path, where: str, section: str, sections: frozenset[str]) -> None:
    if section not in sections:
        raise ContentError(path, where, f"onbekende paragraaf '{section}' (zie knowledge/sections.yaml)")
