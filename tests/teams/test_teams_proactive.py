"""Private reminders in a 1:1 chat on the serviceUrl where the person was met; the channel is told when that fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_standin import BOT_TOKEN  # noqa: E402
from teams_wire import TENANT, message  # noqa: E402


def _conversation_created(standin) -> bool:
    return any(call.path == "/v3/conversations" for call in standin.connector_calls())


def test_the_mayor_gets_a_welcome_in_a_personal_chat(running) -> None:
    running.say("start Zaanstad")
    running.say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert running.standin.wait_for(
        lambda s: any(c.path.startswith("/v3/conversations/a:personal-29:piet/") for c in s.connector_calls())
    )
    create = next(call for call in running.standin.connector_calls() if call.path == "/v3/conversations")
    assert create.body == {
        "members": [{"id": "29:piet"}],
        "tenantId": TENANT,
        "channelData": {"tenant": {"id": TENANT}},
    }
    assert create.authorization == f"Bearer {BOT_TOKEN}"
    private = next(c for c in running.standin.connector_calls() if c.path.startswith("/v3/conversations/a:personal"))
    assert private.path == "/v3/conversations/a:personal-29:piet/activities"
    assert "Welkom" in private.body["text"] and private.authorization == f"Bearer {BOT_TOKEN}"
    # the private content never reaches the channel
    channel_texts = [
        c.body.get("text") or "" for c in running.standin.sent() if not c.path.startswith("/v3/conversations/a:")
    ]
    assert not any("Welkom" in text for text in channel_texts)


def test_when_no_personal_chat_can_be_made_the_channel_is_told_without_the_content(running) -> None:
    running.standin.refuse_chat.add("29:piet")
    running.say("start Zaanstad")
    running.say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert running.standin.wait_for(
        lambda s: any("privégesprek" in (c.body.get("text") or "") for c in s.sent()), timeout=10
    )
    notice = next(c for c in running.standin.sent() if "privégesprek" in (c.body.get("text") or ""))
    assert "<at>Piet Burger</at>" in notice.body["text"] and "Welkom" not in notice.body["text"]
    assert notice.path.startswith("/v3/conversations/19:commissie@thread.tacv2/activities")


def test_a_person_met_in_a_personal_chat_is_reached_there(running) -> None:
    running.send(message(running.standin.service_url, "help", user="29:piet", name="Piet Burger", personal=True))
    running.say("start Zaanstad")
    running.say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert running.standin.wait_for(_conversation_created)


def test_the_weekly_digest_reaches_the_mayor_in_a_personal_chat(running) -> None:
    running.say("start Zaanstad")
    running.say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert running.standin.wait_for(lambda s: any("Welkom" in (c.body.get("text") or "") for c in s.sent()))
    running.standin.clear()
    monday = datetime.now(UTC) + timedelta(days=7 - datetime.now(UTC).weekday() + 7)  # a Monday two weeks on
    monday = monday.replace(hour=10, minute=0, second=0, microsecond=0)  # after 08:30 Amsterdam time
    running.bot.reminders.run_once(monday)
    running.flush()
    private = [c for c in running.standin.sent() if c.path.startswith("/v3/conversations/a:personal-29:piet/")]
    assert any("wekelijkse overzicht" in (c.body.get("text") or "") for c in private)
    channel = [c for c in running.standin.sent() if not c.path.startswith("/v3/conversations/a:")]
    assert not any("wekelijkse overzicht" in (c.body.get("text") or "") for c in channel)
