"""The composition root: builds the bot from real parts, or from the fakes a test hands in.

Every entry point (the console, `serve slack`, `serve teams` and the other commands of bot/cli.py) gets
its objects from here: the application, the store, the content and the reminder scheduler
(`application.scheduler(sender)`). Nothing below this module imports it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from bot.application import Application, Clock, utc_now
from bot.config import Settings
from bot.content.conversation import Vocabulary, load_vocabulary
from bot.content.plan import Plan, load_plan, load_sections
from bot.content.safeguards import load_safeguards
from bot.core.bot import WervingBot
from bot.core.commands import COMMANDS
from bot.core.conversation import Conversation
from bot.core.messages import QuestionAnswerer
from bot.core.ports import ReminderPolicy
from bot.documents.library import DocumentLibrary, load_library
from bot.reminders.scheduler import ReminderScheduler
from bot.storage.db import Database
from bot.storage.store import SqliteStore


def load_content(settings: Settings) -> Plan:
    """Load and validate the step plan; raises ContentError naming file and key.

    The plan is frozen, so a plan loaded before from the very same files (same paths, sizes and
    modification times) is handed out again instead of parsing the YAML once more.
    """
    key = (settings.procedures_dir, settings.knowledge_dir, _content_signature(settings))
    with _CACHE_LOCK:
        cached = _PLAN_CACHE.get(key)
    if cached is not None:
        return cached
    plan = load_plan(settings.procedures_dir, load_sections(settings.knowledge_dir))
    with _CACHE_LOCK:
        if len(_PLAN_CACHE) >= _CACHE_SIZE:
            _PLAN_CACHE.clear()
        _PLAN_CACHE[key] = plan
    return plan


_PLAN_CACHE: dict[tuple[Path, Path, tuple[tuple[str, int, int], ...]], Plan] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def _content_signature(settings: Settings) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every content file (a missing folder gives an empty part)."""
    found = []
    for folder in (settings.procedures_dir, settings.knowledge_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def load_documents(settings: Settings, plan: Plan) -> DocumentLibrary:
    """Load and trial-render the document templates; raises ContentError naming file and key.

    Compiling and checking them takes a noticeable fraction of a second, so a process reuses the
    result while no content file changed (tests build many applications from the same content).
    """
    fingerprint = tuple(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for folder in (settings.knowledge_dir, settings.procedures_dir)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and (stat := path.stat())
    )
    cached = _DOCUMENTS.get(fingerprint)
    if cached is None:
        cached = load_library(settings.knowledge_dir, plan, load_sections(settings.knowledge_dir))
        _DOCUMENTS.clear()  # keep one: content rarely changes within a process
        _DOCUMENTS[fingerprint] = cached
    return cached


_DOCUMENTS: dict[tuple[tuple[str, int, int], ...], DocumentLibrary] = {}


def load_conversation(settings: Settings, plan: Plan, documents: DocumentLibrary) -> Vocabulary:
    """Load and validate procedures/conversation.yaml; raises ContentError naming file and key."""
    substep_ids = [s.id for s in plan.substeps()]
    return load_vocabulary(settings.procedures_dir / "conversation.yaml", COMMANDS, substep_ids, documents.kinds)


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
    documents = load_documents(settings, plan)  # validated before anything is opened
    store = store or SqliteStore(Database(settings.db_path))
    if answerer is None:
        from bot.qa.answerer import build_answerer  # imported late: the Q&A index is only built when needed

        answerer = build_answerer(settings)
    if reminder_policy is None:
        from bot.reminders.policy import build_policy  # the rules of procedures/reminders.yaml, into the outbox

        reminder_policy = build_policy(settings, plan)
    safeguards = load_safeguards(settings.procedures_dir, plan)
    conversation = Conversation(plan, load_conversation(settings, plan, documents))
    bot = WervingBot(
        plan,
        store,
        answerer,
        settings.timezone,
        reminder_policy=reminder_policy,
        safeguards=safeguards,
        conversation=conversation,
    )
    bot.documents = documents
    return Application(
        settings=settings, plan=plan, store=store, bot=bot, clock=clock, scheduler_factory=ReminderScheduler
    )


def open_store(settings: Settings) -> SqliteStore:
    """The store on the settings' database file (migrated), for the commands that need no bot."""
    return SqliteStore(Database(settings.db_path))


def build_for_serving(settings: Settings) -> Application:
    """The application as the console and the servers run it: real clock, real answerer, real store."""
    return build(settings)
