"""Domain events a command produces; the reminder policy reacts to them in the same transaction.

Each event describes its own line in the audit log (`audit()`): what happened, to what, and the result.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditLine:
    """What an event adds to the audit log: the action (the event's name), its subject and the result."""

    action: str
    subject: str
    result: str


def _line(event: object, subject: str, result: str) -> AuditLine:
    return AuditLine(type(event).__name__, subject, result)


@dataclass(frozen=True)
class ProcedureStarted:
    """A procedure was started in a channel."""

    channel: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, "", "gestart")


@dataclass(frozen=True)
class MunicipalityNamed:
    """A procedure started without a municipality got its name."""

    channel: str
    municipality: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, "", f"gemeente: {self.municipality}")


@dataclass(frozen=True)
class SubstepDone:
    """A sub-step was ticked off."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.substep, "afgerond")


@dataclass(frozen=True)
class SubstepSkipped:
    """A sub-step was marked not applicable."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.substep, "overgeslagen")


@dataclass(frozen=True)
class SubstepReopened:
    """A sub-step was reopened."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.substep, "heropend")


@dataclass(frozen=True)
class SubstepBecameNext:
    """A sub-step became the next open one."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """None: the new next sub-step follows from the change that caused it, which is audited itself."""
        return None


@dataclass(frozen=True)
class RoleAssigned:
    """A person was given a role."""

    channel: str
    user: str
    role: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.role, f"rol toegekend aan {self.user}")


@dataclass(frozen=True)
class RoleRemoved:
    """A person's role was taken away."""

    channel: str
    user: str
    role: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.role, f"rol ingetrokken bij {self.user}")


@dataclass(frozen=True)
class SchoolChosen:
    """The committee chose a school."""

    channel: str
    school: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.school, "school gekozen")


@dataclass(frozen=True)
class PlanningSet:
    """A planned date was set for a sub-step."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.substep, "gepland")


@dataclass(frozen=True)
class PlanningCleared:
    """A planned date was removed."""

    channel: str
    substep: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, self.substep, "planning gewist")


@dataclass(frozen=True)
class ProcedureClosed:
    """The procedure was closed."""

    channel: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, "", "afgesloten")


@dataclass(frozen=True)
class ProcedureReopened:
    """A closed procedure was opened again by its process owner."""

    channel: str

    def audit(self) -> AuditLine | None:
        """The audit line of this event."""
        return _line(self, "", "heropend")


Event = (
    ProcedureStarted
    | MunicipalityNamed
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
