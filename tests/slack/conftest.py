"""Fixtures for the Slack adapter: a stand-in Web API, the real bot on waitress, signed requests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_bolt import App
from slack_standin import SlackStandIn
from slack_wire import BOT_TOKEN, SECRET

from bot.adapters.slack.app import build_app, close_app, runtime_of
from bot.adapters.slack.pacing import Pacer
from bot.adapters.slack.server import BackgroundServer, http_server
from bot.bootstrap import Application, build
from bot.config import Settings
from bot.core.messages import Answer
from bot.core.text import escape


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


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real Slack settings leak in (Bolt itself reads a few variables)."""
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "SLACK_CLIENT_ID",
        "SLACK_CLIENT_SECRET",
        "BOT_DB",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def standin() -> Iterator[SlackStandIn]:
    server = SlackStandIn().start()
    yield server
    server.stop()


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
    def runtime(self):
        return runtime_of(self.app)

    def flush(self) -> None:
        """Wait until every queued message went out (instead of sleeping and hoping)."""
        assert self.runtime.outbox.flush(), "the outbox did not go quiet"

    def stop(self) -> None:
        self.server.stop()
        close_app(self.app)
        self.application.close()


def start_bot(db: Path, standin: SlackStandIn, pacer: Pacer | None = None) -> RunningBot:
    answerer = EchoAnswerer()
    application = build(slack_settings(db, standin), answerer=answerer)
    app = build_app(application, pacer=pacer or Pacer(interval=0))
    server = BackgroundServer(http_server(app, application, "127.0.0.1", 0))
    return RunningBot(application, app, server, answerer)


@pytest.fixture
def bot(tmp_path: Path, standin: SlackStandIn) -> Iterator[RunningBot]:
    running = start_bot(tmp_path / "bot.db", standin)
    yield running
    running.stop()
