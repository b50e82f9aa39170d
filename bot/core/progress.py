"""Pure functions over a procedure's state and the plan: effective status, progress, what is next."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.plan import Plan, School, SubStep
from bot.core.state import ProcedureState, Status


@dataclass(frozen=True)
class PhaseProgress:
    """Done and total count of applicable sub-steps in one phase."""

    phase: int
    title: str
    done: int
    total: int


def school_of(plan: Plan, state: ProcedureState) -> School | None:
    """The chosen school, if any."""
    return plan.school(state.school) if state.school else None


def skipped_by_school(plan: Plan, state: ProcedureState, substep: SubStep) -> bool:
    """True when the chosen school makes this sub-step not applicable."""
    school = school_of(plan, state)
    return school is not None and substep.id in school.not_applicable


def effective_status(plan: Plan, state: ProcedureState, substep: SubStep) -> Status:
    """The recorded status, except that an open sub-step the school excludes counts as skipped."""
    status = state.record(substep.id).status
    if status is Status.OPEN and skipped_by_school(plan, state, substep):
        return Status.SKIPPED
    return status


def open_substeps(plan: Plan, state: ProcedureState) -> list[SubStep]:
    """Sub-steps still to do, in the guide's order."""
    return [s for s in plan.substeps() if effective_status(plan, state, s) is Status.OPEN]


def next_substep(plan: Plan, state: ProcedureState) -> SubStep | None:
    """The first open sub-step in the guide's order, or None when all are done or skipped."""
    remaining = open_substeps(plan, state)
    return remaining[0] if remaining else None


def phase_progress(plan: Plan, state: ProcedureState) -> list[PhaseProgress]:
    """Per phase: how many applicable sub-steps are done out of how many."""
    result = []
    for phase in plan.phases:
        subs = [s for step in phase.steps for s in step.substeps]
        applicable = [s for s in subs if effective_status(plan, state, s) is not Status.SKIPPED]
        done = sum(1 for s in applicable if effective_status(plan, state, s) is Status.DONE)
        result.append(PhaseProgress(phase.id, phase.title, done, len(applicable)))
    return result


def is_complete(plan: Plan, state: ProcedureState) -> bool:
    """True when no sub-step is open any more."""
    return next_substep(plan, state) is None
