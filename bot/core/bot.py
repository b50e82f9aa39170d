"""The bot's front door: validates an incoming message, runs its command in one transaction, returns replies."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.content.plan import Plan
from bot.content.safeguards import Safeguards
from bot.core.commands import COMMANDS, Command, Run, help_text, split_command, unknown_command_text
from bot.core.confirm import CONFIRM_ACTIONS, ConfirmationRequired, confirmation_text
from bot.core.context import CommandError, Context
from bot.core.conversation import Classified, Conversation, Kind
from bot.core.events import SubstepBecameNext
from bot.core.handlers.info import answer_question
from bot.core.messages import Audience, Incoming, QuestionAnswerer, Reply
from bot.core.ports import Documents, ReminderPolicy, Store, UnitOfWork
from bot.core.progress import effective_status, next_substep
from bot.core.state import ProcedureState, Status
from bot.core.text import MAX_INPUT_CHARS, clean_input, escape, shorten
from bot.core.views import HomeEntry, HomeView, PlannedLine, SubstepLine

log = logging.getLogger(__name__)

HOME_PLANNED = 5  # planned dates per procedure on the App Home

NO_PROCEDURE = (
    "In dit kanaal loopt nog geen procedure. Start er een met `start <gemeente>`, bijvoorbeeld `start Zaanstad`."
)


class WervingBot:
    """Handles commands and questions; the same object serves the console, Slack and Teams."""

    def __init__(
        self,
        plan: Plan,
        store: Store,
        answerer: QuestionAnswerer,
        tz: ZoneInfo,
        reminder_policy: ReminderPolicy | None = None,
        safeguards: Safeguards | None = None,
        conversation: Conversation | None = None,
    ) -> None:
        self.plan = plan
        self.safeguards = safeguards
        self.conversation = conversation
        self.store = store
        self.answerer = answerer
        self.tz = tz
        self.reminder_policy = reminder_policy
        self.documents: Documents | None = None  # set by bootstrap: the templates of `document`

    def handle(self, incoming: Incoming, now: datetime) -> list[Reply]:
        """Handle one command or message at moment `now` and return the replies to send."""
        text = clean_input(incoming.text)
        if len(text) > MAX_INPUT_CHARS:
            return [self._error(incoming, f"Je bericht is te lang ({len(text)} tekens; maximaal {MAX_INPUT_CHARS}).")]
        if not incoming.is_command:
            return self._message(incoming, text, now)
        name, args = split_command(text)
        if not name:
            return [Reply(help_text(self.plan), Audience.REQUESTER, user=incoming.user, thread=incoming.thread)]
        command = COMMANDS.get(name)
        typo = self.conversation.typo_for(name, args) if self.conversation and command is None else None
        if typo is not None and self.conversation is not None:
            return [self.conversation.typo_reply(incoming, typo)]
        if command is None and self.conversation is not None and self.conversation.is_question(text):
            return self._message(incoming, text, now, self.conversation.classify_question(text))
        if command is None:
            return [self._error(incoming, unknown_command_text(name))]
        try:
            if command.run in (Run.CONFIRM, Run.CANCEL):
                return self._pending(command, incoming, now)
            return self._guarded(command, incoming, args, now, frozenset())
        except CommandError as err:
            return [self._error(incoming, err.message)]
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError):
            # No input may crash the bot: a bad value deep down gets a Dutch reply; the transaction rolled back.
            # Storage errors are not caught here, so an adapter never acknowledges what was not stored.
            log.exception("command %r failed", command.name)
            return [
                self._error(
                    incoming,
                    f"Er ging iets mis bij `{command.name}`; er is niets veranderd. Probeer het opnieuw of typ `help`.",
                )
            ]

    def _guarded(
        self, command: Command, incoming: Incoming, args: str, now: datetime, confirmed: frozenset[str]
    ) -> list[Reply]:
        """Run a command; when it needs confirmation, store it as pending (it changed nothing) and ask."""
        try:
            return self._run(command, incoming, args, now, confirmed)
        except ConfirmationRequired as req:
            with self.store.unit_of_work(write=True) as uow:
                uow.save_pending(incoming.channel, incoming.user, f"{command.name} {args}".strip(), req.keys, now)
            text = confirmation_text(req.message)
            return [
                Reply(text, Audience.REQUESTER, user=incoming.user, thread=incoming.thread, actions=CONFIRM_ACTIONS)
            ]

    def _pending(self, command: Command, incoming: Incoming, now: datetime) -> list[Reply]:
        """`bevestig` runs the person's pending command in this channel; `annuleer` drops it."""
        with self.store.unit_of_work(write=True) as uow:
            pending = uow.take_pending(incoming.channel, incoming.user)
        if pending is None:
            raise CommandError("Er wacht geen opdracht van jou in dit kanaal op bevestiging; er is niets veranderd.")
        if command.run is Run.CANCEL:
            return [self._error(incoming, f"Geannuleerd: `{escape(shorten(pending.command, 60))}` is niet uitgevoerd.")]
        if pending.expired(now):
            raise CommandError(
                "Je bevestiging kwam te laat (na meer dan 10 minuten); er is niets veranderd. Geef de opdracht opnieuw."
            )
        name, args = split_command(pending.command)
        return self._guarded(COMMANDS[name], incoming, args, now, pending.keys)

    def home(self, user: str, now: datetime) -> HomeView:
        """The procedures a user holds a role in, what waits on them and the next planned dates (App Home)."""
        today = now.astimezone(self.tz).date()
        entries = []
        for state in self.store.procedures_of_user(user):
            roles = state.roles.get(user, ())
            nxt = next_substep(self.plan, state)
            waiting = tuple(
                SubstepLine(s.id, s.title, Status.OPEN)
                for s in self.plan.substeps()
                if effective_status(self.plan, state, s) is Status.OPEN and set(s.acts) & set(roles)
            )[:5]
            entries.append(
                HomeEntry(
                    channel=state.channel,
                    municipality=state.municipality,
                    roles=tuple(self.plan.role_by_id(r).name for r in roles),
                    next=SubstepLine(nxt.id, nxt.title, Status.OPEN) if nxt else None,
                    waiting=waiting,
                    upcoming=self._upcoming(state, today),
                )
            )
        return HomeView(user=user, entries=tuple(entries))

    def _upcoming(self, state: ProcedureState, today: date) -> tuple[PlannedLine, ...]:
        """The open sub-steps with a planned date, earliest first (late ones included), at most five."""
        lines = sorted(
            (
                PlannedLine(s.id, s.title, state.planned[s.id], state.planned[s.id] < today)
                for s in self.plan.substeps()
                if s.id in state.planned and effective_status(self.plan, state, s) is Status.OPEN
            ),
            key=lambda line: (line.day, line.id),
        )
        return tuple(lines[:HOME_PLANNED])

    def _run(
        self, command: Command, incoming: Incoming, args: str, now: datetime, confirmed: frozenset[str] = frozenset()
    ) -> list[Reply]:
        """Run a command's handler the way its declaration says (bot/core/commands.py)."""
        assert command.handler is not None, f"{command.name} is carried out by the bot itself"
        ctx = Context(
            incoming=incoming,
            now=now,
            plan=self.plan,
            tz=self.tz,
            answerer=self.answerer,
            confirmed=confirmed,
            safeguards=self.safeguards,
            documents=self.documents,
            guide=self.conversation.guide_reply if self.conversation else None,
        )
        if command.run is Run.STATELESS:
            return command.handler(ctx, args)
        if command.run is Run.QUESTION:
            ctx.state = None if incoming.is_direct else self.store.procedure(incoming.channel)
            return command.handler(ctx, args)
        with self.store.unit_of_work(write=command.writes) as uow:
            ctx.uow = uow
            ctx.state = before = uow.procedure(incoming.channel)
            if command.needs_procedure and before is None:
                raise CommandError(NO_PROCEDURE)
            replies = command.handler(ctx, args)
            if command.writes and ctx.events:
                after = uow.procedure(incoming.channel) or ctx.state
                self._after_change(uow, ctx, before, after)
        return replies

    def _after_change(
        self, uow: UnitOfWork, ctx: Context, before: ProcedureState | None, after: ProcedureState | None
    ) -> None:
        """Audit the change, note a new next sub-step and let the reminder policy react."""
        if after is None:
            return
        if after.closed_at is None:
            old_next = next_substep(self.plan, before) if before else None
            new_next = next_substep(self.plan, after)
            if new_next is not None and (old_next is None or old_next.id != new_next.id):
                ctx.events.append(SubstepBecameNext(ctx.channel, new_next.id))
        for event in ctx.events:
            line = event.audit()
            if line is not None:
                uow.audit(ctx.channel, ctx.user, line.action, line.subject, line.result, ctx.incoming.platform, ctx.now)
        if self.reminder_policy is not None:
            self.reminder_policy.on_events(uow, before, after, tuple(ctx.events), ctx.now)

    def _message(
        self, incoming: Incoming, text: str, now: datetime, classified: Classified | None = None
    ) -> list[Reply]:
        """A message that is not a slash command: run it as a command when it is one, else answer it."""
        if classified is None and self.conversation is not None:
            classified = self.conversation.classify(text)
        if classified is not None and classified.kind is Kind.COMMAND:
            return self.handle(replace(incoming, text=classified.command, is_command=True), now)
        ctx = Context(incoming=incoming, now=now, plan=self.plan, tz=self.tz, answerer=self.answerer)
        if not incoming.is_direct:
            ctx.state = self.store.procedure(incoming.channel)
        if classified is None or self.conversation is None:
            return [answer_question(ctx, text)]
        if classified.kind is Kind.TYPO:
            return [self.conversation.typo_reply(incoming, classified)]
        return [self.conversation.respond(ctx, classified, text)]

    @staticmethod
    def _error(incoming: Incoming, message: str) -> Reply:
        return Reply(message, Audience.REQUESTER, user=incoming.user, thread=incoming.thread)
