"""What a command handler gets: the message, the moment, the plan and the open transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.content.plan import Plan, SubStep
from bot.content.safeguards import Safeguards
from bot.core.events import Event
from bot.core.messages import Audience, Incoming, QuestionAnswerer, Reply
from bot.core.ports import Documents, UnitOfWork
from bot.core.render import valid_ids_hint
from bot.core.state import ProcedureState
from bot.core.text import escape, shorten


class CommandError(Exception):
    """A command cannot be carried out; the Dutch message says why and what is allowed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Context:
    """Everything one command needs; handlers append domain events to `events`."""

    incoming: Incoming
    now: datetime
    plan: Plan
    tz: ZoneInfo
    answerer: QuestionAnswerer
    uow: UnitOfWork | None = None
    state: ProcedureState | None = None
    events: list[Event] = field(default_factory=list)
    documents: Documents | None = None  # the document templates (`document <soort>`)
    confirmed: frozenset[str] = frozenset()  # checks the person confirmed with `bevestig`
    safeguards: Safeguards | None = None  # permissions and statutory guards (procedures/)
    guide: Callable[[Context, str], Reply] | None = None  # answers `vraag` with the guide's three outcomes

    @property
    def channel(self) -> str:
        """The channel the command came from."""
        return self.incoming.channel

    @property
    def user(self) -> str:
        """The user who sent the command."""
        return self.incoming.user

    def require_uow(self) -> UnitOfWork:
        """The open transaction (write commands always have one)."""
        assert self.uow is not None, "write command without a transaction"
        return self.uow

    def require_state(self) -> ProcedureState:
        """The channel's procedure (commands that need one are only called when it exists)."""
        assert self.state is not None, "procedure command without a procedure"
        return self.state

    def substep(self, raw: str) -> SubStep:
        """Resolve a sub-step id or raise a Dutch error naming the valid ids."""
        if not raw:
            raise CommandError(f"Noem een substap, bijvoorbeeld `1a`. {valid_ids_hint(self.plan)}")
        sub = self.plan.substep(raw)
        if sub is None:
            raise CommandError(f"Substap '{escape(shorten(raw, 20))}' bestaat niet. {valid_ids_hint(self.plan)}")
        return sub

    def channel_reply(self, text: str, **kwargs: object) -> Reply:
        """A reply for everyone in the channel (in the thread the message came from)."""
        return Reply(text=text, audience=Audience.CHANNEL, thread=self.incoming.thread, **kwargs)  # type: ignore[arg-type]

    def requester_reply(self, text: str, **kwargs: object) -> Reply:
        """A reply only the sender sees."""
        return Reply(text=text, audience=Audience.REQUESTER, user=self.user, thread=self.incoming.thread, **kwargs)  # type: ignore[arg-type]
