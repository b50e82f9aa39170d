"""Card clicks (Action.Execute invokes and Action.Submit values) and redelivered activities."""

from __future__ import annotations

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_wire import TEAM_CHANNEL, card_click, message  # noqa: E402

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"


def _started(running) -> None:
    assert running.say("start Zaanstad")[0] == 200
    running.standin.clear()


def test_a_tick_click_is_answered_in_the_invoke_and_ticks_the_step(running) -> None:
    _started(running)
    status, body = running.send(card_click(running.standin.service_url, {"action": "klaar", "stap": "1a"}))
    assert status == 200
    assert body["statusCode"] == 200 and body["type"] == MESSAGE_TYPE and "1a" in body["value"]
    record = running.application.store.procedure(TEAM_CHANNEL).record("1a")
    assert record.status.value == "done" and record.by == "29:jan"
    # the committee sees it in the thread of the card
    assert any("1a" in (call.body.get("text") or "") for call in running.standin.sent())


def test_a_double_click_changes_nothing_the_second_time(running) -> None:
    _started(running)
    running.send(card_click(running.standin.service_url, {"action": "klaar", "stap": "1a"}))
    first = running.application.store.procedure(TEAM_CHANNEL).record("1a")
    log_lines = len(running.application.store.audit_log(TEAM_CHANNEL))
    status, body = running.send(card_click(running.standin.service_url, {"action": "klaar", "stap": "1a"}))
    assert status == 200 and body["statusCode"] == 200
    assert "al" in body["value"]  # the clicker is told it was already done
    second = running.application.store.procedure(TEAM_CHANNEL).record("1a")
    assert second.at == first.at
    assert len(running.application.store.audit_log(TEAM_CHANNEL)) == log_lines


def test_an_explain_click_and_a_choice(running) -> None:
    _started(running)
    status, body = running.send(card_click(running.standin.service_url, {"action": "stap", "stap": "1b"}))
    assert status == 200 and "1b" in body["value"]
    status, body = running.send(card_click(running.standin.service_url, {"action": "opdracht", "opdracht": "rollen"}))
    assert status == 200 and body["statusCode"] == 200


def test_a_crafted_click_does_nothing(running) -> None:
    _started(running)
    status, body = running.send(card_click(running.standin.service_url, {"action": "klaar", "stap": "x; drop"}))
    assert status == 200 and body["statusCode"] == 200
    assert running.application.store.procedure(TEAM_CHANNEL).record("1a").status.value == "open"


def test_an_action_submit_value_is_a_tick_too(running) -> None:
    _started(running)
    activity = message(running.standin.service_url, "", mention_bot=False, value={"action": "klaar", "stap": "1a"})
    assert running.send(activity)[0] == 200
    assert running.application.store.procedure(TEAM_CHANNEL).record("1a").status.value == "done"


def test_a_redelivered_activity_is_handled_once(running) -> None:
    _started(running)
    activity = message(running.standin.service_url, "klaar 1a")
    assert running.send(activity)[0] == 200

    def answers() -> int:  # replies to this activity (reminders may arrive in between)
        return sum(call.path.endswith(f"/{activity['id']}") for call in running.standin.sent())

    assert answers() == 1
    log_lines = len(running.application.store.audit_log(TEAM_CHANNEL))
    assert running.send(activity)[0] == 200
    assert answers() == 1
    assert len(running.application.store.audit_log(TEAM_CHANNEL)) == log_lines
    click = card_click(running.standin.service_url, {"action": "klaar", "stap": "1b"})
    running.send(click)
    status, body = running.send(click)
    assert status == 200 and body["statusCode"] == 200
