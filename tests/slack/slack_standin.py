"""A stand-in for Slack's Web API and response_urls on loopback, as in Bolt's tests/mock_web_api_server.

It records every call the bot makes (method, parameters, token, time) and answers like Slack does;
tests script channel facts (conversations.info), channels the bot is not in, and one-off failures
such as a 429 with Retry-After. File uploads follow Slack's external upload flow: files.getUploadURLExternal
hands out an upload URL on this server, the bytes POSTed there are kept in `uploads` (file id -> bytes),
and files.completeUploadExternal shares them in a channel (refused when the bot is not in it).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

BOT_USER = "UBOT"
BOT_ID = "BBOT"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


DEFAULT_MEMBERS = ["U1", "U2", "U3", "U4", "U5", "jan", "piet", "kees"]  # a channel not set in `members`


class SlackStandIn:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.channels: dict[str, dict[str, Any] | str] = {}
        self.not_in_channel: set[str] = set()
        self.members: dict[str, list[str] | str] = {}  # conversations.members; a str is an error code
        self.failures: dict[str, list[Failure]] = {}
        self.channel_failures: dict[str, Failure] = {}  # every post to that channel fails like this
        self.hang_channels: dict[str, float] = {}  # posts to that channel get no answer for so many seconds
        self.ws_url: str | None = None
        self.uploads: dict[str, bytes] = {}  # file id -> the bytes POSTed to its upload URL
        self._cond = threading.Condition()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                standin._handle(self)

            def do_POST(self) -> None:
                standin._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> SlackStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/response/{name}"

    # -- scripting ---------------------------------------------------------------------------

    def fail_next(self, method: str, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        self.failures.setdefault(method, []).append(Failure(status, body, headers or {}))

    # -- assertions --------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0, where: Any = None) -> list[Call]:
        """Wait until `count` calls to `method` (matching `where`, if given) arrived; return them."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [c.method for c in self.calls]
                    raise AssertionError(f"expected {count} x {method}, got {len(found)}; calls: {seen}")
                self._cond.wait(left)

    def texts(self, method: str) -> list[str]:
        return [str(c.params.get("text", "")) for c in self.calls_to(method)]

    # -- serving -----------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parsed = urlparse(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        data = request.rfile.read(length) if length else b""
        if parsed.path.startswith("/upload/"):
            self._receive_upload(request, parsed.path.rsplit("/", 1)[-1], data)
            return
        raw = data.decode("utf-8")
        params: dict[str, Any] = {k: v[0] for k, v in parse_qs(parsed.query).items()}
        if raw.startswith("{"):
            params.update(json.loads(raw))
        elif raw:
            params.update({k: v[0] for k, v in parse_qs(raw).items()})
        token = str(request.headers.get("Authorization") or "").removeprefix("Bearer ")
        if parsed.path.startswith("/response/"):
            method = "response_url"
            params["_name"] = parsed.path.rsplit("/", 1)[-1]
        else:
            method = parsed.path.removeprefix("/api/")
        channel = str(params.get("channel") or "") if method.startswith("chat.") else ""
        with self._cond:
            self.calls.append(Call(method, params, token))
            failure = self.failures.get(method, []).pop(0) if self.failures.get(method) else None
            failure = failure or self.channel_failures.get(channel)
            hang = self.hang_channels.get(channel, 0.0)
            self._cond.notify_all()
        if hang:
            time.sleep(hang)
        if failure is not None:
            self._send(request, failure.status, failure.body, failure.headers)
        elif method == "response_url":
            self._send_text(request, 200, "ok")
        else:
            self._send(request, 200, self._answer(method, params, token))

    def _answer(self, method: str, params: dict[str, Any], token: str) -> dict[str, Any]:
        if method == "apps.connections.open":
            if not token.startswith("xapp-"):
                return {"ok": False, "error": "not_allowed_token_type"}
            if "revoked" in token:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.ws_url}
        if not token.startswith("xoxb-") or "revoked" in token:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": "T1", "user": "werving"}
        if method == "conversations.info":
            info = self.channels.get(str(params.get("channel")), "channel_not_found")
            if isinstance(info, str):
                return {"ok": False, "error": info}
            return {"ok": True, "channel": {"id": params.get("channel"), **info}}
        if method == "conversations.members":
            found = self.members.get(str(params.get("channel")), DEFAULT_MEMBERS)
            if isinstance(found, str):
                return {"ok": False, "error": found}
            start, limit = int(params.get("cursor") or 0), int(params.get("limit") or 100)
            more = start + limit < len(found)
            meta = {"next_cursor": str(start + limit) if more else ""}
            return {"ok": True, "members": found[start : start + limit], "response_metadata": meta}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users"))}}
        if method == "files.getUploadURLExternal":
            if not params.get("filename") or not str(params.get("length") or "").isdigit():
                return {"ok": False, "error": "invalid_arguments"}
            file_id = f"F{len(self.uploads) + 1:04d}{int(time.time() * 1000) % 100000}"
            return {
                "ok": True,
                "file_id": file_id,
                "upload_url": f"http://127.0.0.1:{self.server.server_address[1]}/upload/{file_id}",
            }
        if method == "files.completeUploadExternal":
            files = json.loads(str(params.get("files") or "[]"))
            if not files or any(f.get("id") not in self.uploads for f in files):
                return {"ok": False, "error": "file_not_found"}
            if params.get("channel_id") in self.not_in_channel:
                return {"ok": False, "error": "not_in_channel"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method in {"chat.postMessage", "chat.postEphemeral"}:
            if params.get("channel") in self.not_in_channel:
                return {"ok": False, "error": "not_in_channel"}
            return {"ok": True, "channel": params.get("channel"), "ts": f"{time.time():.6f}", "message_ts": "1.2"}
        return {"ok": True}

    def _receive_upload(self, request: BaseHTTPRequestHandler, file_id: str, data: bytes) -> None:
        """The upload URL: keep the bytes under their file id and answer like Slack's file server."""
        with self._cond:
            self.calls.append(Call("upload", {"file_id": file_id, "length": len(data)}, ""))
            failure = self.failures.get("upload", []).pop(0) if self.failures.get("upload") else None
            if failure is None:
                self.uploads[file_id] = data
            self._cond.notify_all()
        if failure is not None:
            self._send_text(request, failure.status, "error")
        else:
            self._send_text(request, 200, f"OK - {len(data)}")

    @staticmethod
    def _send(
        request: BaseHTTPRequestHandler, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(body).encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(data)

    @staticmethod
    def _send_text(request: BaseHTTPRequestHandler, status: int, text: str) -> None:
        data = text.encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
