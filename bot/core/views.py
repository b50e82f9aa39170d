"""Structured content behind a reply, for adapters that render richly (Slack Block Kit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.core.progress import PhaseProgress
from bot.core.state import Status


@dataclass(frozen=True)
class SubstepLine:
    """A sub-step as a line in a list."""

    id: str
    title: str
    status: Status


@dataclass(frozen=True)
class StatusView:
    """Where a procedure stands: progress per phase, what is next, what is skipped."""

    channel: str
    municipality: str
    school: str | None
    phases: tuple[PhaseProgress, ...]
    next: tuple[SubstepLine, ...]
    skipped: tuple[SubstepLine, ...]
    complete: bool


@dataclass(frozen=True)
class StepView:
    """One sub-step explained, with its current status."""

    id: str
    title: str
    status: Status


@dataclass(frozen=True)
class PlannedLine:
    """An open sub-step with its planned date; late when that date has passed."""

    id: str
    title: str
    day: date
    late: bool


@dataclass(frozen=True)
class HomeEntry:
    """One procedure a user takes part in, and what waits on them."""

    channel: str
    municipality: str
    roles: tuple[str, ...]
    next: SubstepLine | None
    waiting: tuple[SubstepLine, ...]
    upcoming: tuple[PlannedLine, ...] = ()


@dataclass(frozen=True)
class HomeView:
    """All procedures a user takes part in (Slack's App Home)."""

    user: str
    entries: tuple[HomeEntry, ...]


View = StatusView | StepView | HomeView
