"""Fixtures of the conversation transcripts (loaded by conftest.py as a pytest plugin): a bot whose guide is
the TopicAnswerer stand-in, and a committee in channel C1 after the fixed set-up of the evaluation sets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conversation_support import TopicAnswerer, set_up
from fakes import FakeClock

from bot.adapters.console import ConsoleSession
from bot.bootstrap import Application, build
from bot.config import Settings


@pytest.fixture
def guide() -> TopicAnswerer:
    return TopicAnswerer()


@pytest.fixture
def topic_app(settings: Settings, clock: FakeClock, guide: TopicAnswerer) -> Iterator[Application]:
    application = build(settings, clock=clock, answerer=guide)
    yield application
    application.close()


@pytest.fixture
def committee(topic_app: Application) -> ConsoleSession:
    session = ConsoleSession(topic_app, channel="C1", user="jan")
    set_up(session)
    return session
