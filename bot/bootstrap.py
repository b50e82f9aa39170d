"""The composition root: builds the bot from real parts, or from the fakes a test hands in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.config import Settings
from bot.content.conversation import Vocabulary, load_vocabulary
from bot.content.plan import Plan, load_plan, load_sections
from bot.core.bot import WervingBot
from bot.core.commands import COMMANDS
from bot.core.conversation import Conversation
from bot.core.messages import QuestionAnswerer
from bot.core.ports import ReminderPolicy
from bot.storage.db import Database
from bot.storage.store import SqliteStore

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock, in UTC."""
    return datetime.now(UTC)


@dataclass
class Application:
    """Everything an adapter needs, built once."""

    settings: Settings
    plan: Plan
    store: SqliteStore
    bot: WervingBot
    clock: Clock

    def close(self) -> None:
        """Release the database connections."""
        self.store.close()


def load_content(settings: Settings) -> Plan:
    """Load and validate the step plan; raises ContentError naming file and key."""
    return load_plan(settings.procedures_dir, load_sections(settings.knowledge_dir))


def load_conversation(settings: Settings, plan: Plan) -> Vocabulary:
    """Load and validate procedures/conversation.yaml; raises ContentError naming file and key."""
    substep_ids = [s.id for s in plan.substeps()]
    return load_vocabulary(settings.procedures_dir / "conversation.yaml", COMMANDS, substep_ids)


def build(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    answerer: QuestionAnswerer | None = None,
    store: SqliteStore | None = None,
    reminder_policy: ReminderPolicy | None = None,
) -> Application:
    """Build the application; tests pass fakes (a fixed clock, an answerer, a store)."""
    plan = load_content(settings)
    store = store or SqliteStore(Database(settings.db_path))
    if answerer is None:
        from bot.qa.answerer import build_answerer  # imported late: the Q&A index is only built when needed

        answerer = build_answerer(settings)
    if reminder_policy is None:
        from bot.reminders.policy import build_policy  # the rules of procedures/reminders.yaml, into the outbox

        reminder_policy = build_policy(settings, plan)
    conversation = Conversation(plan, load_conversation(settings, plan))
    bot = WervingBot(
        plan, store, answerer, settings.timezone, reminder_policy=reminder_policy, conversation=conversation
    )
    return Application(settings=settings, plan=plan, store=store, bot=bot, clock=clock)


def build_for_serving(settings: Settings) -> Application:
    """The application as the console and the servers run it: real clock, real answerer, real store."""
    return build(settings)
