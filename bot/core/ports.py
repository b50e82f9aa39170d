"""What the core needs from the outside world, as protocols; storage, reminders and documents implement them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime, time
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.content.documents import DocumentSpec
from bot.core.confirm import PendingConfirmation
from bot.core.events import Event
from bot.core.messages import Reply
from bot.core.state import ProcedureState, Status


class UnitOfWork(Protocol):
    """One transaction (BEGIN IMMEDIATE): everything a command reads and writes."""

    def procedure(self, channel: str) -> ProcedureState | None:
        """The open procedure in this channel, or None."""
        ...

    def create_procedure(
        self, channel: str, municipality: str, platform: str, user: str, now: datetime
    ) -> ProcedureState:
        """Start a procedure in a channel that has none."""
        ...

    def set_status(
        self, channel: str, substep: str, status: Status, user: str, now: datetime, note: str | None
    ) -> None:
        """Record a sub-step's status."""
        ...

    def set_school(self, channel: str, school: str) -> None:
        """Record the chosen school."""
        ...

    def set_municipality(self, channel: str, municipality: str) -> None:
        """Record the municipality of a procedure started without one."""
        ...

    def assign_role(self, channel: str, user: str, role: str, now: datetime) -> bool:
        """Give a person a role; False when they already had it."""
        ...

    def remove_role(self, channel: str, user: str, role: str) -> bool:
        """Take a role away; False when they did not have it."""
        ...

    def set_planned(self, channel: str, substep: str, day: date | None, at: time | None = None) -> None:
        """Set (or with None clear) the planned date of a sub-step, optionally with a time of day."""
        ...

    def close_procedure(self, channel: str, now: datetime, user: str, reason: str | None) -> None:
        """Close the procedure, recording who closed it and why; the channel can then start a new one."""
        ...

    def latest_procedure(self, channel: str) -> ProcedureState | None:
        """The open procedure, else the channel's most recently closed one."""
        ...

    def set_decision_date(self, channel: str, substep: str, day: date | None) -> None:
        """Record the date a decision was taken for a sub-step."""
        ...

    def sent_reminders(self, procedure_id: int) -> list[dict[str, str]]:
        """Reminders delivered for a procedure: rule, to whom and when; never their text."""
        ...

    def reopen_procedure(self, procedure_id: int) -> None:
        """Open a closed procedure again."""
        ...

    def audit_chain_summary(self) -> str:
        """One Dutch sentence: does the audit log's hash chain hold."""
        ...

    def save_pending(self, channel: str, user: str, command: str, keys: frozenset[str], now: datetime) -> None:
        """Store (or replace) a command waiting for this person's `bevestig` in this channel."""
        ...

    def take_pending(self, channel: str, user: str) -> PendingConfirmation | None:
        """Remove and return this person's pending confirmation in this channel, if any."""
        ...

    def audit(self, channel: str, actor: str, action: str, obj: str, result: str, origin: str, now: datetime) -> None:
        """Append one line to the audit log."""
        ...

    def audit_entries(self, channel: str) -> list[dict[str, str]]:
        """The audit log of the channel's current procedure, oldest first."""
        ...

    def document_answers(self, channel: str, *, include_closed: bool = False) -> dict[tuple[str, str], str | None]:
        """The committee's document answers: (document, question) -> answer, None when skipped."""
        ...

    def document_answers_of(self, procedure_id: int) -> dict[tuple[str, str], str | None]:
        """The document answers of any procedure, open or closed, by its id."""
        ...

    def set_document_answer(
        self, channel: str, document: str, question: str, answer: str | None, user: str, now: datetime
    ) -> None:
        """Store (or with None: mark as skipped) one answer of the document exchange."""
        ...

    def clear_document_answer(self, channel: str, document: str, question: str) -> bool:
        """Forget one answer; False when there was none."""
        ...


class Store(Protocol):
    """Gives out units of work and read-only views."""

    def unit_of_work(self, write: bool = True) -> AbstractContextManager[UnitOfWork]:
        """A transaction (BEGIN IMMEDIATE when writing) that commits on success, rolls back on error."""
        ...

    def procedure(self, channel: str) -> ProcedureState | None:
        """Read the open procedure of a channel outside a write transaction."""
        ...

    def procedures_of_user(self, user: str) -> list[ProcedureState]:
        """Open procedures in which the user holds a role."""
        ...

    def latest_procedure(self, channel: str) -> ProcedureState | None:
        """The channel's open procedure, else its most recently closed one (for the dossier)."""
        ...

    def audit_log(self, channel: str) -> list[dict[str, str]]:
        """The audit log of the channel's latest procedure, oldest first."""
        ...


class ReminderPolicy(Protocol):
    """Turns domain events into queued reminders inside the command's transaction."""

    def on_events(
        self,
        uow: UnitOfWork,
        before: ProcedureState | None,
        after: ProcedureState,
        events: Sequence[Event],
        now: datetime,
    ) -> None:
        """Queue whatever the reminder rules say about these events."""
        ...


class Sender(Protocol):
    """Delivers a reply that is not an answer to a command (reminders, digests) on a platform."""

    def send(self, channel: str, reply: Reply) -> None:
        """Deliver one reply for the procedure in `channel`; raise an exception when delivery failed.

        A reply with audience DIRECT goes privately to `reply.user`, never to the channel.
        """
        ...


class RenderedDocument(Protocol):
    """One rendered document."""

    @property
    def markdown(self) -> str:
        """The document as Markdown."""
        ...


class Documents(Protocol):
    """The document templates (bot/documents/library.py): what the chat command `document <soort>` needs."""

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of document, in the guide's order."""
        ...

    def spec(self, kind: str) -> DocumentSpec | None:
        """The definition of a kind (case-insensitive), or None."""
        ...

    def render(
        self,
        kind: str,
        state: ProcedureState,
        answers: Mapping[tuple[str, str], str | None],
        tz: ZoneInfo,
        now: datetime,
    ) -> RenderedDocument:
        """Render one document for a procedure."""
        ...

    def word_file(self, markdown: str, title: str, *, confidential: bool) -> bytes:
        """The document as a Word file."""
        ...
