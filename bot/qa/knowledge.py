"""Load and validate the encoded guide (knowledge/*.yaml) and its glossary into frozen dataclasses.

Every problem raises ContentError naming the file and the key, with a Dutch description, so the HR
adviser who edits the files can find and mend it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.errors import ContentError

SECTIONS_FILE = "sections.yaml"
GLOSSARY_FILE = "glossary.yaml"
MAX_ANSWER_CHARS = 1000  # leaves room for the source line within the ~1200 characters of a reply

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_STEP = re.compile(r"^(10|[1-9])[a-z]$")
_ITEM_KEYS = {"id", "title", "section", "answer", "keywords", "questions", "steps"}
_TERM_KEYS = {"term", "also", "en", "explanation", "section", "see"}


@dataclass(frozen=True)
class KnowledgeItem:
    """One question-sized piece of the guide, in our own words, citing its sections."""

    id: str
    title: str
    sections: tuple[str, ...]
    answer: str
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    see: tuple[str, ...] = ()  # ids of items to mention under "Zie ook" (glossary terms)
    kind: str = "item"  # "item", or "term" for a glossary explanation


@dataclass(frozen=True)
class GlossaryTerm:
    """A term or abbreviation, the words users type for it, and a short explanation."""

    term: str
    also: tuple[str, ...]
    english: tuple[str, ...]
    explanation: str
    sections: tuple[str, ...]
    see: tuple[str, ...]


@dataclass(frozen=True)
class Glossary:
    """Terms with explanations, plain synonym groups, English words, and out-of-scope offices."""

    terms: tuple[GlossaryTerm, ...] = ()
    word_groups: tuple[tuple[str, ...], ...] = ()
    english: tuple[tuple[str, str], ...] = ()
    other_offices: tuple[str, ...] = ()
    appointment_words: tuple[str, ...] = ()
    office_traits: tuple[str, ...] = ()  # what an office is like or needs: competenties, basistaken, wonen
    own_office: tuple[str, ...] = ()
    outside_topics: tuple[str, ...] = ()  # words and phrases of subjects the guide does not treat
    procedure_words: tuple[str, ...] = ()  # words that put an outside topic back inside the procedure


@dataclass(frozen=True)
class Knowledge:
    """The whole encoded guide: items (including glossary explanations) and the glossary."""

    items: tuple[KnowledgeItem, ...]
    glossary: Glossary


def content_files(knowledge_dir: Path) -> list[Path]:
    """The YAML files that make up the knowledge, in a stable order."""
    return sorted(knowledge_dir.glob("*.yaml"))


def load_knowledge(knowledge_dir: Path) -> Knowledge:
    """Read and validate every knowledge file; raises ContentError on the first problem."""
    sections = _load_sections(knowledge_dir / SECTIONS_FILE)
    items: list[KnowledgeItem] = []
    origin: dict[str, str] = {}
    for path in content_files(knowledge_dir):
        if path.name in (SECTIONS_FILE, GLOSSARY_FILE):
            continue
        for item in _load_items(path, sections):
            if item.id in origin:
                raise ContentError(path, f"items.{item.id}", f"id komt ook al voor in {origin[item.id]}")
            origin[item.id] = path.name
            items.append(item)
    if not items:
        raise ContentError(knowledge_dir, "items", "geen enkel kennisitem gevonden")
    glossary_path = knowledge_dir / GLOSSARY_FILE
    glossary = _load_glossary(glossary_path, sections) if glossary_path.exists() else Glossary()
    for i, term in enumerate(glossary.terms):
        for ref in term.see:
            if ref not in origin:
                raise ContentError(glossary_path, f"terms[{i}].see", f"onbekend item '{ref}'")
    return Knowledge(items=tuple(items) + tuple(_term_items(glossary)), glossary=glossary)


def _read_yaml(path: Path) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise ContentError(path, "(bestand)", f"kan het bestand niet lezen: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ContentError(path, "(yaml)", f"geen geldige YAML: {exc}") from exc


def _load_sections(path: Path) -> frozenset[str]:
    data = _read_yaml(path)
    entries = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ContentError(path, "sections", "ontbreekt of is geen lijst")
    ids = [e.get("id") if isinstance(e, dict) else None for e in entries]
    for i, sid in enumerate(ids):
        if not isinstance(sid, str) or not sid:
            raise ContentError(path, f"sections[{i}].id", "ontbreekt")
    return frozenset(ids)  # type: ignore[arg-type]


def _load_items(path: Path, sections: frozenset[str]) -> Iterator[KnowledgeItem]:
    data = _read_yaml(path)
    raw = data.get("items") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ContentError(path, "items", "ontbreekt of is geen (gevulde) lijst")
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise ContentError(path, f"items[{i}]", "moet een mapping zijn (id, title, …)")
        item_id = entry.get("id")
        key = f"items[{i}]"
        if not isinstance(item_id, str) or not _ID.match(item_id):
            raise ContentError(path, f"{key}.id", "ontbreekt of bevat andere tekens dan a-z, 0-9 en -")
        key = f"items.{item_id}"
        if item_id in seen:
            raise ContentError(path, key, "id komt twee keer voor in dit bestand")
        seen.add(item_id)
        unknown = sorted(set(entry) - _ITEM_KEYS)
        if unknown:
            raise ContentError(path, f"{key}.{unknown[0]}", "onbekend veld")
        answer = _text(path, key, entry, "answer")
        if len(answer) > MAX_ANSWER_CHARS:
            raise ContentError(path, f"{key}.answer", f"te lang ({len(answer)} tekens, max {MAX_ANSWER_CHARS})")
        steps = _strings(path, key, entry, "steps")
        for step in steps:
            if not _STEP.match(step):
                raise ContentError(path, f"{key}.steps", f"'{step}' is geen substap (1a t/m 10c)")
        yield KnowledgeItem(
            id=item_id,
            title=_text(path, key, entry, "title"),
            sections=_sections(path, key, entry, sections),
            answer=answer,
            keywords=_strings(path, key, entry, "keywords"),
            questions=_strings(path, key, entry, "questions"),
            steps=steps,
        )


def _load_glossary(path: Path, sections: frozenset[str]) -> Glossary:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, "(bestand)", "moet een mapping zijn met terms, word_groups, …")
    raw_terms = data.get("terms") or []
    if not isinstance(raw_terms, list):
        raise ContentError(path, "terms", "moet een lijst zijn")
    terms = []
    for i, entry in enumerate(raw_terms):
        key = f"terms[{i}]"
        if not isinstance(entry, dict):
            raise ContentError(path, key, "moet een mapping zijn (term, also, explanation, section)")
        unknown = sorted(set(entry) - _TERM_KEYS)
        if unknown:
            raise ContentError(path, f"{key}.{unknown[0]}", "onbekend veld")
        terms.append(
            GlossaryTerm(
                term=_text(path, key, entry, "term"),
                also=_strings(path, key, entry, "also"),
                english=_strings(path, key, entry, "en"),
                explanation=_text(path, key, entry, "explanation"),
                sections=_sections(path, key, entry, sections),
                see=_strings(path, key, entry, "see"),
            )
        )
    groups = data.get("word_groups") or []
    if not isinstance(groups, list) or not all(_is_strings(g) and len(g) > 1 for g in groups):
        raise ContentError(path, "word_groups", "moet een lijst van lijsten met minstens twee woorden zijn")
    english = data.get("english") or {}
    if not isinstance(english, dict) or not all(isinstance(v, str) for v in english.values()):
        raise ContentError(path, "english", "moet een mapping zijn van Engels naar Nederlands")
    return Glossary(
        terms=tuple(terms),
        word_groups=tuple(tuple(str(w) for w in g) for g in groups),
        english=tuple((str(k), v) for k, v in english.items()),
        other_offices=_strings(path, "", data, "other_offices"),
        appointment_words=_strings(path, "", data, "appointment_words"),
        office_traits=_strings(path, "", data, "office_traits"),
        own_office=_strings(path, "", data, "own_office"),
        outside_topics=_strings(path, "", data, "outside_topics"),
        procedure_words=_strings(path, "", data, "procedure_words"),
    )


def term_item_id(term: str) -> str:
    """The id of the answerable item made from a glossary term: "begrip-wor"."""
    return "begrip-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def _term_items(glossary: Glossary) -> Iterator[KnowledgeItem]:
    """Each glossary term as an answerable item: "Wat betekent Wor?"."""
    for term in glossary.terms:
        names = (term.term, *term.also[:3])
        questions = tuple(q for name in names for q in (f"Wat betekent {name}?", f"Wat is {name}?"))
        yield KnowledgeItem(
            id=term_item_id(term.term),
            title=f"Begrip: {term.term}",
            sections=term.sections,
            answer=term.explanation,
            keywords=(term.term, *term.also),
            questions=questions + (f"Waar staat {term.term} voor?",),
            see=term.see,
            kind="term",
        )


def _text(path: Path, key: str, entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{key}.{name}", "ontbreekt of is leeg")
    return value.strip()


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str | int) and str(v).strip() for v in value)


def _strings(path: Path, key: str, entry: dict[str, Any], name: str) -> tuple[str, ...]:
    value = entry.get(name)
    if value is None:
        return ()
    if not _is_strings(value):
        raise ContentError(path, f"{key}.{name}".lstrip("."), "moet een lijst met (niet-lege) teksten zijn")
    return tuple(str(v).strip() for v in value)


def _sections(path: Path, key: str, entry: dict[str, Any], known: frozenset[str]) -> tuple[str, ...]:
    value = entry.get("section")
    if isinstance(value, str):
        value = [value]
    if not _is_strings(value) or not value:
        raise ContentError(path, f"{key}.section", "ontbreekt; noem minstens één paragraaf uit sections.yaml")
    for section in value:
        if section not in known:
            raise ContentError(path, f"{key}.section", f"'{section}' staat niet in sections.yaml")
    return tuple(value)
