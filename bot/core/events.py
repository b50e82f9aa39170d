"""Domain events a command produces; the reminder policy reacts to them in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProcedureStarted:
    """A procedure was started in a channel."""

    channel: str


@dataclass(frozen=True)
class SubstepDone:
    """A sub-step was ticked off."""

    channel: str
    substep: str


@dataclass(frozen=True)
class SubstepSkipped:
    """A sub-step was marked not applicable."""

    channel: str
    substep: str


@dataclass(frozen=True)
class SubstepReopened:
    """A sub-step was reopened."""

    channel: str
    substep: str


@dataclass(frozen=True)
class SubstepBecameNext:
    """A sub-step became the next open one."""

    channel: str
    substep: str


@dataclass(frozen=True)
class RoleAssigned:
    """A person was given a role."""

    channel: str
    user: str
    role: str


@dataclass(frozen=True)
class RoleRemoved:
    """A person's role was taken away."""

    channel: str
    user: str
    role: str


@dataclass(frozen=True)
class SchoolChosen:
    """The committee chose a school."""

    channel: str
    school: str


@dataclass(frozen=True)
class PlanningSet:
    """A planned date was set for a sub-step."""

    channel: str
    substep: str


@dataclass(frozen=True)
class PlanningCleared:
    """A planned date was removed."""

    channel: str
    substep: str


@dataclass(frozen=True)
class ProcedureClosed:
    """The procedure was closed."""

    channel: str


@dataclass(frozen=True)
class ProcedureReopened:
    """A closed procedure was opened again by its process owner."""

    channel: str


Event = (
    ProcedureStarted
    | SubstepDone
    | SubstepSkipped
    | SubstepReopened
    | SubstepBecameNext
    | RoleAssigned
    | RoleRemoved
    | SchoolChosen
    | PlanningSet
    | PlanningCleared
    | ProcedureClosed
    | ProcedureReopened
)
