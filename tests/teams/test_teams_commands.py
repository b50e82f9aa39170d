"""Every chat command and questions through the running Teams server, read back from the Bot Connector stand-in."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_standin import BOT_TOKEN  # noqa: E402
from teams_wire import TEAM_CHANNEL, message, post  # noqa: E402


def _last_text(running) -> str:
    texts = running.answers()
    assert texts, "the bot did not answer the last activity"
    return texts[-1]


def _last_private(running) -> str:
    """The last requester-only answer: in the 1:1 chat, with a neutral pointer in the thread."""
    texts = running.private_texts()
    assert texts, "the bot sent nothing to the requester's 1:1 chat"
    assert "persoonlijk bericht" in _last_text(running)
    return texts[-1]


def test_start_answers_in_the_thread_with_the_bots_token(running) -> None:
    activity = message(running.standin.service_url, "start Zaanstad")
    status, _ = running.send(activity)
    assert status == 200
    call = running.standin.sent()[0]
    conversation = activity["conversation"]["id"]
    assert call.path == f"/v3/conversations/{conversation}/activities/{activity['id']}"
    assert call.authorization == f"Bearer {BOT_TOKEN}"
    assert call.body["replyToId"] == activity["id"]
    assert "Procedure gestart" in call.body["text"] and "Zaanstad" in call.body["text"]
    # the person is mentioned by name with a mention entity; bold is Teams markdown
    assert "<at>Jan Jansen</at>" in call.body["text"]
    assert {"type": "mention", "text": "<at>Jan Jansen</at>", "mentioned": {"id": "29:jan", "name": "Jan Jansen"}} in (
        call.body["entities"]
    )
    assert "**1a**" in call.body["text"]
    # the channel id is the conversation id without ;messageid=
    state = running.application.store.procedure(TEAM_CHANNEL)
    assert state is not None and state.municipality == "Zaanstad" and state.platform == "teams"
    token_request = running.standin.token_requests[0]
    assert token_request["grant_type"] == ["client_credentials"]
    assert token_request["scope"] == ["https://api.botframework.com/.default"]


def test_every_command_in_a_channel(running) -> None:
    say = running.say
    assert say("start Zaanstad")[0] == 200
    assert say("help")[0] == 200
    assert "start" in _last_private(running)

    say("status")
    card = json.loads(_last_text(running))
    assert card["type"] == "AdaptiveCard"
    ticks = [action for action in card["actions"] if action["verb"] == "klaar"]
    assert ticks[0] == {
        "type": "Action.Execute",
        "title": "1a afvinken",
        "verb": "klaar",
        "data": {"action": "klaar", "stap": "1a"},
        "style": "positive",
    }
    explain = [a for block in card["body"] if block["type"] == "ActionSet" for a in block["actions"]]
    assert explain[0]["verb"] == "stap" and explain[0]["data"] == {"action": "stap", "stap": "1a"}

    say("klaar 1a gesprekken gevoerd")
    state = running.application.store.procedure(TEAM_CHANNEL)
    assert state.record("1a").status.value == "done" and state.record("1a").note == "gesprekken gevoerd"
    say("heropen 1a")
    assert running.application.store.procedure(TEAM_CHANNEL).record("1a").status.value == "open"
    say("nvt 1c niet nodig")
    assert running.application.store.procedure(TEAM_CHANNEL).record("1c").status.value == "skipped"

    say("stap 1b")
    step_card = json.loads(_last_text(running))
    assert step_card["actions"][0]["data"] == {"action": "klaar", "stap": "1b"}

    say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert running.application.store.procedure(TEAM_CHANNEL).roles == {
        "29:jan": ("proceseigenaar",),
        "29:piet": ("burgemeester",),
    }
    assert "<at>Piet Burger</at>" in _last_text(running)

    say("rollen")
    assert "Piet Burger" in _last_private(running)
    say("school breed")
    assert running.application.store.procedure(TEAM_CHANNEL).school == "breed"
    say("planning 1b 15-03-2027")
    assert str(running.application.store.procedure(TEAM_CHANNEL).planned["1b"]) == "2027-03-15"
    say("vraag wie benoemt de secretaris?")  # the command `vraag` answers its asker only
    assert "college benoemt" in _last_private(running)
    say("export")
    assert _last_text(running)
    say("afsluiten")
    assert running.application.store.procedure(TEAM_CHANNEL) is not None  # asks first
    assert "bevestig" in _last_text(running)
    say("bevestig")
    assert running.application.store.procedure(TEAM_CHANNEL) is None  # closed


def test_command_words_in_any_case_and_with_prefix(running) -> None:
    running.say("/werving START Zaanstad")
    assert running.application.store.procedure(TEAM_CHANNEL) is not None
    running.say("Klaar 1a")
    assert running.application.store.procedure(TEAM_CHANNEL).record("1a").status.value == "done"


def test_questions_in_a_channel_and_in_a_personal_chat(running) -> None:
    running.say("Wie benoemt de gemeentesecretaris?")
    assert "college benoemt" in _last_text(running)
    activity = message(running.standin.service_url, "wie benoemt eigenlijk?", personal=True)
    running.send(activity)
    call = next(c for c in running.standin.sent() if c.path.endswith(f"/{activity['id']}"))
    assert call.path == f"/v3/conversations/a:personal-29:jan/activities/{activity['id']}"
    assert "college benoemt" in call.body["text"]


def test_a_bare_mention_gets_help_and_typed_markup_stays_harmless(running) -> None:
    running.say("")
    assert "start" in _last_private(running)
    running.say("start <b>Zaan</b> &amp; <at>Iedereen</at>")
    text = _last_text(running)
    assert "<b>" not in text and "<at>Iedereen</at>" not in text


def test_rol_refuses_a_name_without_a_mention(running) -> None:
    running.say("start Zaanstad")
    running.say("rol Piet burgemeester")
    assert running.application.store.procedure(TEAM_CHANNEL).roles == {"29:jan": ("proceseigenaar",)}
    assert "geen persoon" in _last_private(running)
    assert "geen persoon" not in " ".join(running.answers())  # not in the thread


def test_the_bots_own_mention_is_dropped_also_without_an_entity(running) -> None:
    activity = message(running.standin.service_url, "start Zaanstad", mention_bot=False)
    activity["text"] = "<at>Werving</at> start Zaanstad"
    assert running.send(activity)[0] == 200
    assert running.application.store.procedure(TEAM_CHANNEL).municipality == "Zaanstad"


def test_odd_activities_are_refused_or_ignored_without_a_crash(running) -> None:
    token = running.token()
    assert post(running.url, b"{not json", token)[0] == 400
    assert post(running.url, [1, 2], token)[0] == 400
    no_conversation = message(running.standin.service_url, "status")
    del no_conversation["conversation"]
    assert running.send(no_conversation)[0] == 400
    update = message(running.standin.service_url, "")
    update.update({"type": "conversationUpdate", "membersAdded": [{"id": "28:bot"}]})
    assert running.send(update)[0] == 200
    weird = message(running.standin.service_url, "status")
    weird.update({"entities": "x", "value": [1], "channelData": "y", "text": 42})
    assert running.send(weird)[0] == 200
    assert any(call.path.endswith(f"/{weird['id']}") for call in running.standin.sent())  # read as a question
    assert not any(call.path.endswith(f"/{update['id']}") for call in running.standin.sent())
    assert running.say("help")[0] == 200  # still serving
