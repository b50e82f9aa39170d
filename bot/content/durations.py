"""Typical durations of the sub-steps (procedures/durations.yaml), for a proposed timeline; validated at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.content.errors import ContentError
from bot.content.yamlfile import field_str, read_yaml

FILE_NAME = "durations.yaml"
MAX_DAYS = 120


@dataclass(frozen=True)
class Timing:
    """Working days per sub-step and when a plan counts as too long."""

    default_days: int
    warn_from: str  # the sub-step where recruitment goes public (the advertisement)
    warn_to: str  # the appointment
    max_weeks: int
    section: str  # the guide section the warning rests on
    days: dict[str, int] = field(default_factory=dict)

    def days_for(self, substep_id: str) -> int:
        """Working days a sub-step usually takes."""
        return self.days.get(substep_id, self.default_days)


def load_timing(procedures_dir: Path, substep_ids: tuple[str, ...], sections: frozenset[str]) -> Timing:
    """Load durations.yaml; every error names the file and the key."""
    path = procedures_dir / FILE_NAME
    data = read_yaml(path)
    if not isinstance(data, Mapping):
        raise ContentError(path, "(bestand)", "moet de sleutels default_days, substeps en warning bevatten")
    default = _days(path, data.get("default_days"), "default_days")
    raw = data.get("substeps")
    if not isinstance(raw, Mapping):
        raise ContentError(path, "substeps", "moet per substap-id een aantal werkdagen geven")
    days: dict[str, int] = {}
    for key, value in raw.items():
        sub_id = str(key).strip().lower()
        if sub_id not in substep_ids:
            raise ContentError(path, f"substeps.{key}", "onbekende substap (zie plan.yaml)")
        days[sub_id] = _days(path, value, f"substeps.{key}")
    warning = data.get("warning")
    if not isinstance(warning, Mapping):
        raise ContentError(path, "warning", "ontbreekt of is geen mapping (from, to, max_weeks, section)")
    ends = []
    for key in ("from", "to"):
        value = field_str(path, warning, key, "warning").lower()
        if value not in substep_ids:
            raise ContentError(path, f"warning.{key}", f"onbekende substap '{value}' (zie plan.yaml)")
        ends.append(value)
    if substep_ids.index(ends[0]) >= substep_ids.index(ends[1]):
        raise ContentError(path, "warning.to", f"'{ends[1]}' moet in het stappenplan na '{ends[0]}' komen")
    weeks = warning.get("max_weeks")
    if not isinstance(weeks, int) or isinstance(weeks, bool) or not 1 <= weeks <= 104:
        raise ContentError(path, "warning.max_weeks", "moet een geheel getal van 1 tot en met 104 zijn")
    section = field_str(path, warning, "section", "warning")
    if section not in sections:
        raise ContentError(path, "warning.section", f"onbekende paragraaf '{section}' (zie knowledge/sections.yaml)")
    return Timing(default, ends[0], ends[1], weeks, section, days)


def _days(path: Path, value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_DAYS:
        raise ContentError(path, key, f"moet een geheel getal van 0 tot en met {MAX_DAYS} zijn")
    return value
