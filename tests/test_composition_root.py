"""bot/bootstrap.py is the one composition root: only it builds the store, the bot and the reminder scheduler."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.bootstrap import build
from bot.config import Settings
from tests.fakes import FakeAnswerer

BOT = Path(__file__).resolve().parents[1] / "bot"
BUILT_BY_THE_ROOT = frozenset({"SqliteStore", "Database", "WervingBot", "ReminderScheduler", "Conversation"})
# Known stragglers, each with its reason; anything else that builds these objects fails the test.
STRAGGLERS = {
    ("cli.py", "Conversation"),  # `ask` starts cold for every question and loads only the plan and vocabulary
}


def constructions(path: Path) -> set[str]:
    """The names of the root's classes this module calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BUILT_BY_THE_ROOT
    }


def test_only_the_composition_root_builds_the_application_parts() -> None:
    found = {
        (path.relative_to(BOT).as_posix(), name)
        for path in BOT.rglob("*.py")
        if path.name != "bootstrap.py"
        for name in constructions(path)
    }
    assert found == STRAGGLERS
    assert constructions(BOT / "bootstrap.py") == BUILT_BY_THE_ROOT - {"ReminderScheduler"}  # passed as factory


def test_the_application_builds_its_reminder_scheduler(tmp_path: Path) -> None:
    from bot.reminders.scheduler import ReminderScheduler

    app = build(Settings(db_path=tmp_path / "bot.db"), answerer=FakeAnswerer())
    try:
        sent: list[tuple[str, object]] = []

        class Recorder:
            def send(self, channel: str, reply: object) -> None:
                sent.append((channel, reply))

        scheduler = app.scheduler(Recorder())
        assert isinstance(scheduler, ReminderScheduler)
        assert scheduler.app is app and scheduler.run_once(app.clock()) == 0 and sent == []
    finally:
        app.close()
