"""Slack's rules under stress: bursts, restarts, rate limits, server errors, pacing, clean logs, dedupe."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from slack_standin import SlackStandIn
from slack_support import start_bot
from slack_wire import BOT_TOKEN, FORM, SECRET, command, direct_message, form, mention, post, send_command, send_event

from bot.adapters.pacing import Pacer
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.dedupe import Deduper
from bot.adapters.slack.sender import SlackSender
from bot.config import Settings
from bot.core.messages import Reply
from bot.core.state import Status
from bot.storage import deliveries
from bot.storage.db import Database
from bot.storage.store import SqliteStore


def channel_posts(standin: SlackStandIn, word: str) -> list:
    return [c for c in standin.calls_to("chat.postMessage") if word in str(c.params.get("text"))]


def test_burst_of_30_concurrent_commands_all_acked_and_none_lost(bot, standin):
    send_command(bot.port, "start Zaanstad", standin.response_url("s"))
    standin.wait_for("chat.postMessage", 2)
    ids = [s.id for s in bot.application.plan.substeps()][:30]
    with ThreadPoolExecutor(max_workers=30) as pool:  # the process owner plans 30 sub-steps at once
        results = list(
            pool.map(lambda i: send_command(bot.port, f"planning {i} 15-03-2027", standin.response_url(i)), ids)
        )
    assert [r.status for r in results] == [200] * 30
    # Under load the outbox may coalesce replies into fewer posts: count the confirmations, not the posts.
    deadline = time.monotonic() + 10
    while sum(t.count("gepland") for t in standin.texts("chat.postMessage")) < 30:
        assert time.monotonic() < deadline, standin.texts("chat.postMessage")
        time.sleep(0.05)
    state = bot.application.store.procedure("C100")
    assert all(str(state.planned[i]) == "2027-03-15" for i in ids)
    done = [e for e in bot.application.store.audit_log("C100") if e["action"] == "PlanningSet"]
    assert sorted(e["object"] for e in done) == sorted(ids)


def test_state_and_handled_events_survive_a_restart(tmp_path, standin):
    db = tmp_path / "bot.db"
    first = start_bot(db, standin)
    try:
        send_command(first.port, "start Zaanstad", standin.response_url("a"))
        standin.wait_for("chat.postMessage", 2)
        send_command(first.port, "klaar 1a", standin.response_url("b"))
        standin.wait_for("chat.postMessage", 3)
        handled = mention("<@UBOT> wie benoemt?")
        send_event(first.port, handled)
        standin.wait_for("chat.postMessage", 4)
    finally:
        first.stop()

    second = start_bot(db, standin)
    try:
        send_event(second.port, handled)  # Slack redelivers to the restarted bot: still done once
        send_command(second.port, "klaar 1a", standin.response_url("c"))
        refused = standin.wait_for("response_url", where=lambda c: c.params["_name"] == "c")[0]
        assert "al afgevinkt" in refused.params["text"]
        state = second.application.store.procedure("C100")
        assert state.municipality == "Zaanstad" and state.record("1a").status is Status.DONE
        second.flush()
        assert len(channel_posts(standin, "Antwoord uit de handreiking")) == 1
        assert second.answerer.questions == []
    finally:
        second.stop()


def test_rate_limit_is_waited_out_then_the_message_goes_once(bot, standin):
    send_command(bot.port, "start Zaanstad", standin.response_url("a"))
    standin.wait_for("chat.postMessage", 2)
    standin.fail_next("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"})
    send_command(bot.port, "klaar 1a", standin.response_url("b"))
    refused, accepted = standin.wait_for("chat.postMessage", 2, where=lambda c: "afgevinkt" in c.params["text"])
    assert accepted.at - refused.at >= 1.0  # Retry-After honoured
    bot.flush()
    assert len(channel_posts(standin, "afgevinkt")) == 2  # the refused attempt and the one that went through
    assert standin.calls_to("response_url") == []  # no error reached the user


def test_server_error_is_retried(bot, standin):
    standin.fail_next("chat.postMessage", 503, {"ok": False, "error": "service_unavailable"})
    send_event(bot.port, direct_message("wie benoemt?"))
    calls = standin.wait_for("chat.postMessage", 2)
    assert [c.params["channel"] for c in calls] == ["DU1", "DU1"]


def test_messages_to_one_channel_are_paced(standin):
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_api_url=standin.base_url)
    sender = SlackSender(web_client(settings, BOT_TOKEN), pacer=Pacer(interval=0.25, burst=1))
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: sender.send("C1", Reply(f"bericht {n}")), range(3)))
    sender.send("C2", Reply("ander kanaal"))
    times = sorted(c.at for c in standin.calls_to("chat.postMessage") if c.params["channel"] == "C1")
    other = next(c.at for c in standin.calls_to("chat.postMessage") if c.params["channel"] == "C2")
    assert [round(b - a, 1) >= 0.2 for a, b in zip(times, times[1:], strict=False)] == [True, True]
    assert other - times[-1] < 0.2  # another channel does not wait for C1


def test_pacer_allows_a_short_burst_then_one_per_interval():
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)

    pacer = Pacer(interval=1.0, burst=2, clock=lambda: now[0], sleep=sleep)
    assert [pacer.wait("C1") for _ in range(4)] == [0.0, 0.0, 1.0, 2.0]
    assert pacer.wait("C2") == 0.0
    now[0] = 10.0
    assert pacer.wait("C1") == 0.0
    assert slept == [1.0, 2.0]


def test_logs_carry_no_tokens_secrets_or_message_text(bot, standin, caplog):
    caplog.set_level(logging.DEBUG)
    marker = "GEHEIM-KANDIDAAT-XYZ"
    post(bot.port, form(command(f"vraag {marker}", standin.response_url("a"))), FORM, secret="wrong")
    send_command(bot.port, f"vraag {marker}", standin.response_url("b"))
    send_event(bot.port, direct_message(f"{marker} kapot"))  # fails: the error handler logs
    standin.wait_for("response_url")
    standin.wait_for("chat.postMessage")
    bot.flush()
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for secret in (marker, SECRET, BOT_TOKEN):
        assert secret not in logged
    assert "RuntimeError" in logged  # the failure itself is logged


def test_handled_ids_are_kept_for_hours_then_forgotten(tmp_path):
    database = Database(tmp_path / "bot.db")
    SqliteStore(database)  # applies the migrations, including the Slack set
    now = [datetime(2027, 1, 11, 9, 0, tzinfo=UTC)]
    deduper = Deduper(database, lambda: now[0])
    body = {"event_id": "Ev1", "event": {"type": "app_mention"}}
    assert deduper.first_time(body) is True
    now[0] += timedelta(hours=1)
    assert deduper.first_time(body) is False
    assert deduper.first_time({"event_id": "Ev2"}) is True
    now[0] += timedelta(hours=6, minutes=1)
    assert deduper.first_time({"event_id": "Ev3"}) is True  # pruning happened before this claim
    assert deliveries.count(database, "slack") == 1
    assert deduper.first_time(body) is True
    database.close()


def test_payloads_without_an_id_are_never_dropped(tmp_path):
    database = Database(tmp_path / "bot.db")
    SqliteStore(database)
    deduper = Deduper(database, lambda: datetime(2027, 1, 11, tzinfo=UTC))
    assert deduper.first_time({"type": "url_verification"}) is True
    assert deduper.first_time({"type": "url_verification"}) is True
    database.close()
