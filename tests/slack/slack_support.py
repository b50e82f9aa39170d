"""Helpers for the Slack tests and the benchmark: the real bot on waitress against the stand-in Web API.

A module of its own (not conftest) so that `from slack_support import …` works however pytest is
started, and the benchmark can use it too. Listener work after the ack runs inline, so when a request
has been answered its follow-up work is done; `RunningBot.flush` waits until the outbox went quiet.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slack_bolt import App
from slack_standin import SlackStandIn
from slack_wire import BOT_TOKEN, SECRET

from bot.adapters.pacing import Pacer
from bot.adapters.slack.app import build_app, close_app, runtime_of
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.server import BackgroundServer, http_server
from bot.bootstrap import Application, build
from bot.config import Settings
from bot.core.messages import Answer
from bot.core.text import escape


class InlineExecutor(Executor):
    """Runs each submitted call at once in the caller's thread: Bolt's work after the ack, without threads."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the future, as a pool would
            future.set_exception(exc)
        return future


class EchoAnswerer:
    """A small fake answerer: cites one section and sub-step 1a; raises on a question with 'kapot'."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(self, question: str) -> Answer:
        self.questions.append(question)
        if "kapot" in question:
            raise RuntimeError("answerer failed")
        return Answer(
            question,
            True,
            f"Antwoord uit de handreiking over: {escape(question)}\nBron: §1.2.2",
            ("1.2.2",),
            ("1a",),
        )


def slack_settings(db: Path, standin: SlackStandIn, **extra: Any) -> Settings:
    return Settings(
        db_path=db,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=standin.base_url,
        **extra,
    )


@dataclass
class RunningBot:
    """The bot served over HTTP by waitress on a free loopback port."""

    application: Application
    app: App
    server: BackgroundServer
    answerer: EchoAnswerer

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def runtime(self) -> SlackRuntime:
        return runtime_of(self.app)

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every queued message went out (instead of sleeping and hoping)."""
        assert self.runtime.outbox.flush(timeout), "the outbox did not go quiet"

    def stop(self) -> None:
        self.server.stop()
        close_app(self.app)
        self.application.close()


def start_bot(db: Path, standin: SlackStandIn, pacer: Pacer | None = None, **build_kw: Any) -> RunningBot:
    answerer = EchoAnswerer()
    application = build(slack_settings(db, standin), answerer=answerer)
    build_kw.setdefault("listener_executor", InlineExecutor())
    app = build_app(application, pacer=pacer or Pacer(interval=0), **build_kw)
    server = BackgroundServer(http_server(app, application, "127.0.0.1", 0))
    return RunningBot(application, app, server, answerer)
