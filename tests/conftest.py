"""Shared fixtures: a real SQLite store in a temp folder, a fixed clock and a small fake answerer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import FakeAnswerer, FakeClock

from bot.adapters.console import ConsoleSession
from bot.bootstrap import Application, build
from bot.config import Settings

pytest_plugins = ["conversation_fixtures"]  # guide, topic_app, committee for the transcripts


@pytest.fixture(autouse=True)
def user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The default database (in the user's data folder) lands in a temporary folder, never the real one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "data" / "bot.db")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(settings: Settings, clock: FakeClock) -> Application:
    application = build(settings, clock=clock, answerer=FakeAnswerer())
    yield application
    application.close()


@pytest.fixture
def chat(app: Application) -> ConsoleSession:
    """A console session in channel C1 as user 'jan': `chat.say('/werving klaar 1a')` returns printed replies."""
    return ConsoleSession(app, channel="C1", user="jan")
