"""Forged requests over real HTTP: refused with 401 before parsing, and nothing is ever sent because of them."""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_wire import FORM, JSON, command, direct_message, form, mention, post, send_command, signature

from bot.adapters.slack import verify


class SilentListener:
    """A TCP port that accepts connections and never answers: a response_url that hangs. Counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.1)
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted.append(conn)

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(timeout=2)
        for conn in self.accepted:
            conn.close()
        self.sock.close()


@pytest.fixture
def silent() -> Iterator[SilentListener]:
    listener = SilentListener()
    yield listener
    listener.stop()


def outgoing(standin) -> list[str]:
    return [c.method for c in standin.calls if c.method != "auth.test"]


def forged_variants(body: str) -> dict[str, dict[str, str]]:
    now = int(time.time())
    good = signature("test-signing-secret-0123456789", str(now), body)
    return {
        "timestamp abc": {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=0"},
        "signature v0=0": {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": "v0=0"},
        "no headers": {},
        "no timestamp": {"X-Slack-Signature": good},
        "no signature": {"X-Slack-Request-Timestamp": str(now)},
        "negative timestamp": {"X-Slack-Request-Timestamp": "-1", "X-Slack-Signature": good},
        "float timestamp": {"X-Slack-Request-Timestamp": f"{now}.5", "X-Slack-Signature": good},
        "stale": {"X-Slack-Request-Timestamp": str(now - 301), "X-Slack-Signature": good},
        "future": {"X-Slack-Request-Timestamp": str(now + 301), "X-Slack-Signature": good},
        "self-made stamp": {verify.VERIFIED_HEADER: "1", "X-Slack-Request-Timestamp": "abc"},
    }


@pytest.mark.parametrize("variant", list(forged_variants("")))
@pytest.mark.parametrize("kind", ["command", "mention", "direct message"])
def test_forged_requests_get_401_and_nothing_is_sent(bot, standin, silent, caplog, variant, kind):
    caplog.set_level(logging.DEBUG)
    if kind == "command":
        body, content_type = form(command("start Zaanstad", silent.url)), FORM
    elif kind == "mention":
        body, content_type = json.dumps(mention("<@UBOT> wie benoemt?")), JSON
    else:
        body, content_type = json.dumps(direct_message("dit is kapot")), JSON
    headers = forged_variants(body)[variant]
    result = post(bot.port, body, content_type, secret=None, headers=headers)
    assert result.status == 401
    assert json.loads(result.body) == {"error": "verzoek niet geverifieerd"}
    bot.flush()
    assert outgoing(standin) == [] and silent.accepted == []
    assert bot.application.store.procedure("C100") is None and bot.answerer.questions == []
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)
    assert "Zaanstad" not in caplog.text and "benoemt" not in caplog.text


@pytest.mark.parametrize("body", ["{niet: json", "payload=%7Bkapot", "\u00e9\u00e9n", ""])
def test_unsigned_body_that_is_not_json_gets_401_without_traceback(bot, standin, caplog, body):
    caplog.set_level(logging.DEBUG)
    for content_type in (JSON, FORM):
        headers = {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=0"}
        assert post(bot.port, body, content_type, secret=None, headers=headers).status == 401
        assert post(bot.port, body, content_type, secret=None).status == 401
    assert "Traceback" not in caplog.text and not any(r.exc_info for r in caplog.records)
    assert outgoing(standin) == []


def test_body_length_is_bounded_before_reading():
    assert verify.read_body({"CONTENT_LENGTH": "abc"}, 100) is None
    assert verify.read_body({"CONTENT_LENGTH": "-5"}, 100) is None
    assert verify.read_body({"CONTENT_LENGTH": "101"}, 100) is None
    assert verify.read_body({"CONTENT_LENGTH": "3", "wsgi.input": io.BytesIO(b"a=bcdef")}, 100) == b"a=b"


def test_a_burst_of_forged_requests_does_not_hold_up_a_real_command(bot, standin, silent):
    body = form(command("start Zaanstad", silent.url))
    forged = {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=0"}
    with ThreadPoolExecutor(max_workers=20) as pool:
        refused = [pool.submit(post, bot.port, body, FORM, secret=None, headers=forged) for _ in range(40)]
        real = send_command(bot.port, "help", standin.response_url("echt"))
        statuses = [f.result().status for f in refused]
    assert statuses == [401] * 40
    assert real.status == 200  # answered; the ack latency under load is measured by benchmarks/bench_slack.py
    answer = standin.wait_for("response_url")[0]
    assert answer.params["_name"] == "echt"
    assert silent.accepted == [] and bot.application.store.procedure("C100") is None


def test_verification_checks_in_isolation():
    now = 1_800_000_000.0
    ts = str(int(now))
    sig = signature("geheim", ts, "a=b")
    assert verify.check_headers(ts, sig, now) is None
    assert verify.check_body("geheim", ts, sig, b"a=b") is None
    assert verify.check_body("geheim", ts, sig, b"a=c") is not None
    assert verify.check_body("ander", ts, sig, b"a=b") is not None
    assert verify.check_headers(ts, sig.upper(), now) is not None
    assert verify.check_headers(ts, sig, now + 301) is not None
    assert verify.check_headers(ts, sig, now - 301) is not None
    assert verify.check_headers(" " + ts, sig, now) is not None
    assert verify.is_verified({}) is False and verify.is_verified({verify.VERIFIED_HEADER: ["1"]}) is False
    assert verify.is_verified({}, mode="socket_mode") is True
