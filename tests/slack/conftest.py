"""Fixtures for the Slack adapter: a stand-in Web API, the real bot on waitress, signed requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_standin import SlackStandIn
from slack_support import RunningBot, start_bot


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


@pytest.fixture
def bot(tmp_path: Path, standin: SlackStandIn) -> Iterator[RunningBot]:
    running = start_bot(tmp_path / "bot.db", standin)
    yield running
    running.stop()
