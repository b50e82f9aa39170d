"""A loopback stand-in for Bot Framework: OpenID metadata and keys, the token endpoint, the Bot Connector.

It records every call the bot makes (method, path, body, Authorization header) and answers like the
Bot Connector does: `POST /v3/conversations` returns a new 1:1 conversation id (or fails for people in
`refuse_chat`), activity posts return an id.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from teams_wire import TENANT, SigningKey

BOT_TOKEN = "bot-token-from-standin"


@dataclass
class Call:
    method: str
    path: str
    body: Any
    authorization: str | None
    at: float = field(default_factory=time.monotonic)


class TeamsStandIn:
    def __init__(self, key: SigningKey) -> None:
        self.key = key
        self.calls: list[Call] = []
        self.token_requests: list[dict[str, list[str]]] = []
        self.refuse_chat: set[str] = set()
        # conversation or team id -> member list (or an HTTP status to fail with); others: one internal member
        self.members: dict[str, list[dict[str, Any]] | int] = {}
        self.delay = 0.0
        # injected failures: [path prefix, status, Retry-After or None, times left]; refused calls are kept apart
        self.failures: list[list[Any]] = []
        self.refused: list[Call] = []
        self.uploads: list[tuple[str, bytes, dict[str, str]]] = []  # (path, bytes, headers) of accepted PUTs
        self._cond = threading.Condition()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out separately: no 40 ms delayed-ACK wait

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                standin._get(self)

            def do_POST(self) -> None:
                standin._post(self)

            def do_PUT(self) -> None:
                standin._put(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def service_url(self) -> str:
        return self.origin + "/"

    @property
    def metadata_url(self) -> str:
        return self.origin + "/v1/.well-known/openidconfiguration"

    @property
    def token_url(self) -> str:
        return self.origin + "/botframework.com/oauth2/v2.0/token"

    def start(self) -> TeamsStandIn:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def connector_calls(self) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.path.startswith("/v3/")]

    def sent(self) -> list[Call]:
        """Activities posted to conversations."""
        return [c for c in self.connector_calls() if "/activities" in c.path]

    def texts(self) -> list[str]:
        return [text for call in self.sent() for text in self.texts_of(call)]

    @staticmethod
    def texts_of(call: Call) -> list[str]:
        body = call.body or {}
        out = [body["text"]] if body.get("text") else []
        out += [json.dumps(a.get("content"), ensure_ascii=False) for a in body.get("attachments") or []]
        return out

    def wait_for(self, predicate: Any, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return True

    def fail(self, path_prefix: str, status: int, times: int = 1, retry_after: float | None = None) -> None:
        """Answer the next `times` POSTs whose path starts with `path_prefix` with `status` (and Retry-After)."""
        with self._cond:
            self.failures.append([path_prefix, status, retry_after, times])

    def _injected(self, path: str) -> tuple[int, float | None] | None:
        with self._cond:
            for failure in self.failures:
                if path.startswith(failure[0]) and failure[3] > 0:
                    failure[3] -= 1
                    return failure[1], failure[2]
        return None

    def clear(self) -> None:
        with self._cond:
            self.calls.clear()

    # -- handlers ----------------------------------------------------------------------------------

    def _reply(self, handler: BaseHTTPRequestHandler, status: int, body: Any, retry_after: float | None = None) -> None:
        data = json.dumps(body).encode()
        handler.send_response(status)
        if retry_after is not None:
            handler.send_header("Retry-After", str(retry_after))
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/v3/conversations/") and handler.path.endswith("/members"):
            with self._cond:
                self.calls.append(Call("GET", handler.path, None, handler.headers.get("Authorization")))
                self._cond.notify_all()
            conversation = handler.path[len("/v3/conversations/") : -len("/members")]
            members = self.members.get(
                conversation, [{"id": f"29:{name}", "userRole": "user", "tenantId": TENANT} for name in ("jan", "piet")]
            )
            if isinstance(members, int):
                self._reply(handler, members, {"error": {"code": "Forbidden"}})
            else:
                self._reply(handler, 200, members)
        elif handler.path.endswith("/openidconfiguration"):
            self._reply(
                handler,
                200,
                {"issuer": "https://api.botframework.com", "jwks_uri": self.origin + "/v1/.well-known/keys"},
            )
        elif handler.path.endswith("/keys"):
            self._reply(handler, 200, {"keys": [self.key.jwk()]})
        else:
            self._reply(handler, 404, {})

    def upload_url(self, name: str = "f1") -> str:
        """Where a OneDrive upload session would let the bot PUT a file (on the stand-in)."""
        return f"{self.origin}/upload/{name}?tempauth=secret"

    def _put(self, handler: BaseHTTPRequestHandler) -> None:
        """A OneDrive upload session: takes the bytes in one PUT."""
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        injected = self._injected(handler.path)
        if injected is not None:
            with self._cond:
                self.refused.append(Call("PUT", handler.path, None, handler.headers.get("Authorization")))
                self._cond.notify_all()
            self._reply(handler, injected[0], {"error": {"code": "Injected"}}, injected[1])
            return
        with self._cond:
            self.uploads.append((handler.path, raw, {k.lower(): v for k, v in handler.headers.items()}))
            self._cond.notify_all()
        self._reply(handler, 201, {"id": "drive-item-1", "name": handler.path.rsplit("/", 1)[-1]})

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length)
        if handler.path.endswith("/token"):
            form = parse_qs(raw.decode())
            with self._cond:
                self.token_requests.append(form)
            self._reply(handler, 200, {"token_type": "Bearer", "expires_in": 3600, "access_token": BOT_TOKEN})
            return
        body = json.loads(raw) if raw else None
        injected = self._injected(handler.path)  # decided on arrival, answered after the delay
        if self.delay:
            time.sleep(self.delay)
        call = Call("POST", handler.path, body, handler.headers.get("Authorization"))
        if injected is not None:
            with self._cond:
                self.refused.append(call)
                self._cond.notify_all()
            self._reply(handler, injected[0], {"error": {"code": "Injected"}}, injected[1])
            return
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        if handler.path.rstrip("/") == "/v3/conversations":
            member = ((body or {}).get("members") or [{}])[0].get("id", "")
            if member in self.refuse_chat:
                self._reply(handler, 403, {"error": {"code": "BotNotInConversationRoster"}})
                return
            self._reply(handler, 201, {"id": f"a:personal-{member}"})
            return
        self._reply(handler, 201, {"id": f"sent-{len(self.calls)}"})
