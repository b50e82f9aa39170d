"""Closing, reopening and reaching closed dossiers; the audit log's hash chain; the archive CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def joined(lines: list[str]) -> str:
    return "\n".join(lines)


def cli(args, tmp_path, stdin=""):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_"))}
    env["BOT_DB"] = str(tmp_path / "data" / "bot.db")
    env["PYTHONPATH"] = str(ROOT)  # this checkout's bot, not an installed one
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def close(chat, reason="benoeming rond"):
    chat.say(f"/werving afsluiten {reason}")
    return joined(chat.say("/werving bevestig"))


def test_export_in_the_channel_after_closing_offers_the_last_dossier(chat, app):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a gesprekken gevoerd")
    close(chat)
    out = joined(chat.say("/werving export"))
    assert "laatste, afgesloten procedure" in out and "gesprekken gevoerd" in out
    assert "door @jan (reden: benoeming rond)" in out and "hashketen" in out


def test_the_process_owner_reopens_within_the_period(chat, app, clock):
    chat.say("/werving start Zaanstad")
    close(chat)
    clock.advance(days=3)
    assert "Bevestigen" in joined(chat.say("/werving heropen procedure"))
    assert "weer geopend" in joined(chat.say("/werving bevestig"))
    state = app.store.procedure("C1")
    assert state is not None and state.closed_at is None
    actions = [r["action"] for r in app.store.audit_log("C1")]
    assert actions[-2:] == ["ProcedureClosed", "ProcedureReopened"]


def test_reopening_is_refused_after_the_period_and_for_others(chat, app, clock):
    from safe_support import run

    chat.say("/werving start Zaanstad")
    close(chat)
    assert "Dit mag je niet" in run(app, "heropen procedure", user="kees")[0].text
    clock.advance(days=31)
    assert "tot 30 dagen" in joined(chat.say("/werving heropen procedure"))
    assert app.store.procedure("C1") is None


def test_dossiers_and_export_by_procedure_reach_closed_procedures(chat, app, tmp_path, settings):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a eerste procedure")
    close(chat)
    chat.say("/werving start Zaanstad")
    app.close()
    env_path = settings.db_path.parent.parent  # BOT_DB = <tmp>/data/bot.db
    listing = cli(["dossiers", "--json"], env_path)
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert [(r["id"], r["channel"], r["state"]) for r in rows] == [(1, "C1", "closed"), (2, "C1", "open")]
    plain = cli(["dossiers"], env_path)
    assert "afgesloten" in plain.stdout and "lopend" in plain.stdout
    first = cli(["export", "--procedure", "1", "--json"], env_path)
    dossier = json.loads(first.stdout)
    assert dossier["id"] == 1 and dossier["closed_by"] == "jan" and dossier["close_reason"] == "benoeming rond"
    assert dossier["steps"][0]["note"] == "eerste procedure"
    assert dossier["audit_chain"].startswith("Logboek onaangetast")
    assert any(r["action"] == "ProcedureClosed" for r in dossier["log"])
    missing = cli(["export", "--procedure", "9"], env_path)
    assert missing.returncode == 1 and "geen procedure met id 9" in missing.stderr


def test_audit_verify_reports_the_first_altered_row(chat, app, settings):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    chat.say("/werving klaar 1b")
    app.close()
    root = settings.db_path.parent.parent
    ok = cli(["audit", "--verify"], root)
    assert ok.returncode == 0 and ok.stdout.startswith("OK") and "4 regels" in ok.stdout
    with sqlite3.connect(settings.db_path) as conn:  # someone edits the file directly
        conn.execute("DROP TRIGGER audit_log_no_update")
        conn.execute("UPDATE audit_log SET actor = 'piet' WHERE id = 3")
    bad = cli(["audit", "--verify"], root)
    assert bad.returncode == 1 and "regel 3 is gewijzigd" in bad.stdout
    dossier = json.loads(cli(["export", "--channel", "C1", "--json"], root).stdout)
    assert dossier["audit_chain"].startswith("Logboek aangetast")


def test_audit_verify_reports_removed_rows(chat, app, settings):
    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a")
    chat.say("/werving klaar 1b")
    app.close()
    root = settings.db_path.parent.parent
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("DROP TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = 2")
    middle = cli(["audit", "--verify"], root)
    assert middle.returncode == 1 and "regel 3" in middle.stdout
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("DELETE FROM audit_log WHERE id >= 3")
    tail = cli(["audit", "--verify"], root)
    assert tail.returncode == 1 and "verwijderd" in tail.stdout


def test_closing_reminds_the_owner_privately_of_retention_and_the_scheduler_purges_later(chat, app, clock):
    from bot.adapters.console import ConsoleSender
    from bot.reminders.scheduler import ReminderScheduler

    chat.say("/werving start Zaanstad")
    chat.say("/werving klaar 1a gesprekken met het MT gevoerd")
    chat.say("/werving rol @piet burgemeester")
    chat.say("/werving bevestig")  # piet gets a private welcome
    chat.say("/werving afsluiten procedure gestopt")
    out = joined(chat.say("/werving bevestig"))
    assert "[privé aan @jan] 🗂️ Bewaartermijn" in out and "NVP" in out and "28 dagen" in out
    scheduler = ReminderScheduler(app, ConsoleSender("C1"))
    clock.advance(days=27)
    assert scheduler.purge(clock()) == []
    assert app.store.latest_procedure("C1").record("1a").note == "gesprekken met het MT gevoerd"
    clock.advance(days=2)
    assert scheduler.purge(clock()) == [1]
    closed = app.store.latest_procedure("C1")
    assert closed.record("1a").note is None and closed.record("1a").by == "jan" and closed.close_reason is None
    assert app.store.audit_log("C1")[-1]["action"] == "RetentionPurge"
    with app.store.database.transaction(write=False) as db:
        texts = [r["text"] for r in db.query("SELECT text FROM reminder_outbox WHERE recipient != ''")]
    assert texts and all(t == "" for t in texts)
    assert scheduler.purge(clock()) == []  # once
    assert "procedure gestopt" not in str(app.store.audit_log("C1"))


def test_the_dossier_holds_decision_dates_planning_history_and_sent_reminders(chat, app, clock, settings):
    from safe_support import grant

    from bot.adapters.console import ConsoleSender
    from bot.reminders.scheduler import ReminderScheduler

    chat.say("/werving start Zaanstad")
    grant(app, "C1", "jan", "college")
    chat.say("/werving rol @piet burgemeester")
    chat.say("/werving bevestig")
    chat.say("/werving school zuiver")
    chat.say("/werving planning 1d 01-03-2027")
    ReminderScheduler(app, ConsoleSender("C1")).run_once(clock())  # the mayor's private welcome goes out
    clock.advance(days=10)
    assert "ligt tussen de start" in joined(chat.say("/werving klaar 1d besluit 01-03-2027"))
    out = joined(chat.say("/werving klaar 1d besluit 12-01-2027 profiel vastgesteld"))
    assert "Besluit genomen op 12-01-2027" in out and "profiel vastgesteld" in out
    record = app.store.procedure("C1").record("1d")
    assert str(record.decided_on) == "2027-01-12" and record.note == "profiel vastgesteld"
    text = joined(chat.say("/werving export"))
    assert "besluit 12-01-2027, gepland 01-03-2027" in text
    assert "*Verstuurde herinneringen*" in text and "aan de rol burgemeester" in text
    app.close()
    data = json.loads(cli(["export", "--channel", "C1", "--json"], settings.db_path.parent.parent).stdout)
    step = next(s for s in data["steps"] if s["id"] == "1d")
    assert step["decided"] == "2027-01-12" and step["planned"] == "2027-03-01"
    assert [h["what"] for h in data["role_history"]] == ["proceseigenaar", "burgemeester"]
    assert data["school_history"][0]["what"] == "zuiver"
    sent = data["reminders_sent"]
    assert any(r["to"] == "role:burgemeester" for r in sent) and all("text" not in r for r in sent)
