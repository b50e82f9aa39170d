"""Loads, validates and renders the document templates (Jinja2 with StrictUndefined) into Markdown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2

from bot.content.documents import KINDS, DocumentSpec, load_specs
from bot.content.errors import ContentError
from bot.content.plan import Plan
from bot.core.state import ProcedureState
from bot.documents.facts import Answers, build_facts, open_field


class _SectionError(Exception):
    """A template cites a guide section that does not exist."""


@dataclass(frozen=True)
class RenderedDocument:
    """One rendered document: its spec and its Markdown."""

    spec: DocumentSpec
    markdown: str


class DocumentLibrary:
    """Every kind of document, its questions and its compiled template; rendering reads no files."""

    def __init__(self, plan: Plan, specs: Mapping[str, DocumentSpec], sections: frozenset[str]) -> None:
        self.plan = plan
        self.specs = dict(specs)
        self.sections = sections
        self.env = jinja2.Environment(
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown, not HTML; the chat escapes the whole text before sending
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals["in_te_vullen"] = open_field
        self.env.globals["bron"] = self._cite
        self.templates: dict[str, jinja2.Template] = {}
        for kind, spec in self.specs.items():
            try:
                self.templates[kind] = self.env.from_string(spec.template_source)
            except jinja2.TemplateSyntaxError as exc:
                raise ContentError(spec.template_path, f"regel {exc.lineno}", f"sjabloonfout: {exc.message}") from exc

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of document, in the guide's order."""
        return tuple(k for k in KINDS if k in self.specs)

    def spec(self, kind: str) -> DocumentSpec | None:
        """The definition of a kind (case-insensitive), or None."""
        return self.specs.get(kind.strip().lower())

    def render(
        self, kind: str, state: ProcedureState, answers: Answers, tz: ZoneInfo, now: datetime
    ) -> RenderedDocument:
        """Render one document for a procedure; raises KeyError for an unknown kind."""
        spec = self.specs[kind]
        facts = build_facts(self.plan, state, answers, self.specs, spec, tz, now)
        text = self.templates[kind].render(**facts)
        return RenderedDocument(spec, _tidy(text))

    def word_file(self, markdown: str, title: str, *, confidential: bool) -> bytes:
        """A rendered document as a Word file, as `python -m bot document … --docx` writes it."""
        from bot.documents.word import docx_bytes  # lazily: python-docx is only needed for the file

        return docx_bytes(markdown, title, confidential=confidential)

    def validate(self) -> None:
        """Render every template for a sample procedure under each school, empty and fully answered.

        A template that names an unknown field, a private answer in a document for candidates, or an
        unknown guide section raises ContentError naming the template file.
        """
        now = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
        tz = ZoneInfo("Europe/Amsterdam")
        full: dict[tuple[str, str], str | None] = {
            (kind, q.id): f"voorbeeld {q.id}" for kind, spec in self.specs.items() for q in spec.questions
        }
        for school in (None, *(s.id for s in self.plan.schools)):
            state = ProcedureState(
                channel="validatie",
                municipality="Voorbeeldgemeente",
                platform="console",
                created_by="validatie",
                created_at=now,
                school=school,
            )
            for kind, spec in self.specs.items():
                for answers in ({}, full):
                    try:
                        self.render(kind, state, answers, tz, now)
                    except jinja2.UndefinedError as exc:
                        hint = (
                            " (vertrouwelijk antwoord in een document voor kandidaten?)" if spec.for_candidates else ""
                        )
                        raise ContentError(
                            spec.template_path, "(sjabloon)", f"onbekend veld: {exc.message}{hint}"
                        ) from exc
                    except _SectionError as exc:
                        raise ContentError(spec.template_path, "bron()", str(exc)) from exc
                    except jinja2.TemplateError as exc:
                        raise ContentError(spec.template_path, "(sjabloon)", f"sjabloonfout: {exc}") from exc

    def _cite(self, *sections: str) -> str:
        """The citation line under a heading: which guide sections the text rests on."""
        for section in sections:
            if section not in self.sections:
                raise _SectionError(f"onbekende paragraaf '{section}' (zie knowledge/sections.yaml)")
        return "_Bron: handreiking, " + "; ".join(f"§{s}" for s in sections) + "_"


def _tidy(text: str) -> str:
    """Collapse runs of blank lines the template's conditionals leave behind."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    return "\n".join(lines).strip() + "\n"


def load_library(knowledge_dir: Path, plan: Plan, sections: frozenset[str]) -> DocumentLibrary:
    """Load knowledge/documents/, compile and trial-render every template; raises ContentError naming file and key."""
    substep_ids = frozenset(s.id for s in plan.substeps())
    library = DocumentLibrary(plan, load_specs(knowledge_dir / "documents", sections, substep_ids), sections)
    library.validate()
    return library
