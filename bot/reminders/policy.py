"""The reminder policy: turns a command's events into outbox rows inside the command's own transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.config import Settings
from bot.content.plan import Plan, load_sections
from bot.content.reminder_rules import ReminderRules, load_reminder_rules
from bot.core.events import Event, ProcedureClosed, RoleAssigned, SubstepReopened
from bot.core.ports import UnitOfWork
from bot.core.state import ProcedureState
from bot.reminders.rearm import rearm_after_reopen
from bot.reminders.rules import Reminder, for_events
from bot.storage import outbox
from bot.storage.store import SqliteUnitOfWork

log = logging.getLogger(__name__)


class OutboxReminderPolicy:
    """Queues what the rules say about each event; same transaction as the change, so exactly once with it."""

    def __init__(self, plan: Plan, rules: ReminderRules, tz: ZoneInfo) -> None:
        self.plan = plan
        self.rules = rules
        self.tz = tz

    def on_events(
        self,
        uow: UnitOfWork,
        before: ProcedureState | None,
        after: ProcedureState,
        events: Sequence[Event],
        now: datetime,
    ) -> None:
        """Queue reminders for these events; hand waiting private reminders to a new role holder."""
        if not isinstance(uow, SqliteUnitOfWork):
            raise TypeError("the outbox reminder policy needs the SQLite unit of work")
        db = uow.db
        pid = outbox.procedure_id(db, after.channel, after.created_at)
        if pid is None:
            return
        if any(isinstance(e, ProcedureClosed) for e in events):
            outbox.cancel_procedure(db, pid)
            return
        for event in events:
            if isinstance(event, RoleAssigned):
                outbox.release_waiting(db, pid, event.role, event.user, now)
            if isinstance(event, SubstepReopened):
                rearm_after_reopen(db, pid, event.substep)
        try:
            reminders = for_events(self.rules, self.plan, after, events, now, self.tz)
        except Exception:  # a broken rule must not block the committee's command; the log says which
            log.exception("reminder rules failed for events %s", [type(e).__name__ for e in events])
            return
        for reminder in reminders:
            queue(db, pid, after.channel, welcome_first(db, pid, reminder, events), now)


def welcome_first(db: sqlite_utils.Database, procedure: int, reminder: Reminder, events: Sequence[Event]) -> Reminder:
    """A new role holder's welcome, due just before every private reminder still waiting to reach them.

    Delivery goes by due time, so news that waited for the role (handed over above) or an earlier
    reminder not yet sent follows the welcome instead of preceding it.
    """
    welcome = reminder.kind == "role-assigned" and any(
        isinstance(event, RoleAssigned)
        and reminder.audience == f"role:{event.role}"
        and reminder.recipients == (event.user,)
        for event in events
    )
    if not welcome:
        return reminder
    earliest = outbox.earliest_undelivered(db, procedure, reminder.recipients[0])
    if earliest is None or earliest > reminder.due:
        return reminder
    return replace(reminder, due=earliest - timedelta(microseconds=1))


def queue(db: sqlite_utils.Database, procedure: int, channel: str, reminder: Reminder, now: datetime) -> int:
    """Put one reminder in the outbox (a no-op when it was queued before)."""
    return outbox.enqueue(
        db,
        procedure=procedure,
        channel=channel,
        rule=reminder.rule,
        kind=reminder.kind,
        key=reminder.key,
        audience=reminder.audience,
        recipients=reminder.recipients,
        substep=reminder.substep,
        text=reminder.text,
        due=reminder.due,
        now=now,
    )


def load_rules(settings: Settings, plan: Plan) -> ReminderRules:
    """Load and check procedures/reminders.yaml against the plan and the guide's sections."""
    return load_reminder_rules(settings.procedures_dir, plan, load_sections(settings.knowledge_dir))


def build_policy(settings: Settings, plan: Plan) -> OutboxReminderPolicy:
    """The policy the bot runs with: the rules from procedures/, times in BOT_TIMEZONE."""
    return OutboxReminderPolicy(plan, load_rules(settings, plan), settings.timezone)
