"""Files from chat commands: `planning ics` and `document <soort> docx` as attachments, saved by the console."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
from freezegun import freeze_time
from icalendar import Calendar
from planning_support import ok, refused, say

from bot import cli
from bot.adapters.console import ConsoleSession
from bot.adapters.teams.render import activity

MONDAY = datetime(2027, 1, 11, 8, 0, tzinfo=UTC)


def uids_and_sequences(data: bytes) -> dict[str, int]:
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in Calendar.from_ical(data).walk("VEVENT")}


def test_chat_calendar_matches_the_command_line_export(make_planning_app, settings, monkeypatch, tmp_path):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad", "planning 1a 20-01-2027", "planning 1a 21-01-2027", "planning 1b 03-02-2027")
        (reply,) = say(app, "planning ics")
        (attachment,) = reply.attachments
        assert attachment.filename == "planning-zaanstad.ics" and attachment.mime == "text/calendar"
        monkeypatch.setenv("BOT_DB", str(settings.db_path))
        assert cli.main(["planning", "--channel", "C1", "--ics", str(tmp_path / "p.ics")], out=io.StringIO()) == 0
    chat = uids_and_sequences(attachment.data)
    assert chat == uids_and_sequences((tmp_path / "p.ics").read_bytes())
    assert sorted(chat.values()) == [0, 1]  # 1a was moved once: a re-import updates it


def test_calendar_without_dates_is_refused(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Zaanstad")
        assert "nog niets gepland" in refused(app, "planning ics")


def test_console_saves_the_files_in_its_folder(make_planning_app, tmp_path):
    with freeze_time(MONDAY):
        app = make_planning_app()
        session = ConsoleSession(app, channel="C1", user="jan", files=tmp_path)
        session.say("/werving start Ede")
        session.say("/werving planning 1a 20-01-2027")
        printed = session.say("/werving planning ics")
        assert printed[-1] == f"Bestand opgeslagen: {tmp_path / 'planning-ede.ics'}"
        assert len(Calendar.from_ical((tmp_path / "planning-ede.ics").read_bytes()).walk("VEVENT")) == 1
        printed = session.say("/werving document profiel docx")
        assert "Word-bestand" in printed[0] and printed[-1].endswith("profiel-ede.docx")
        document = docx.Document(str(tmp_path / "profiel-ede.docx"))
        assert any("Ede" in p.text for p in document.paragraphs)


def test_console_reports_a_file_it_cannot_write(make_planning_app, tmp_path):
    with freeze_time(MONDAY):
        app = make_planning_app()
        session = ConsoleSession(app, channel="C1", user="jan", files=tmp_path / "ontbreekt")
        session.say("/werving start Ede")
        assert session.say("/werving document profiel docx")[-1].startswith("Kon het bestand profiel-ede.docx niet")


def test_teams_points_to_the_command_line(make_planning_app):
    with freeze_time(MONDAY):
        app = make_planning_app()
        ok(app, "start Ede", "planning 1a 20-01-2027")
        (calendar,) = say(app, "planning ics")
        (word,) = say(app, "document bw-voorstel docx")
    assert "python -m bot planning --channel C1 --ics planning-ede.ics" in activity(calendar, None, {})["text"]
    text = activity(word, None, {})["text"]
    assert "python -m bot document bw-voorstel --channel C1 --docx bw-voorstel-ede.docx" in text
