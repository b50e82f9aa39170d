"""Fixtures for the Teams tests (loaded by conftest.py when the extra 'teams' is installed).

A loopback Bot Framework stand-in, the real bot on uvicorn, signed activities.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakes import FakeAnswerer
from teams_standin import TeamsStandIn
from teams_wire import APP_ID, APP_PASSWORD, SigningKey, message, post

from bot.adapters.teams.app import TeamsBot
from bot.adapters.teams.server import BackgroundServer
from bot.bootstrap import Application, build
from bot.config import Settings


@pytest.fixture(scope="session")
def key() -> SigningKey:
    return SigningKey("test-key-1")


@pytest.fixture
def standin(key: SigningKey) -> Iterator[TeamsStandIn]:
    server = TeamsStandIn(key).start()
    yield server
    server.stop()


def teams_settings(db: Path, standin: TeamsStandIn, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "db_path": db,
        "teams_app_id": APP_ID,
        "teams_app_password": APP_PASSWORD,
        "teams_test_openid_metadata_url": standin.metadata_url,
        "teams_test_token_url": standin.token_url,
        "teams_test_service_url": standin.origin,
        "teams_test_upload_url": standin.origin,
    }
    values.update(extra)
    return Settings(**values)


@dataclass
class RunningBot:
    """The Teams bot served by uvicorn on a free loopback port."""

    application: Application
    bot: TeamsBot
    server: BackgroundServer
    standin: TeamsStandIn
    key: SigningKey
    last_id: str | None = None  # the id of the last activity sent

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/api/messages"

    def token(self, **overrides: Any) -> str:
        return self.key.token(self.standin.service_url, **overrides)

    def send(self, activity: dict[str, Any], token: str | None = "default") -> tuple[int, Any]:
        self.last_id = activity.get("id")
        if token == "default":
            token = self.key.token(activity["serviceUrl"])
        answer = post(self.url, activity, token)
        self.flush()
        return answer

    def flush(self) -> None:
        """Wait until the outbox's senders delivered what is due (replies go out after the HTTP answer)."""
        assert self.bot.outbox.flush(timeout=15), "the outbox did not go quiet"

    def say(self, text: str, **kwargs: Any) -> tuple[int, Any]:
        return self.send(message(self.standin.service_url, text, **kwargs))

    def answers(self) -> list[str]:
        """The texts (or card JSON) the bot posted in reply to the last activity (reminders left out)."""
        calls = [c for c in self.standin.sent() if self.last_id and c.path.endswith(f"/{self.last_id}")]
        return [text for call in calls for text in self.standin.texts_of(call)]

    def private_texts(self, user: str = "29:jan") -> list[str]:
        """The texts (or card JSON) the bot posted in `user`'s 1:1 chat with it."""
        calls = [c for c in self.standin.sent() if c.path == f"/v3/conversations/a:personal-{user}/activities"]
        return [text for call in calls for text in self.standin.texts_of(call)]

    def stop(self) -> None:
        self.server.stop()
        self.bot.close()
        self.application.close()


def start_bot(settings: Settings, standin: TeamsStandIn, key: SigningKey) -> RunningBot:
    application = build(settings, answerer=FakeAnswerer())
    bot = TeamsBot(application)
    server = BackgroundServer(bot.http_server("127.0.0.1", 0))
    bot.reminders.start()
    return RunningBot(application, bot, server, standin, key)


@pytest.fixture
def running(tmp_path: Path, standin: TeamsStandIn, key: SigningKey) -> Iterator[RunningBot]:
    bot = start_bot(teams_settings(tmp_path / "bot.db", standin), standin, key)
    yield bot
    bot.stop()
