"""Permissions and statutory guards as data: procedures/permissions.yaml and procedures/statutory.yaml.

Both files are validated at start-up against the plan (role, sub-step and school ids must exist); an
error names the file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.candidate_lists import CandidateLists, load_candidate_lists
from bot.content.errors import ContentError
from bot.content.plan import Plan
from bot.content.yamlfile import field_list, field_str, read_yaml

ACTIONS = ("tick", "roles", "school", "plan", "close", "export")
NO_SCHOOL = "geen"


@dataclass(frozen=True)
class Permissions:
    """Which roles may do what; the process owner role goes to whoever starts a procedure."""

    process_owner: str
    actions: dict[str, frozenset[str]]
    substeps: dict[str, frozenset[str]]
    confirm_roles: frozenset[str]
    reopen_days: int

    def tick_roles(self, substep_id: str) -> frozenset[str]:
        """The roles that may tick, reopen or skip this sub-step."""
        return self.substeps.get(substep_id, self.actions["tick"])


@dataclass(frozen=True)
class ConfirmSkip:
    """A sub-step that only goes to 'nvt' after confirmation, under some schools."""

    schools: frozenset[str]
    law: str
    text: str


@dataclass(frozen=True)
class ConfirmBefore:
    """Ticking a sub-step while some others are open needs confirmation."""

    open: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Statutory:
    """The statutory guards on sub-steps."""

    never_skip: dict[str, str]
    confirm_skip: dict[str, ConfirmSkip]
    confirm_before: dict[str, ConfirmBefore]
    max_steps_ahead: int


@dataclass(frozen=True)
class Retention:
    """How long notes are kept after closing, and the private reminder about applicant data."""

    purge_after_days: int
    reminder: str


@dataclass(frozen=True)
class Safeguards:
    """Permissions and statutory guards together, as the core uses them."""

    permissions: Permissions
    statutory: Statutory
    candidates: CandidateLists
    retention: Retention


def load_safeguards(procedures_dir: Path, plan: Plan) -> Safeguards:
    """Load and cross-check both files against the plan."""
    return Safeguards(
        permissions=_load_permissions(procedures_dir / "permissions.yaml", plan),
        statutory=_load_statutory(procedures_dir / "statutory.yaml", plan),
        candidates=load_candidate_lists(procedures_dir),
        retention=_load_retention(procedures_dir / "retention.yaml"),
    )


def _mapping(path: Path, value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContentError(path, where, "moet een mapping zijn")
    return value


def _roles(path: Path, entry: Mapping[str, Any], key: str, where: str, plan: Plan) -> frozenset[str]:
    if entry.get(key) is None:
        raise ContentError(path, f"{where}.{key}", "ontbreekt; noem minstens één rol")
    roles = field_list(path, entry, key, where)
    if not roles:
        raise ContentError(path, f"{where}.{key}", "noem minstens één rol")
    known = {r.id for r in plan.roles}
    for role in roles:
        if role not in known:
            raise ContentError(path, f"{where}.{key}", f"onbekende rol '{role}' (zie procedures/roles.yaml)")
    return frozenset(roles)


def _substep_id(path: Path, raw: object, where: str, plan: Plan) -> str:
    sub = plan.substep(str(raw))
    if sub is None:
        raise ContentError(path, where, f"onbekende substap '{raw}' (zie procedures/plan.yaml)")
    return sub.id


def _int(path: Path, data: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ContentError(path, key, f"moet een geheel getal van {low} tot en met {high} zijn")
    return value


def _load_permissions(path: Path, plan: Plan) -> Permissions:
    data = _mapping(path, read_yaml(path), "(bestand)")
    owner = field_str(path, data, "process_owner", "(bestand)")
    if owner not in {r.id for r in plan.roles}:
        raise ContentError(path, "process_owner", f"onbekende rol '{owner}' (zie procedures/roles.yaml)")
    actions_raw = _mapping(path, data.get("actions"), "actions")
    unknown = set(actions_raw) - set(ACTIONS)
    if unknown:
        raise ContentError(path, "actions", f"onbekende handeling(en) {sorted(unknown)}; kies uit {list(ACTIONS)}")
    actions = {name: _roles(path, actions_raw, name, "actions", plan) for name in ACTIONS}
    substeps_raw = _mapping(path, data.get("substeps") or {}, "substeps")
    substeps = {
        _substep_id(path, key, f"substeps.{key}", plan): _roles(path, substeps_raw, key, "substeps", plan)
        for key in substeps_raw
    }
    confirm_roles = _roles(path, data, "confirm_roles", "(bestand)", plan) if data.get("confirm_roles") else frozenset()
    return Permissions(
        process_owner=owner,
        actions=actions,
        substeps=substeps,
        confirm_roles=confirm_roles,
        reopen_days=_int(path, data, "reopen_days", 0, 3650),
    )


def _load_statutory(path: Path, plan: Plan) -> Statutory:
    data = _mapping(path, read_yaml(path), "(bestand)")
    never_raw = _mapping(path, data.get("never_skip") or {}, "never_skip")
    never_skip = {
        _substep_id(path, key, f"never_skip.{key}", plan): field_str(path, never_raw, key, "never_skip")
        for key in never_raw
    }
    schools = {s.id for s in plan.schools} | {NO_SCHOOL}
    confirm_skip = {}
    for key, entry in _mapping(path, data.get("confirm_skip") or {}, "confirm_skip").items():
        where = f"confirm_skip.{key}"
        entry = _mapping(path, entry, where)
        listed = field_list(path, entry, "schools", where)
        for school in listed:
            if school not in schools:
                raise ContentError(path, f"{where}.schools", f"onbekende school '{school}'; kies uit {sorted(schools)}")
        confirm_skip[_substep_id(path, key, where, plan)] = ConfirmSkip(
            schools=frozenset(listed),
            law=field_str(path, entry, "law", where),
            text=field_str(path, entry, "text", where),
        )
    confirm_before = {}
    for key, entry in _mapping(path, data.get("confirm_before") or {}, "confirm_before").items():
        where = f"confirm_before.{key}"
        entry = _mapping(path, entry, where)
        opened = tuple(_substep_id(path, ref, f"{where}.open", plan) for ref in field_list(path, entry, "open", where))
        if not opened:
            raise ContentError(path, f"{where}.open", "noem minstens één substap")
        confirm_before[_substep_id(path, key, where, plan)] = ConfirmBefore(
            open=opened, text=field_str(path, entry, "text", where)
        )
    return Statutory(
        never_skip=never_skip,
        confirm_skip=confirm_skip,
        confirm_before=confirm_before,
        max_steps_ahead=_int(path, data, "max_steps_ahead", 0, 10),
    )


def _load_retention(path: Path) -> Retention:
    data = _mapping(path, read_yaml(path), "(bestand)")
    reminder = field_str(path, data, "reminder", "(bestand)")
    if "{dagen}" not in reminder:
        raise ContentError(path, "reminder", "noem de termijn met {dagen}")
    return Retention(purge_after_days=_int(path, data, "purge_after_days", 1, 3650), reminder=reminder)
