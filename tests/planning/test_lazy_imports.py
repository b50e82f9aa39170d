"""The planning libraries load only on planning code paths, so `ask` and start-up do not pay for them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("dateparser", "holidays", "icalendar")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_bot_start_up_and_ask_do_not_import_the_planning_libraries():
    assert loaded_after("import bot.cli, bot.qa.cli, bot.core.bot, bot.bootstrap, bot.reminders.rules") == set()


def test_a_planning_command_imports_only_what_it_needs():
    code = (
        "from datetime import datetime, UTC\nfrom zoneinfo import ZoneInfo\n"
        "from bot.core.planning.dates import parse_when\n"
        "parse_when('15 maart', datetime(2026, 12, 4, tzinfo=UTC), ZoneInfo('Europe/Amsterdam'))"
    )
    assert loaded_after(code) == {"dateparser"}
