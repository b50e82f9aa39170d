"""Bad values never stop the bot: dates outside the window, odd digits, non-UTF-8 input, a poisoned row."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.adapters.console import ConsoleSender
from bot.reminders.scheduler import ReminderScheduler

ROOT = Path(__file__).resolve().parents[1]


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/werving planning 1a 01-01-0001", "de procedure is pas op maandag 11 januari 2027 gestart"),
        ("/werving planning 1a 31-12-9999", "meer dan 2 jaar vooruit"),
        ("/werving planning 1a 10-01-2027", "de procedure is pas op maandag 11 januari 2027 gestart"),
        ("/werving planning 01-01-2030", "meer dan 2 jaar vooruit"),
    ],
)
def test_dates_outside_the_window_are_refused_in_dutch(chat, app, line, expected):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say(line))
    assert expected in out and "er is niets veranderd" in out
    assert app.store.procedure("C1").planned == {}


def test_a_date_inside_the_window_is_planned(chat, app):
    chat.say("/werving start Zaanstad")
    assert "gepland" in joined(chat.say("/werving planning 1a 10-01-2029"))


@pytest.mark.parametrize("line", ["/werving stap ²", "/werving stap ١", "/werving klaar ²a", "/werving stap ½"])
def test_unusual_unicode_digits_get_a_clear_reply(chat, line):
    chat.say("/werving start Zaanstad")
    out = joined(chat.say(line))
    assert out.startswith("[alleen voor jou]") and "bestaat niet" in out


def test_a_latin1_byte_on_the_console_gets_a_reply_not_a_traceback(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_"))}
    env["BOT_DB"] = str(tmp_path / "bot.db")
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--channel", "C1", "--user", "jan"],
        input=b"/werving start Ede\n/werving klaar 1a caf\xe9 besproken\n/werving status\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
    assert "geen geldige UTF-8" in out and "Fase 1 Profiel: 0/7" in out


def test_a_scheduler_round_skips_a_poisoned_procedure_and_serves_the_others(app, caplog):
    from safe_support import run

    run(app, "start Zaanstad", channel="C1")
    run(app, "start Ede", channel="C2")
    run(app, "planning 6a 15-03-2027", channel="C2")
    with app.store.database.transaction() as db:  # a bad value that slipped into the file
        pid = next(db.query("SELECT id FROM procedures WHERE channel = 'C1'"))["id"]
        db.execute("INSERT INTO planning (procedure_id, substep, day) VALUES (?, '6a', '0001-13-45')", [pid])
    scheduler = ReminderScheduler(app, ConsoleSender("C2"))
    with caplog.at_level(logging.WARNING, logger="bot.reminders.scheduler"):
        added = scheduler.evaluate(app.clock() + timedelta(days=60))
    assert added > 0
    assert any("skipped procedure" in r.getMessage() and "C1" in r.getMessage() for r in caplog.records)
    with app.store.database.transaction(write=False) as db:
        channels = {
            r["channel"]
            for r in db.query("SELECT channel FROM reminder_outbox WHERE rule LIKE '%' AND created_at > '2027-01-12'")
        }
    assert "C2" in channels
