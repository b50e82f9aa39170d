"""Slack's side of the wire: payloads as Slack sends them, signed with the v0 HMAC, over real HTTP."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

SECRET = "test-signing-secret-0123456789"
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"

_ids = itertools.count(1)


def next_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


def signature(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Result:
    status: int
    body: str
    seconds: float


def post(
    port: int,
    body: str,
    content_type: str,
    *,
    secret: str | None = SECRET,
    timestamp: int | None = None,
    headers: dict[str, str] | None = None,
    path: str = "/slack/events",
) -> Result:
    """POST a body to the bot, signed with `secret` (None: unsigned) at `timestamp` (default now)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    all_headers = {"Content-Type": content_type, **(headers or {})}
    if secret is not None:
        all_headers["X-Slack-Request-Timestamp"] = ts
        all_headers["X-Slack-Signature"] = signature(secret, ts, body)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    try:
        conn.request("POST", path, body=body.encode("utf-8"), headers=all_headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8")
        return Result(response.status, text, time.perf_counter() - started)
    finally:
        conn.close()


def get(port: int, path: str) -> Result:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    started = time.perf_counter()
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return Result(response.status, response.read().decode("utf-8"), time.perf_counter() - started)
    finally:
        conn.close()


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def command(
    text: str, response_url: str, channel: str = "C100", user: str = "U1", trigger: str | None = None
) -> dict[str, str]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "team_domain": "gemeente",
        "channel_id": channel,
        "channel_name": "directmessage" if channel.startswith("D") else "commissie",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/werving",
        "text": text,
        "api_app_id": "A1",
        "response_url": response_url,
        "trigger_id": trigger or next_id("trigger-"),
    }


def event(inner: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": "T1",
        "api_app_id": "A1",
        "event": inner,
        "type": "event_callback",
        "event_id": event_id or next_id("Ev"),
        "event_time": int(time.time()),
    }


def mention(text: str, channel: str = "C100", user: str = "U1", thread: str | None = None) -> dict[str, Any]:
    inner = {"type": "app_mention", "user": user, "text": text, "ts": f"{time.time():.6f}", "channel": channel}
    if thread:
        inner["thread_ts"] = thread
    return event(inner)


def direct_message(text: str, user: str = "U1", **extra: Any) -> dict[str, Any]:
    inner = {
        "type": "message",
        "channel_type": "im",
        "channel": f"D{user}",
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
        **extra,
    }
    return event(inner)


def home_opened(user: str = "U1", tab: str = "home") -> dict[str, Any]:
    return event({"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": tab})


def button(
    action_id: str,
    value: str,
    response_url: str,
    channel: str = "C100",
    user: str = "U1",
    trigger: str | None = None,
    action_ts: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": user, "username": user.lower()},
        "api_app_id": "A1",
        "container": {"type": "message", "message_ts": "1.1", "channel_id": channel, "is_ephemeral": True},
        "trigger_id": trigger or next_id("trigger-"),
        "channel": {"id": channel, "name": "commissie"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": f"substep_{value}",
                "value": value,
                "type": "button",
                "action_ts": action_ts or f"{time.time():.6f}",
            }
        ],
    }


def form(payload: dict[str, str]) -> str:
    return urlencode(payload)


def interactive(payload: dict[str, Any]) -> str:
    return "payload=" + quote(json.dumps(payload))


def send_command(port: int, text: str, response_url: str, **kw: Any) -> Result:
    return post(port, form(command(text, response_url, **kw)), FORM)


def send_event(port: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> Result:
    return post(port, json.dumps(payload), JSON, headers=headers)


def send_button(port: int, payload: dict[str, Any]) -> Result:
    return post(port, interactive(payload), FORM)
