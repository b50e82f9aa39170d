"""The step plan, roles and schools as frozen dataclasses, loaded and cross-checked from procedures/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.content.durations import Timing, load_timing
from bot.content.errors import ContentError
from bot.content.yamlfile import field_list, field_str, read_yaml, require_list

FLAGS = frozenset({"diversiteit", "optioneel", "indien-nodig"})
_ROLE_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_SUBSTEP_ID = re.compile(r"^([1-9]|10)[a-z]$")


@dataclass(frozen=True)
class Role:
    """A party in the procedure (burgemeester, OR, selectiecommissie, ...)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    assignable: bool
    description: str
    section: str


@dataclass(frozen=True)
class School:
    """A way to set up the committees: zuiver, breed or tussen."""

    id: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    fits_when: str
    section: str
    not_applicable: frozenset[str]
    substep_notes: dict[str, str]


@dataclass(frozen=True)
class SubStep:
    """One of the 37 sub-steps (1a .. 10c)."""

    id: str
    title: str
    explanation: str
    watch: tuple[str, ...]
    section: str
    acts: tuple[str, ...]
    involve: tuple[str, ...]
    flags: frozenset[str]
    checklist: tuple[str, ...]
    step: int
    phase: int
    order: int


@dataclass(frozen=True)
class Step:
    """One of the ten steps."""

    id: int
    title: str
    section: str
    substeps: tuple[SubStep, ...]
    phase: int


@dataclass(frozen=True)
class Phase:
    """One of the three phases."""

    id: int
    title: str
    question: str
    section: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    """The whole step plan with its roles and schools."""

    phases: tuple[Phase, ...]
    roles: tuple[Role, ...]
    schools: tuple[School, ...]
    timing: Timing | None = None  # typical durations (procedures/durations.yaml), for proposed timelines

    def steps(self) -> Iterator[Step]:
        """All steps in order."""
        for phase in self.phases:
            yield from phase.steps

    def substeps(self) -> tuple[SubStep, ...]:
        """All sub-steps in the guide's order."""
        return tuple(s for step in self.steps() for s in step.substeps)

    def substep(self, substep_id: str) -> SubStep | None:
        """The sub-step with this id (case-insensitive), or None."""
        wanted = substep_id.strip().lower()
        return next((s for s in self.substeps() if s.id == wanted), None)

    def step(self, step_id: int) -> Step | None:
        """The step with this number, or None."""
        return next((s for s in self.steps() if s.id == step_id), None)

    def role(self, name: str) -> Role | None:
        """The role with this id or alias (case-insensitive), or None."""
        wanted = " ".join(name.strip().lower().split())
        for role in self.roles:
            if wanted == role.id or wanted in role.aliases or wanted == role.name.lower():
                return role
        return None

    def role_by_id(self, role_id: str) -> Role:
        """The role with exactly this id (must exist)."""
        return next(r for r in self.roles if r.id == role_id)

    def school(self, name: str) -> School | None:
        """The school with this id or alias (case-insensitive), or None."""
        wanted = " ".join(name.strip().lower().split())
        for school in self.schools:
            if wanted == school.id or wanted in school.aliases:
                return school
        return None


def load_sections(knowledge_dir: Path) -> frozenset[str]:
    """The guide section ids from knowledge/sections.yaml."""
    path = knowledge_dir / "sections.yaml"
    entries = require_list(path, read_yaml(path), "sections")
    return frozenset(field_str(path, e, "id", f"sections[{i}]") for i, e in enumerate(entries))


def load_plan(procedures_dir: Path, sections: frozenset[str]) -> Plan:
    """Load roles.yaml, schools.yaml and plan.yaml and check every cross-reference."""
    roles = _load_roles(procedures_dir / "roles.yaml", sections)
    role_ids = frozenset(r.id for r in roles)
    phases = _load_phases(procedures_dir / "plan.yaml", sections, role_ids)
    substep_ids = frozenset(s.id for p in phases for st in p.steps for s in st.substeps)
    schools = _load_schools(procedures_dir / "schools.yaml", sections, substep_ids)
    timing = load_timing(procedures_dir, tuple(s.id for p in phases for st in p.steps for s in st.substeps), sections)
    return Plan(phases=phases, roles=roles, schools=schools, timing=timing)


def _check_section(path: Path, where: str, section: str, sections: frozenset[str]) -> None:
    if section not in sections:
        raise ContentError(path, where, f"onbekende paragraaf '{section}' (zie knowledge/sections.yaml)")


def _load_roles(path: Path, sections: frozenset[str]) -> tuple[Role, ...]:
    roles: list[Role] = []
    seen: set[str] = set()
    for i, entry in enumerate(require_list(path, read_yaml(path), "roles")):
        where = f"roles[{i}]"
        role_id = field_str(path, entry, "id", where)
        where = f"roles.{role_id}"
        if not _ROLE_ID.match(role_id):
            raise ContentError(path, f"{where}.id", "alleen kleine letters, cijfers en streepjes")
        aliases = tuple(a.lower() for a in field_list(path, entry, "aliases", where))
        for name in (role_id, *aliases):
            if name in seen:
                raise ContentError(path, where, f"naam of alias '{name}' komt al eerder voor")
            seen.add(name)
        assignable = entry.get("assignable", True)
        if not isinstance(assignable, bool):
            raise ContentError(path, f"{where}.assignable", "moet true of false zijn")
        section = field_str(path, entry, "section", where)
        _check_section(path, f"{where}.section", section, sections)
        roles.append(
            Role(
                id=role_id,
                name=field_str(path, entry, "name", where),
                aliases=aliases,
                assignable=assignable,
                description=field_str(path, entry, "description", where),
                section=section,
            )
        )
    return tuple(roles)


