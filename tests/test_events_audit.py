"""Every event type describes its own audit line (bot/core/events.py)."""

from __future__ import annotations

import dataclasses
import inspect
import typing

from bot.core import events
from bot.core.events import AuditLine, Event, RoleAssigned, SubstepBecameNext

NOT_AUDITED = {SubstepBecameNext}  # follows from an audited change; the reminder rules react to it


def event_types() -> list[type]:
    """Every dataclass in bot/core/events.py except the audit line itself."""
    return [
        cls
        for _, cls in inspect.getmembers(events, inspect.isclass)
        if cls.__module__ == events.__name__ and dataclasses.is_dataclass(cls) and cls is not AuditLine
    ]


def sample(cls: type) -> object:
    """An instance of an event type with a recognisable value in every field."""
    return cls(**{f.name: f"<{f.name}>" for f in dataclasses.fields(cls)})


def test_the_event_union_holds_every_event_type() -> None:
    assert set(typing.get_args(Event)) == set(event_types())
    assert len(event_types()) >= 12


def test_every_event_type_describes_its_audit_line() -> None:
    for cls in event_types():
        assert "audit" in vars(cls), f"{cls.__name__} does not describe its own audit line"
        line = sample(cls).audit()
        if cls in NOT_AUDITED:
            assert line is None
            continue
        assert isinstance(line, AuditLine), cls.__name__
        assert line.action == cls.__name__
        assert line.result.strip() and "{" not in line.result, cls.__name__
        fields = {f.name for f in dataclasses.fields(cls)}
        subject_field = next((name for name in ("substep", "role", "school") if name in fields), None)
        assert line.subject == (f"<{subject_field}>" if subject_field else ""), cls.__name__


def test_audit_results_are_distinct_where_the_change_differs() -> None:
    results = {cls.__name__: sample(cls).audit().result for cls in event_types() if cls not in NOT_AUDITED}
    assert results["SubstepDone"] == "afgerond"
    assert results["SubstepSkipped"] == "overgeslagen"
    assert results["PlanningSet"] == "gepland"
    assert RoleAssigned("C1", "U7", "burgemeester").audit() == AuditLine(
        "RoleAssigned", "burgemeester", "rol toegekend aan U7"
    )
