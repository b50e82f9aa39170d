"""The core imports nothing from Slack, Teams, SQLite, the environment or the clock."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "bot" / "core"
FORBIDDEN_MODULES = (
    "slack_bolt",
    "slack_sdk",
    "botbuilder",
    "microsoft_agents",
    "sqlite3",
    "sqlite_utils",
    "bot.storage",
    "bot.adapters",
    "os",
    "time",
    "bot.qa",
    "bot.reminders",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_nothing_platform_specific():
    files = list(CORE.rglob("*.py"))
    assert files
    for path in files:
        for name in imports_of(path):
            assert not any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES), (path, name)


def test_core_reads_no_environment_or_clock():
    for path in CORE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for needle in ("os.environ", "getenv", "datetime.now", "datetime.utcnow", "date.today", "time.time("):
            assert needle not in source, (path, needle)
