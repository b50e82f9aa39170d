"""Requester-only replies in Teams (no ephemeral messages there): the 1:1 chat, and a neutral line in the thread."""

from __future__ import annotations

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_wire import TEAM_CHANNEL, message  # noqa: E402

THREAD = f"/v3/conversations/{TEAM_CHANNEL};messageid=1700000000000/activities"
PERSONAL = "/v3/conversations/a:personal-29:jan/activities"


def _thread_texts(running, activity) -> list[str]:
    calls = [c for c in running.standin.sent() if c.path.endswith(f"/{activity['id']}")]
    return [c.body.get("text") or "" for c in calls]


def test_a_refusal_goes_to_the_personal_chat_and_the_thread_gets_a_pointer(running) -> None:
    running.say("start Zaanstad")
    activity = message(running.standin.service_url, "klaar 99x")
    assert running.send(activity)[0] == 200
    private = running.private_texts()
    assert private and "99x" in private[-1]  # the refusal names what was wrong
    create = [c for c in running.standin.connector_calls() if c.path == "/v3/conversations"]
    assert create and create[-1].body["members"] == [{"id": "29:jan"}]
    thread = _thread_texts(running, activity)
    assert thread == ["<at>Jan Jansen</at>, ik heb je een persoonlijk bericht gestuurd in je chat met mij."]
    assert running.application.store.procedure(TEAM_CHANNEL).record("1a").status.value == "open"


def test_without_a_personal_chat_the_thread_is_told_without_the_content(running) -> None:
    running.say("start Zaanstad")
    running.standin.refuse_chat.add("29:jan")
    activity = message(running.standin.service_url, "klaar 99x")
    assert running.send(activity)[0] == 200
    thread = _thread_texts(running, activity)
    assert len(thread) == 1
    assert "open één keer een chat met mij" in thread[0].lower() and "<at>Jan Jansen</at>" in thread[0]
    assert "99x" not in thread[0]
    assert running.private_texts() == []


def test_in_a_personal_chat_the_answer_is_given_there(running) -> None:
    activity = message(running.standin.service_url, "klaar 99x", personal=True)
    assert running.send(activity)[0] == 200
    calls = [c for c in running.standin.sent() if c.path.endswith(f"/{activity['id']}")]
    assert len(calls) == 1 and calls[0].path == f"{PERSONAL}/{activity['id']}"
    assert "persoonlijk bericht" not in (calls[0].body.get("text") or "")
    assert not [c for c in running.standin.connector_calls() if c.path == "/v3/conversations"]


def test_cards_with_buttons_for_the_requester_stay_in_the_thread(running) -> None:
    running.say("start Zaanstad")
    activity = message(running.standin.service_url, "status")
    running.send(activity)
    calls = [c for c in running.standin.sent() if c.path.endswith(f"/{activity['id']}")]
    assert any(
        a["contentType"] == "application/vnd.microsoft.card.adaptive"
        for c in calls
        for a in c.body.get("attachments") or []
    )


def test_a_failed_pointer_is_retried_without_sending_the_private_message_again(running) -> None:
    running.say("start Zaanstad")
    running.standin.fail(THREAD, 503, times=1, retry_after=0)
    activity = message(running.standin.service_url, "klaar 99x")
    assert running.send(activity)[0] == 200
    assert running.standin.wait_for(lambda s: len(_thread_texts(running, activity)) == 1)
    running.flush()
    assert len([t for t in running.private_texts() if "99x" in t]) == 1
    assert len(_thread_texts(running, activity)) == 1
    assert len([c for c in running.standin.refused if c.path.startswith(THREAD)]) == 1
