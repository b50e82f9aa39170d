"""The state of one procedure, as the store hands it to the core."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum


class Status(StrEnum):
    """Status of a sub-step."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class SubstepRecord:
    """What the committee recorded for one sub-step."""

    status: Status
    by: str | None = None
    at: datetime | None = None
    note: str | None = None


@dataclass(frozen=True)
class ProcedureState:
    """One procedure (one per channel)."""

    channel: str
    municipality: str
    platform: str
    created_by: str
    created_at: datetime
    school: str | None = None
    closed_at: datetime | None = None
    substeps: dict[str, SubstepRecord] = field(default_factory=dict)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # user id -> role ids
    planned: dict[str, date] = field(default_factory=dict)  # sub-step id -> planned date
    planned_times: dict[str, time] = field(default_factory=dict)  # sub-step id -> time of day, when given

    def record(self, substep_id: str) -> SubstepRecord:
        """The record for a sub-step; open when nothing was recorded."""
        return self.substeps.get(substep_id, SubstepRecord(Status.OPEN))

    def holders(self, role_id: str) -> tuple[str, ...]:
        """User ids holding a role, in a stable order."""
        return tuple(sorted(user for user, roles in self.roles.items() if role_id in roles))
