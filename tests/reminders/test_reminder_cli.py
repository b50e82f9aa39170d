"""`python -m bot reminders`: what is due at a moment, without sending; Dutch errors."""

from __future__ import annotations

import io
import json

import pytest
from fakes import FakeClock
from reminder_support import RecordingSender, commands

from bot.cli import main
from bot.reminders.scheduler import ReminderScheduler
from bot.storage import outbox


@pytest.fixture
def prepared(make_app, settings, monkeypatch):
    """A procedure in C1 with a mayor and a planned first interview; nothing delivered yet."""
    monkeypatch.setenv("BOT_DB", str(settings.db_path))
    monkeypatch.delenv("BOT_TIMEZONE", raising=False)
    clock = FakeClock()  # Monday 11 January 2027, 09:00 UTC (10:00 in Amsterdam)
    app = make_app(clock=clock)
    commands(app, "start Zaanstad", "rol @piet burgemeester", "planning 6a 10-02-2027")
    return app, clock


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["reminders", "--channel", "C1", *args], out=out)
    return code, out.getvalue()


def preview(*args: str) -> list[dict]:
    code, text = run("--json", *args)
    assert code == 0
    return json.loads(text)


def test_json_lists_what_is_due_without_sending(prepared):
    app, _ = prepared
    before = [(r.id, r.status, r.attempts) for r in rows(app)]
    due = preview("--at", "2027-01-11T10:00")  # local time: 09:00 UTC
    assert [d["rule"] for d in due] == ["start-regie", "welkom-burgemeester"]
    assert all(set(d) == {"due", "to", "private", "text", "rule"} for d in due)
    channel, private = due
    assert channel["to"] == "channel" and channel["private"] is False
    assert private["to"] == "role:burgemeester" and private["private"] is True
    assert channel["due"] == "2027-01-11T10:00:00+01:00"
    assert "Persoonlijke herinnering" in private["text"] and "Zaanstad" in private["text"]
    assert preview("--at", "2027-01-11T10:00") == due  # nothing was sent or changed
    assert [(r.id, r.status, r.attempts) for r in rows(app)] == before
    assert preview("--at", "2027-01-11T09:59") == []  # before the procedure started


def rows(app):
    with app.store.database.transaction(write=False) as db:
        return outbox.rows(db)


def test_time_based_reminders_at_a_later_moment(prepared):
    app, clock = prepared
    ReminderScheduler(app, RecordingSender()).run_once(clock())  # deliver what is due now
    assert preview("--at", "2027-01-11T10:00") == []
    # 6a is planned on Wednesday 10 February; three working days before is Friday 5 February 09:00 local.
    assert "gesprekken-voorbereiden" not in [d["rule"] for d in preview("--at", "2027-02-05T08:59")]
    due = {d["rule"]: d for d in preview("--at", "2027-02-05T09:00")}
    assert due["gesprekken-voorbereiden"]["due"] == "2027-02-05T09:00:00+01:00"
    assert due["gesprekken-voorbereiden"]["to"] == "channel"
    assert due["weekoverzicht-burgemeester"]["to"] == "role:burgemeester"  # Monday's digest of that week
    # With an explicit offset the moment is taken as given.
    assert "gesprekken-voorbereiden" in [d["rule"] for d in preview("--at", "2027-02-05T08:00:00+00:00")]
    assert "gesprekken-voorbereiden" not in [d["rule"] for d in preview("--at", "2027-02-05T08:59:00+01:00")]


def test_plain_text_output(prepared):
    code, text = run("--at", "2027-01-11T10:00")
    assert code == 0
    assert "privé aan de rol Burgemeester (regel welkom-burgemeester)" in text
    assert "in het kanaal (regel start-regie)" in text and "er wordt niets verstuurd" in text
    code, text = run("--at", "2027-01-11T09:00")
    assert code == 0 and "geen herinneringen" in text


def test_errors_are_dutch(prepared, capsys):
    out = io.StringIO()
    assert main(["reminders", "--channel", "C404"], out=out) == 1
    assert "in kanaal 'C404' is geen procedure gevonden" in capsys.readouterr().err
    assert run("--at", "volgende week")[0] == 2
    err = capsys.readouterr().err
    assert "'volgende week' is geen geldig moment" in err and "BOT_TIMEZONE" in err


def test_a_closed_procedure_has_nothing_due(prepared):
    app, _ = prepared
    commands(app, "afsluiten")
    assert preview("--at", "2027-02-05T09:00") == []
