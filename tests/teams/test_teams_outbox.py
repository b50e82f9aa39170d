"""Durable delivery in Teams: replies go through the message outbox, survive a Bot Connector outage and a restart."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_fixtures import start_bot, teams_settings  # noqa: E402
from teams_wire import TEAM_CHANNEL, message  # noqa: E402

from bot.storage import messages  # noqa: E402

THREAD = f"/v3/conversations/{TEAM_CHANNEL};messageid=1700000000000/activities"


def _replies_to(standin, activity) -> list:
    return [c for c in standin.sent() if c.path.endswith(f"/{activity['id']}")]


def test_a_reply_refused_with_503_then_accepted_arrives_once(running) -> None:
    standin = running.standin
    standin.fail(THREAD, 503, times=2, retry_after=0)  # Retry-After honoured: at once
    activity = message(standin.service_url, "start Zaanstad")
    began = time.monotonic()
    status, _ = running.send(activity)
    assert status == 200
    assert standin.wait_for(lambda s: len(_replies_to(s, activity)) == 1)
    running.flush()
    replies = _replies_to(standin, activity)
    assert len(replies) == 1 and "Procedure gestart" in replies[0].body["text"]
    assert len([c for c in standin.refused if c.path.endswith(f"/{activity['id']}")]) == 2
    assert time.monotonic() - began < 10
    assert running.application.store.procedure(TEAM_CHANNEL).municipality == "Zaanstad"


def test_a_rate_limit_and_a_5xx_without_retry_after_are_retried(running) -> None:
    standin = running.standin
    standin.fail(THREAD, 429, times=1, retry_after=0.2)
    standin.fail(THREAD, 502, times=1)  # no Retry-After: back-off (one second)
    activity = message(standin.service_url, "start Zaanstad")
    assert running.send(activity)[0] == 200
    assert standin.wait_for(lambda s: len(_replies_to(s, activity)) == 1, timeout=15)
    running.flush()
    assert len(_replies_to(standin, activity)) == 1


def test_the_http_answer_does_not_wait_for_a_connector_that_is_down(running) -> None:
    standin = running.standin
    standin.fail(THREAD, 503, times=1000, retry_after=30)
    activity = message(standin.service_url, "start Zaanstad")
    began = time.monotonic()
    status, _ = running.send(activity)
    assert status == 200 and time.monotonic() - began < 5
    # the command is committed and its reply waits in the outbox
    assert running.application.store.procedure(TEAM_CHANNEL).municipality == "Zaanstad"
    waiting = [m for m in messages.all_messages(running.application.store.database) if m.status == messages.PENDING]
    assert any(m.lane.startswith("teams:") for m in waiting)
    assert _replies_to(standin, activity) == []


def test_a_4xx_is_final_and_logged_without_content(running, caplog) -> None:
    standin = running.standin
    standin.fail(THREAD, 403, times=1)
    activity = message(standin.service_url, "start Geheimdorp")
    with caplog.at_level(logging.INFO):
        assert running.send(activity)[0] == 200
        running.flush()
    assert _replies_to(standin, activity) == []
    assert len([c for c in standin.refused if c.path.endswith(f"/{activity['id']}")]) == 1  # not tried again
    failed = [m for m in messages.all_messages(running.application.store.database) if m.status == messages.FAILED]
    assert len(failed) == 1
    assert "Geheimdorp" not in caplog.text and "Procedure gestart" not in caplog.text
    assert "403" in caplog.text


def test_a_private_message_is_not_posted_twice_after_a_failed_try(running) -> None:
    standin = running.standin
    running.say("start Zaanstad")
    standin.fail("/v3/conversations/a:personal-29:piet/activities", 503, times=1, retry_after=0)
    running.say("rol <at>Piet Burger</at> burgemeester", mentions=[("29:piet", "Piet Burger")])
    assert standin.wait_for(lambda s: any("Welkom" in (c.body.get("text") or "") for c in s.sent()))
    running.flush()
    creates = [c for c in standin.connector_calls() if c.path == "/v3/conversations"]
    assert len(creates) == 1  # the 1:1 chat made on the first try is reused by the retry
    welcomes = [c for c in standin.sent() if "Welkom" in (c.body.get("text") or "")]
    assert len(welcomes) == 1 and welcomes[0].path == "/v3/conversations/a:personal-29:piet/activities"


def test_pending_replies_are_delivered_after_a_restart(tmp_path: Path, standin, key) -> None:
    settings = teams_settings(tmp_path / "bot.db", standin)
    standin.fail("/v3/conversations/", 503, times=1000, retry_after=1)  # waits out a Retry-After
    activity = message(standin.service_url, "start Zaanstad")
    first = start_bot(settings, standin, key)
    try:
        assert first.send(activity)[0] == 200
    finally:
        first.stop()
    assert _replies_to(standin, activity) == []
    standin.failures.clear()  # the Bot Connector is back
    second = start_bot(settings, standin, key)
    try:
        assert standin.wait_for(lambda s: len(_replies_to(s, activity)) == 1)
        second.flush()
        replies = _replies_to(standin, activity)
        assert len(replies) == 1 and "Procedure gestart" in replies[0].body["text"]
    finally:
        second.stop()
