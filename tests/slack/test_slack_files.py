"""Files in Slack: `planning ics` and `document <soort> docx` upload through files_upload_v2, over real HTTP."""

from __future__ import annotations

import io
from datetime import date, timedelta

import docx
from icalendar import Calendar
from slack_standin import SlackStandIn
from slack_wire import send_command

from bot.adapters.slack.sender import Origin, coalesce, to_payload
from bot.core.messages import Attachment, Reply
from bot.core.planning.workdays import first_working_day_from

DELIVERY = {"chat.postMessage", "chat.postEphemeral", "response_url"}
UPLOAD_FLOW = ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]


def run(bot, standin: SlackStandIn, text: str) -> list:
    """Send `/werving text`, let the outbox go quiet and return the messages it delivered."""
    before = len([c for c in standin.calls if c.method in DELIVERY])
    result = send_command(bot.port, text, standin.response_url(f"r{before}"))
    assert result.status == 200 and result.body == ""
    bot.flush()
    return [c for c in standin.calls if c.method in DELIVERY][before:]


def upload_calls(standin: SlackStandIn) -> list:
    return [c for c in standin.calls if c.method in UPLOAD_FLOW]


def planned_procedure(bot, standin: SlackStandIn) -> date:
    run(bot, standin, "start Zaanstad")
    day = first_working_day_from(date.today() + timedelta(days=40))
    run(bot, standin, f"planning 1a {day:%d-%m-%Y}")
    return day


def test_planning_ics_is_uploaded_to_the_channel(bot, standin):
    day = planned_procedure(bot, standin)
    assert run(bot, standin, "planning ics") == []  # the file and its text come as one upload
    assert [c.method for c in upload_calls(standin)] == UPLOAD_FLOW
    asked, sent, completed = upload_calls(standin)
    assert asked.params["filename"] == "planning-zaanstad.ics" and asked.token.startswith("xoxb-")
    data = standin.uploads[sent.params["file_id"]]
    assert int(asked.params["length"]) == len(data) == sent.params["length"]
    assert completed.params["channel_id"] == "C100" and "agendabestand" in completed.params["initial_comment"]
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 1 and events[0].decoded("dtstart") == day
    assert str(events[0]["summary"]).startswith("1a ")


def test_document_docx_is_uploaded_and_opens_in_word(bot, standin):
    run(bot, standin, "start Zaanstad")
    assert run(bot, standin, "document profiel docx") == []
    asked, sent, completed = upload_calls(standin)
    assert asked.params["filename"] == "profiel-zaanstad.docx"
    document = docx.Document(io.BytesIO(standin.uploads[sent.params["file_id"]]))
    assert any("Zaanstad" in p.text for p in document.paragraphs)
    assert "Word-bestand" in completed.params["initial_comment"]


def test_a_failed_upload_is_tried_again_from_the_outbox(bot, standin):
    planned_procedure(bot, standin)
    standin.fail_next("upload", 500, {})
    run(bot, standin, "planning ics")
    standin.wait_for("files.completeUploadExternal")
    methods = [c.method for c in upload_calls(standin)]
    assert methods == ["files.getUploadURLExternal", "upload"] + UPLOAD_FLOW
    assert len(standin.uploads) == 1


def test_no_upload_without_the_bot_in_the_channel_is_reported_in_dutch(bot, standin):
    planned_procedure(bot, standin)
    standin.not_in_channel.add("C100")
    notice = run(bot, standin, "planning ics")
    assert [c.method for c in notice] == ["response_url"]
    text = notice[0].params["text"]
    assert "planning-zaanstad.ics" in text and "niet in het kanaal zetten" in text and "not_in_channel" in text


def test_nothing_planned_means_no_upload(bot, standin):
    run(bot, standin, "start Zaanstad")
    refusal = run(bot, standin, "planning ics")
    assert "nog niets gepland" in refusal[0].params["text"] and upload_calls(standin) == []


def test_a_file_is_never_folded_into_another_message():
    plain = to_payload(Reply("eerste"), Origin("C100", "U1"), None)[1]
    with_file = to_payload(
        Reply("tweede", attachments=(Attachment("a.ics", "text/calendar", b"x", "A"),)), Origin("C100", "U1"), None
    )[1]
    assert coalesce(plain, dict(plain)) is not None
    assert coalesce(plain, with_file) is None and coalesce(with_file, plain) is None
    assert with_file["attachments"][0]["data"] == "eA=="
