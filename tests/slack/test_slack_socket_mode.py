"""Socket Mode against a local WebSocket stand-in: commands, events, buttons, a dropped link."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from slack_socket_standin import SocketModeStandIn
from slack_support import EchoAnswerer, slack_settings
from slack_wire import APP_TOKEN, button, command, direct_message, mention

from bot.adapters.pacing import Pacer
from bot.adapters.slack.app import build_app, close_app
from bot.adapters.slack.render import ACTION_TICK
from bot.adapters.slack.server import socket_mode_handler
from bot.bootstrap import Application, build
from bot.core.state import Status


@pytest.fixture
def socket_server(standin) -> Iterator[SocketModeStandIn]:
    server = SocketModeStandIn().start()
    standin.ws_url = server.url
    yield server
    server.stop()


@pytest.fixture
def connect(tmp_path, standin, socket_server) -> Iterator[Callable[..., Application]]:
    opened = []

    def _connect(ping_interval: float = 10.0) -> Application:
        settings = slack_settings(tmp_path / "bot.db", standin, slack_app_token=APP_TOKEN)
        application = build(settings, answerer=EchoAnswerer())
        app = build_app(application, socket_mode=True, pacer=Pacer(interval=0))
        handler = socket_mode_handler(app, settings, ping_interval=ping_interval)
        handler.connect()
        socket_server.wait_connections(1)
        opened.append((handler, application))
        return application

    yield _connect
    for handler, application in opened:
        # the client's receive loop notices a close within its 3 s socket timeout; do not wait for that
        threading.Thread(target=handler.close, daemon=True).start()
        close_app(handler.app)
        application.close()


def test_socket_mode_uses_the_configured_api_url_and_the_app_token(connect, standin):
    connect()
    opened = standin.calls_to("apps.connections.open")
    assert len(opened) == 1 and opened[0].token == APP_TOKEN


def test_commands_events_and_buttons_over_socket_mode(connect, standin, socket_server):
    application = connect()
    socket_server.send("slash_commands", command("start Zaanstad", standin.response_url("s")), "env-1")
    socket_server.wait_ack("env-1")
    standin.wait_for("chat.postMessage", 2)
    assert application.store.procedure("C100").municipality == "Zaanstad"

    socket_server.send("events_api", mention("<@UBOT> wie benoemt?", thread="9.9"), "env-2")
    socket_server.wait_ack("env-2")
    answer = standin.wait_for("chat.postMessage", 3)[-1].params
    assert answer["thread_ts"] == "9.9" and "wie benoemt?" in answer["text"]

    socket_server.send("interactive", button(ACTION_TICK, "1a", standin.response_url("b")), "env-3")
    socket_server.wait_ack("env-3")
    standin.wait_for("chat.postMessage", 4)
    assert application.store.procedure("C100").record("1a").status is Status.DONE


@pytest.mark.parametrize("how", ["refresh", "cut"])
def test_reconnects_after_a_drop_without_losing_or_repeating_work(connect, standin, socket_server, how):
    connect(ping_interval=0.5)  # a silent drop is noticed by the ping check
    before = direct_message("vraag voor de onderbreking")
    socket_server.send("events_api", before, "env-10")
    socket_server.wait_ack("env-10")
    standin.wait_for("chat.postMessage", 1)

    socket_server.refresh() if how == "refresh" else socket_server.cut()
    during = direct_message("vraag tijdens de onderbreking")
    socket_server.send("events_api", during, "env-13")  # held by Slack until the bot is back
    socket_server.wait_connections(2)
    assert len(standin.calls_to("apps.connections.open")) == 2

    # Slack redelivers an event it is unsure about in a new envelope, and sends new work
    socket_server.send("events_api", before, "env-11")
    after = direct_message("vraag na de onderbreking")
    socket_server.send("events_api", after, "env-12")
    socket_server.wait_ack("env-11")
    socket_server.wait_ack("env-12")
    socket_server.wait_ack("env-13")
    standin.wait_for("chat.postMessage", 3)
    time.sleep(0.3)
    texts = [c.params["text"] for c in standin.calls_to("chat.postMessage")]
    for moment in ("voor", "tijdens", "na"):
        assert sum(f"{moment} de onderbreking" in t for t in texts) == 1