def _load_schools(path: Path, sections: frozenset[str], substep_ids: frozenset[str]) -> tuple[School, ...]:
    schools: list[School] = []
    for i, entry in enumerate(require_list(path, read_yaml(path), "schools")):
        school_id = field_str(path, entry, "id", f"schools[{i}]")
        where = f"schools.{school_id}"
        not_applicable = field_list(path, entry, "not_applicable", where)
        notes_raw = entry.get("substep_notes") or {}
        if not isinstance(notes_raw, dict):
            raise ContentError(path, f"{where}.substep_notes", "moet een mapping van stap-id naar tekst zijn")
        notes = {str(k).lower(): str(v).strip() for k, v in notes_raw.items()}
        for ref in (*not_applicable, *notes):
            if ref not in substep_ids:
                raise ContentError(path, where, f"onbekende substap '{ref}'")
        section = field_str(path, entry, "section", where)
        _check_section(path, f"{where}.section", section, sections)
        schools.append(
            School(
                id=school_id,
                name=field_str(path, entry, "name", where),
                aliases=tuple(a.lower() for a in field_list(path, entry, "aliases", where)),
                summary=field_str(path, entry, "summary", where),
                fits_when=field_str(path, entry, "fits_when", where, required=False),
                section=section,
                not_applicable=frozenset(not_applicable),
                substep_notes=notes,
            )
        )
    ids = [s.id for s in schools]
    if sorted(ids) != ["breed", "tussen", "zuiver"]:
        raise ContentError(path, "schools", f"verwacht precies zuiver, breed en tussen, gevonden: {ids}")
    return tuple(schools)


def _load_phases(path: Path, sections: frozenset[str], role_ids: frozenset[str]) -> tuple[Phase, ...]:
    phases: list[Phase] = []
    seen: set[str] = set()
    order = 0
    for pi, p_entry in enumerate(require_list(path, read_yaml(path), "phases")):
        phase_id = _int_field(path, p_entry, f"phases[{pi}]")
        p_where = f"phases.{phase_id}"
        steps: list[Step] = []
        for si, s_entry in enumerate(require_list(path, p_entry, "steps")):
            step_id = _int_field(path, s_entry, f"{p_where}.steps[{si}]")
            s_where = f"{p_where}.steps.{step_id}"
            substeps: list[SubStep] = []
            for ui, u_entry in enumerate(require_list(path, s_entry, "substeps")):
                sub_id = field_str(path, u_entry, "id", f"{s_where}.substeps[{ui}]").lower()
                u_where = f"{s_where}.substeps.{sub_id}"
                match = _SUBSTEP_ID.match(sub_id)
                if not match or int(match.group(1)) != step_id:
                    raise ContentError(path, f"{u_where}.id", f"id moet stap {step_id} plus een letter zijn")
                if sub_id in seen:
                    raise ContentError(path, f"{u_where}.id", "komt dubbel voor")
                seen.add(sub_id)
                substeps.append(_substep(path, u_entry, u_where, sub_id, step_id, phase_id, order, sections, role_ids))
                order += 1
            section = field_str(path, s_entry, "section", s_where)
            _check_section(path, f"{s_where}.section", section, sections)
            steps.append(
                Step(
                    id=step_id,
                    title=field_str(path, s_entry, "title", s_where),
                    section=section,
                    substeps=tuple(substeps),
                    phase=phase_id,
                )
            )
        section = field_str(path, p_entry, "section", p_where)
        _check_section(path, f"{p_where}.section", section, sections)
        phases.append(
            Phase(
                id=phase_id,
                title=field_str(path, p_entry, "title", p_where),
                question=field_str(path, p_entry, "question", p_where, required=False),
                section=section,
                steps=tuple(steps),
            )
        )
    return tuple(phases)


def _substep(
    path: Path,
    entry: dict,
    where: str,
    sub_id: str,
    step_id: int,
    phase_id: int,
    order: int,
    sections: frozenset[str],
    role_ids: frozenset[str],
) -> SubStep:
    acts = field_list(path, entry, "acts", where)
    involve = field_list(path, entry, "involve", where)
    for key, refs in (("acts", acts), ("involve", involve)):
        for ref in refs:
            if ref not in role_ids:
                raise ContentError(path, f"{where}.{key}", f"onbekende rol '{ref}' (zie procedures/roles.yaml)")
    if not acts:
        raise ContentError(path, f"{where}.acts", "noem minstens één rol die deze substap uitvoert")
    flags = frozenset(field_list(path, entry, "flags", where))
    unknown = flags - FLAGS
    if unknown:
        raise ContentError(path, f"{where}.flags", f"onbekende vlag(gen) {sorted(unknown)}; kies uit {sorted(FLAGS)}")
    section = field_str(path, entry, "section", where)
    _check_section(path, f"{where}.section", section, sections)
    return SubStep(
        id=sub_id,
        title=field_str(path, entry, "title", where),
        explanation=field_str(path, entry, "explanation", where),
        watch=field_list(path, entry, "watch", where),
        section=section,
        acts=acts,
        involve=involve,
        flags=flags,
        checklist=field_list(path, entry, "checklist", where),
        step=step_id,
        phase=phase_id,
        order=order,
    )


def _int_field(path: Path, entry: object, where: str) -> int:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), int) or isinstance(entry.get("id"), bool):
        raise ContentError(path, f"{where}.id", "moet een geheel getal zijn")
    return int(entry["id"])
