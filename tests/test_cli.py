"""The command line as DESIGN.md fixes it, run as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args, tmp_path, stdin="", env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_"))}
    env["BOT_DB"] = str(tmp_path / "data" / "bot.db")
    env["PYTHONPATH"] = str(ROOT)  # this checkout's bot, also when another one is installed
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def test_steps_json_lists_37_substeps_in_order(tmp_path):
    proc = run(["steps", "--json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 37
    assert rows[0] == {**rows[0], "id": "1a", "step": 1, "phase": 1}
    assert rows[-1]["id"] == "10c" and rows[-1]["phase"] == 3 and rows[-1]["step"] == 10
    assert all(r["title"] for r in rows)
    assert [r["phase"] for r in rows] == sorted(r["phase"] for r in rows)


def test_steps_plain_text(tmp_path):
    proc = run(["steps"], tmp_path)
    assert proc.returncode == 0 and "Fase 1 Profiel" in proc.stdout and "10c" in proc.stdout


def test_scripted_chat_session_persists_between_runs(tmp_path):
    script = "/werving start Zaanstad\n/werving klaar 1a\n/werving klaar 1b\n/werving heropen 1b\n/werving status\n"
    first = run(["chat", "--channel", "C42", "--user", "jan"], tmp_path, stdin=script)
    assert first.returncode == 0, first.stderr
    assert "Procedure gestart" in first.stdout and "Fase 1 Profiel: 1/7" in first.stdout
    second = run(["chat", "--channel", "C42", "--user", "piet"], tmp_path, stdin="/werving status\n")
    assert "Fase 1 Profiel: 1/7" in second.stdout and "Volgende: 1b" in second.stdout

    export = run(["export", "--channel", "C42", "--json"], tmp_path)
    assert export.returncode == 0, export.stderr
    dossier = json.loads(export.stdout)
    assert dossier["channel"] == "C42" and dossier["municipality"] == "Zaanstad"
    by_id = {s["id"]: s for s in dossier["steps"]}
    assert by_id["1a"]["status"] == "done" and by_id["1a"]["by"] == "jan"
    assert by_id["1b"]["status"] == "open"
    assert set(by_id["1a"]) >= {"id", "title", "status", "by", "at", "note"}
    assert [entry["action"] for entry in dossier["log"]][:4] == [
        "ProcedureStarted",
        "RoleAssigned",  # whoever starts is the process owner
        "SubstepDone",
        "SubstepDone",
    ]
    assert "roles" in dossier and "school" in dossier

    text = run(["export", "--channel", "C42"], tmp_path)
    assert "Dossier procedure gemeentesecretaris Zaanstad" in text.stdout


def test_export_unknown_channel_is_a_clear_error(tmp_path):
    proc = run(["export", "--channel", "nergens"], tmp_path)
    assert proc.returncode == 1 and "geen procedure" in proc.stderr and "Traceback" not in proc.stderr


def test_unusable_database_path_is_reported_without_traceback(tmp_path):
    (tmp_path / "blocker").write_text("x")
    proc = run(["chat"], tmp_path, stdin="/werving help\n", env_extra={"BOT_DB": str(tmp_path / "blocker" / "bot.db")})
    assert proc.returncode == 1 and "Kan de map" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_timezone_and_unknown_subcommand(tmp_path):
    proc = run(["steps"], tmp_path, env_extra={"BOT_TIMEZONE": "Mars/Olympus"})
    assert proc.returncode == 1 and "BOT_TIMEZONE" in proc.stderr
    proc = run(["vlieg"], tmp_path)
    assert proc.returncode == 2 and "fout" in proc.stderr


def test_usage_errors_and_help_are_in_dutch(tmp_path):
    proc = run(["vlieg"], tmp_path)
    assert "onbekende keuze 'vlieg' (kies uit 'ask'" in proc.stderr and proc.stderr.startswith("gebruik: ")
    proc = run(["chat", "--user"], tmp_path)
    assert proc.returncode == 2 and "--user: hier hoort één waarde achter" in proc.stderr
    proc = run(["ask", "--jsn", "x"], tmp_path)
    assert "onbekende argumenten: --jsn" in proc.stderr
    proc = run(["export"], tmp_path)
    assert "geef een van deze: --channel --procedure" in proc.stderr
    helped = run(["ask", "-h"], tmp_path).stdout
    assert "opties:" in helped and "toon deze hulp en stop" in helped
    for english in ("usage:", "invalid choice", "expected one argument", "options:", "positional arguments"):
        assert english not in proc.stderr + helped
