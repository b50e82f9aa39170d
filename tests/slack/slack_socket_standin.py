"""A local WebSocket server that speaks Slack's Socket Mode: hello, envelopes, acks, and dropped links.

Runs aiohttp on its own event loop thread; tests push envelopes, drop the connection and read acks.
Like Slack, it redelivers envelopes that were not acknowledged when the connection dropped.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

from aiohttp import WSMsgType, web


class SocketModeStandIn:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.connections = 0
        self.acks: dict[str, float] = {}
        self.ack_payloads: dict[str, Any] = {}
        self.sent: dict[str, float] = {}
        self.unacked: dict[str, dict[str, Any]] = {}
        self._ws: web.WebSocketResponse | None = None
        self._all: list[web.WebSocketResponse] = []
        self._cond = threading.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> SocketModeStandIn:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(5)
        return self

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    def stop(self) -> None:
        async def _stop() -> None:
            for ws in self._all:
                if ws._req is not None and ws._req.transport is not None:  # type: ignore[attr-defined]
                    ws._req.transport.abort()  # type: ignore[attr-defined]
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(_stop(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    # -- the connection ----------------------------------------------------------------------

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        with self._cond:
            self.connections += 1
            self._ws = ws
            self._all.append(ws)
            pending = list(self.unacked.values())
            self._cond.notify_all()
        # (an envelope sent during this handshake may go out twice; the bot's dedupe covers that)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A1"}}))
        for envelope in pending:  # Slack redelivers what was not acknowledged
            envelope = {**envelope, "retry_attempt": envelope.get("retry_attempt", 0) + 1, "retry_reason": "timeout"}
            await ws.send_str(json.dumps(envelope))
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                data = json.loads(msg.data)
                envelope_id = data.get("envelope_id")
                if envelope_id:
                    with self._cond:
                        self.acks.setdefault(envelope_id, time.monotonic())
                        self.ack_payloads[envelope_id] = data.get("payload")
                        self.unacked.pop(envelope_id, None)
                        self._cond.notify_all()
        return ws

    # -- test controls -----------------------------------------------------------------------

    def send(self, envelope_type: str, payload: dict[str, Any], envelope_id: str) -> None:
        envelope = {
            "envelope_id": envelope_id,
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": envelope_type != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        with self._cond:
            self.unacked[envelope_id] = envelope
            self.sent[envelope_id] = time.monotonic()
            ws = self._ws
        if ws is not None:  # else it waits in `unacked` and goes out when the client is back
            asyncio.run_coroutine_threadsafe(ws.send_str(json.dumps(envelope)), self.loop).result(5)

    def refresh(self) -> None:
        """Retire the current connection as Slack does: a `disconnect` message, then the link closes."""
        with self._cond:
            ws, self._ws = self._ws, None
        assert ws is not None

        async def _refresh() -> None:
            await ws.send_str(json.dumps({"type": "disconnect", "reason": "refresh_requested"}))
            await asyncio.sleep(0.05)
            await ws.close(code=1001, message=b"refresh")

        asyncio.run_coroutine_threadsafe(_refresh(), self.loop).result(15)

    def cut(self) -> None:
        """Drop the connection without a word (a network failure): the TCP link just ends."""
        with self._cond:
            ws, self._ws = self._ws, None
        assert ws is not None

        async def _cut() -> None:
            transport = ws._req.transport if ws._req is not None else None  # type: ignore[attr-defined]
            if transport is not None:
                transport.abort()

        asyncio.run_coroutine_threadsafe(_cut(), self.loop).result(5)

    def wait_connections(self, count: int, timeout: float = 10.0) -> None:
        self._wait(lambda: self.connections >= count, timeout, f"{count} connections")

    def wait_ack(self, envelope_id: str, timeout: float = 10.0) -> float:
        self._wait(lambda: envelope_id in self.acks, timeout, f"ack of {envelope_id}")
        return self.acks[envelope_id] - self.sent[envelope_id]

    def _wait(self, predicate: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting for {what}")
                self._cond.wait(left)
