"""The reminder rules of procedures/reminders.yaml as frozen dataclasses, checked against the plan."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

from bot.content.errors import ContentError
from bot.content.plan import Plan
from bot.content.yamlfile import field_list, field_str, read_yaml, require_list

FILE_NAME = "reminders.yaml"

# Trigger types and the trigger keys each one allows (besides `type`).
TRIGGER_KEYS: dict[str, frozenset[str]] = {
    "procedure-started": frozenset(),
    "substep-done": frozenset({"substep"}),
    "substep-next": frozenset({"substep"}),
    "role-assigned": frozenset({"role"}),
    "school-chosen": frozenset(),
    "before-planned": frozenset({"substep", "working_days", "time"}),
    "overdue": frozenset({"substep", "time"}),
    "weekly-digest": frozenset({"weekday", "time"}),
}
EVENT_TRIGGERS = frozenset({"procedure-started", "substep-done", "substep-next", "role-assigned", "school-chosen"})
TIME_TRIGGERS = frozenset({"before-planned", "overdue", "weekly-digest"})
SUBSTEP_REQUIRED = frozenset({"substep-done", "substep-next"})
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DEFAULT_TIME = time(9, 0)
MAX_WORKING_DAYS = 40

# Placeholders a text may use, per trigger type.
_SUBSTEP_FIELDS = frozenset({"id", "titel"})
_DATE_FIELDS = frozenset({"datum", "dagen"})
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "procedure-started": frozenset({"gemeente"}),
    "substep-done": frozenset({"gemeente"}) | _SUBSTEP_FIELDS,
    "substep-next": frozenset({"gemeente"}) | _SUBSTEP_FIELDS,
    "role-assigned": frozenset({"gemeente"}),
    "school-chosen": frozenset({"gemeente", "school"}),
    "before-planned": frozenset({"gemeente"}) | _SUBSTEP_FIELDS | _DATE_FIELDS,
    "overdue": frozenset({"gemeente", "datum"}) | _SUBSTEP_FIELDS,
    "weekly-digest": frozenset({"gemeente"}),
}

_RULE_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Trigger:
    """When a rule fires."""

    type: str
    substep: str | None = None  # None for before-planned / overdue: every sub-step with a planned date
    role: str | None = None
    working_days: int = 0
    weekday: int = 0  # 0 is Monday
    at: time = DEFAULT_TIME

    @property
    def is_timed(self) -> bool:
        """True for rules the scheduler evaluates at a moment rather than on an event."""
        return self.type in TIME_TRIGGERS


@dataclass(frozen=True)
class ReminderRule:
    """One reminder: when, to whom, what (in our own words) and on which guide section it rests."""

    id: str
    trigger: Trigger
    audience: str  # "channel" or "role:<role id>"
    text: str
    section: str
    schools: frozenset[str]  # only when one of these schools is chosen; empty means always
    unheld_role: str | None = None  # only when nobody holds this role (to flag a role the plan needs)

    @property
    def role(self) -> str | None:
        """The role whose holders receive the reminder privately, or None for the channel."""
        return self.audience.split(":", 1)[1] if self.audience.startswith("role:") else None

    @property
    def private(self) -> bool:
        """True when the reminder is a direct message."""
        return self.role is not None


@dataclass(frozen=True)
class ReminderRules:
    """All rules, in file order."""

    rules: tuple[ReminderRule, ...]

    def of_type(self, trigger_type: str) -> tuple[ReminderRule, ...]:
        """The rules with this trigger type."""
        return tuple(r for r in self.rules if r.trigger.type == trigger_type)

    def rule(self, rule_id: str) -> ReminderRule | None:
        """The rule with this id, or None."""
        return next((r for r in self.rules if r.id == rule_id), None)


def load_reminder_rules(procedures_dir: Path, plan: Plan, sections: frozenset[str]) -> ReminderRules:
    """Load procedures/reminders.yaml and check every sub-step, role, school, section and placeholder."""
    path = procedures_dir / FILE_NAME
    rules: list[ReminderRule] = []
    seen: set[str] = set()
    for i, entry in enumerate(require_list(path, read_yaml(path), "rules")):
        rule_id = field_str(path, entry, "id", f"rules[{i}]")
        where = f"rules.{rule_id}"
        if not _RULE_ID.match(rule_id):
            raise ContentError(path, f"{where}.id", "alleen kleine letters, cijfers en streepjes")
        if rule_id in seen:
            raise ContentError(path, f"{where}.id", "komt dubbel voor")
        seen.add(rule_id)
        rules.append(_rule(path, entry, where, rule_id, plan, sections))
    return ReminderRules(tuple(rules))


def _rule(
    path: Path, entry: Mapping[str, Any], where: str, rule_id: str, plan: Plan, sections: frozenset[str]
) -> ReminderRule:
    unknown = set(entry) - {"id", "trigger", "audience", "text", "section", "school", "unheld_role"}
    if unknown:
        raise ContentError(path, where, f"onbekende sleutel(s) {sorted(unknown)}")
    trigger = _trigger(path, entry.get("trigger"), f"{where}.trigger", plan)
    audience = field_str(path, entry, "audience", where)
    _check_audience(path, f"{where}.audience", audience, trigger, plan)
    text = field_str(path, entry, "text", where)
    _check_placeholders(path, f"{where}.text", text, trigger.type)
    section = field_str(path, entry, "section", where)
    if section not in sections:
        raise ContentError(path, f"{where}.section", f"onbekende paragraaf '{section}' (zie knowledge/sections.yaml)")
    schools = frozenset(s.lower() for s in field_list(path, entry, "school", where))
    known = {s.id for s in plan.schools}
    for school in schools:
        if school not in known:
            raise ContentError(path, f"{where}.school", f"onbekende school '{school}'; kies uit {sorted(known)}")
        excluded = next((s for s in plan.schools if s.id == school), None)
        if excluded and trigger.substep and trigger.substep in excluded.not_applicable:
            raise ContentError(path, f"{where}.school", f"substap {trigger.substep} vervalt bij school '{school}'")
    unheld = field_str(path, entry, "unheld_role", where, required=False) or None
    if unheld is not None and unheld not in {r.id for r in plan.roles}:
        raise ContentError(path, f"{where}.unheld_role", f"onbekende rol '{unheld}' (zie procedures/roles.yaml)")
    return ReminderRule(rule_id, trigger, audience, text, section, schools, unheld)


def _trigger(path: Path, raw: object, where: str, plan: Plan) -> Trigger:
    if not isinstance(raw, Mapping):
        raise ContentError(path, where, "moet een mapping zijn met minstens `type`")
    kind = field_str(path, raw, "type", where)
    if kind not in TRIGGER_KEYS:
        raise ContentError(path, f"{where}.type", f"onbekend type '{kind}'; kies uit {sorted(TRIGGER_KEYS)}")
    unknown = set(raw) - {"type"} - TRIGGER_KEYS[kind]
    if unknown:
        raise ContentError(path, where, f"sleutel(s) {sorted(unknown)} horen niet bij type '{kind}'")
    substep = field_str(path, raw, "substep", where, required=kind in SUBSTEP_REQUIRED).lower() or None
    if substep is not None and plan.substep(substep) is None:
        raise ContentError(path, f"{where}.substep", f"onbekende substap '{substep}' (zie procedures/plan.yaml)")
    role = field_str(path, raw, "role", where, required=kind == "role-assigned") or None
    if role is not None and role not in {r.id for r in plan.roles}:
        raise ContentError(path, f"{where}.role", f"onbekende rol '{role}' (zie procedures/roles.yaml)")
    working_days = raw.get("working_days", 0 if kind != "before-planned" else None)
    if not isinstance(working_days, int) or isinstance(working_days, bool) or not 0 <= working_days <= MAX_WORKING_DAYS:
        raise ContentError(
            path, f"{where}.working_days", f"moet een geheel getal van 0 tot en met {MAX_WORKING_DAYS} zijn"
        )
    weekday = 0
    if kind == "weekly-digest":
        day = field_str(path, raw, "weekday", where).lower()
        if day not in WEEKDAYS:
            raise ContentError(path, f"{where}.weekday", f"kies uit {', '.join(WEEKDAYS)}")
        weekday = WEEKDAYS.index(day)
    at = DEFAULT_TIME
    if "time" in raw:
        value = raw["time"]
        if isinstance(value, int) and not isinstance(value, bool):  # YAML reads an unquoted 10:00 as 600
            value = "{}:{:02d}".format(*divmod(value, 60))
        match = _TIME.match(str(value).strip())
        if not match:
            raise ContentError(
                path, f"{where}.time", "schrijf de tijd als UU:MM, bijvoorbeeld 09:00 (tussen aanhalingstekens)"
            )
        at = time(int(match.group(1)), int(match.group(2)))
    return Trigger(kind, substep, role, working_days, weekday, at)


def _check_audience(path: Path, where: str, audience: str, trigger: Trigger, plan: Plan) -> None:
    if audience == "channel":
        if trigger.type == "weekly-digest":
            raise ContentError(path, where, "het weekoverzicht is persoonlijk: kies role:<rol>")
        return
    if not audience.startswith("role:"):
        raise ContentError(path, where, "kies `channel` of `role:<rol>`, bijvoorbeeld role:burgemeester")
    role_id = audience[5:]
    role = next((r for r in plan.roles if r.id == role_id), None)
    if role is None:
        raise ContentError(path, where, f"onbekende rol '{role_id}' (zie procedures/roles.yaml)")
    if not role.assignable:
        raise ContentError(path, where, f"de rol '{role_id}' wordt aan niemand gegeven en kan dus niets ontvangen")


def _check_placeholders(path: Path, where: str, text: str, kind: str) -> None:
    allowed = PLACEHOLDERS[kind]
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ContentError(path, where, f"onjuist gebruik van accolades: {exc}") from exc
    bad = sorted(n for n in names if n not in allowed)
    if bad:
        choices = ", ".join("{" + a + "}" for a in sorted(allowed))
        raise ContentError(path, where, f"onbekende invulplek(ken) {bad}; hier mogelijk: {choices}")
