"""Every bad input gets a clear Dutch reply that names the problem and the choices, and changes nothing."""

from __future__ import annotations

import pytest

from bot.core.messages import Audience, Incoming


def snapshot(app, channel="C1"):
    state = app.store.latest_procedure(channel)
    return state, app.store.audit_log(channel)


@pytest.fixture
def started(chat):
    chat.say("/werving start Zaanstad")
    return chat


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/werving klaar 11a", "Geldige substappen: 1a–1d"),
        ("/werving klaar", "Noem een substap"),
        ("/werving heropen 0", "bestaat niet"),
        ("/werving nvt xyz", "bestaat niet"),
        ("/werving stap 12", "stappen 1 tot en met 10"),
        ("/werving rol @piet koning", "Rollen: `college`"),
        ("/werving rol piet burgemeester", "noem iemand met @"),
        ("/werving rol @piet", "Noem een persoon en een rol"),
        ("/werving rol @piet kandidaten", "geen gegevens"),
        ("/werving school hybride", "Kies uit: `zuiver`"),
        ("/werving school", "Kies een school"),
        ("/werving planning 6a gisteren", "Kies een datum vanaf vandaag"),
        ("/werving planning 6a 29-03-2027", "Tweede paasdag"),
        ("/werving planning 6a ²", "geen gewoon cijfer"),
        ("/werving planning 6a 31-02-2027", "geen geldige datum"),
        ("/werving planning 6a", "Gebruik: `planning <id> <datum>`"),
        ("/werving dansen", "Kies uit: `help`"),
        ("/werving start Anders", "al een procedure"),
        ("/werving help dansen", "ken ik niet"),
        ("/werving vraag", "Stel je vraag"),
        ("/werving klaar " + "x" * 3000, "te lang"),
        ("/werving klaar 1a " + "toelichting " * 50, "te lang"),
    ],
)
def test_bad_command_gets_dutch_reply_and_changes_nothing(started, app, line, expected):
    before = snapshot(app)
    out = "\n".join(started.say(line))
    assert expected in out
    assert out.startswith("[alleen voor jou]")
    assert snapshot(app) == before


@pytest.mark.parametrize(
    "line",
    [
        "/werving status",
        "/werving klaar 1a",
        "/werving rollen",
        "/werving export",
        "/werving school breed",
        "/werving afsluiten",
        "/werving planning",
    ],
)
def test_procedure_command_without_procedure(chat, app, line):
    out = "\n".join(chat.say(line))
    assert "nog geen procedure" in out and "start" in out
    assert app.store.latest_procedure("C1") is None


def test_empty_command_shows_help(chat):
    assert "opdrachten" in "\n".join(chat.say("/werving")).lower()


def test_empty_and_blank_lines_are_ignored(chat):
    assert chat.say("") == [] and chat.say("   ") == []


def test_mentions_and_markup_are_escaped_not_echoed(started, app):
    out = app.bot.handle(Incoming("slack", "C1", "U1", "klaar <!channel>", True), app.clock())
    assert "<!channel>" not in out[0].text and "&lt;!channel&gt;" in out[0].text
    out = app.bot.handle(Incoming("slack", "C1", "U1", "klaar 1b <!everyone> & <@U9>", True), app.clock())
    assert "<!everyone>" not in out[0].text and "&lt;@U9&gt;" in out[0].text and "&amp;" in out[0].text
    out = app.bot.handle(Incoming("slack", "C2", "U1", "start <!here> Gemeente", True), app.clock())
    assert "<!here>" not in out[0].text


def test_control_characters_and_huge_message(app):
    replies = app.bot.handle(Incoming("console", "C3", "u", "\x00\x07", True), app.clock())
    assert replies and replies[0].audience is Audience.REQUESTER
    replies = app.bot.handle(Incoming("console", "C3", "u", "?" * 10_000, False), app.clock())
    assert "te lang" in replies[0].text


def test_start_in_direct_message_is_refused(app):
    replies = app.bot.handle(Incoming("slack", "D1", "U1", "start Ede", True, is_direct=True), app.clock())
    assert "privékanaal" in replies[0].text or "privébericht" in replies[0].text
    assert app.store.procedure("D1") is None
