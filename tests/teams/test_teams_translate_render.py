"""Activities to Incoming and replies to Teams markup, as pure functions."""

from __future__ import annotations

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_wire import BOT_ID, TEAM_CHANNEL, message  # noqa: E402

from bot.adapters.teams import render, translate  # noqa: E402
from bot.core.messages import Action, Audience, Reply  # noqa: E402

URL = "https://smba.trafficmanager.net/emea/"


def _incoming(text: str, **kwargs):
    activity = message(URL, text, **kwargs)
    return translate.to_incoming(activity, translate.origin_of(activity))


def test_channel_id_drops_the_message_id() -> None:
    assert translate.channel_id(f"{TEAM_CHANNEL};messageid=123") == TEAM_CHANNEL
    assert translate.channel_id("a:personal") == "a:personal"
    origin = translate.origin_of(message(URL, "status"))
    assert origin.channel == TEAM_CHANNEL and origin.bot_id == BOT_ID and not origin.is_direct


def test_commands_and_questions() -> None:
    assert _incoming("STATUS").is_command and _incoming("STATUS").text == "STATUS"
    assert _incoming("/werving klaar 1a").text == "klaar 1a"
    assert _incoming("afvinken 1a").is_command  # an alias
    question = _incoming("Wat doet de OR?")
    assert not question.is_command and question.text == "Wat doet de OR?"
    assert _incoming("").text == "help"
    direct = _incoming("wat is stap 5?", personal=True)
    assert direct.is_direct and not direct.is_command


def test_mentions_become_platform_ids_and_typed_ids_stay_text() -> None:
    incoming = _incoming("rol <at>Piet</at> burgemeester", mentions=[("29:piet-1_A", "Piet")])
    assert incoming.text == "rol <@29:piet-1_A> burgemeester"
    typed = _incoming("rol &lt;@29:x&gt; burgemeester")
    assert "<@" not in typed.text


def test_card_data_becomes_a_command() -> None:
    origin = translate.origin_of(message(URL, "x"))
    invoke = {
        "type": "invoke",
        "name": "adaptiveCard/action",
        "value": {"action": {"verb": "klaar", "data": {"action": "klaar", "stap": "2B"}}},
    }
    assert translate.to_incoming(invoke, origin).text == "klaar 2b"
    invoke["value"]["action"]["data"] = {"action": "klaar", "stap": "2b; rm"}
    assert translate.to_incoming(invoke, origin) is None
    invoke["value"]["action"]["data"] = {"action": "opdracht", "opdracht": "bevestig"}
    assert translate.to_incoming(invoke, origin).text == "bevestig"


def test_text_reply_markdown_and_mentions() -> None:
    reply = Reply("*Let op*: <@29:piet> heeft 1a &amp; 1b afgevinkt; zie `stap 1c`.")
    body = render.activity(reply, None, {"29:piet": "Piet Burger"})
    assert body["text"] == "**Let op**: <at>Piet Burger</at> heeft 1a &amp; 1b afgevinkt; zie `stap 1c`."
    assert body["entities"] == [
        {"type": "mention", "text": "<at>Piet Burger</at>", "mentioned": {"id": "29:piet", "name": "Piet Burger"}}
    ]
    unknown = render.activity(Reply("Voor <@29:x>."), None, {})
    assert unknown["text"] == "Voor <at>collega</at>."


def test_actions_become_execute_buttons() -> None:
    reply = Reply(
        "Weet je het zeker?",
        Audience.CHANNEL,
        actions=(Action("Bevestigen", "bevestig", primary=True), Action("Niet doen", "help")),
    )
    card = render.activity(reply, None, {})["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["content"]["actions"][0] == {
        "type": "Action.Execute",
        "title": "Bevestigen",
        "verb": "opdracht",
        "data": {"action": "opdracht", "opdracht": "bevestig"},
        "style": "positive",
    }
    assert card["content"]["actions"][1]["data"]["opdracht"] == "help"
