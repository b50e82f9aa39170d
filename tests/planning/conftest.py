"""Fixtures for the planning tests: apps on a temp database whose clock is the (freezegun-controlled) wall clock."""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import FakeAnswerer

from bot.bootstrap import build


def wall_clock() -> dt.datetime:
    """The wall clock, looked up at call time so freezegun controls it."""
    return dt.datetime.now(dt.UTC)


@pytest.fixture
def make_planning_app(settings):
    """Build apps on the same database file, running on the wall clock."""
    apps = []

    def make():
        application = build(settings, clock=wall_clock, answerer=FakeAnswerer())
        apps.append(application)
        return application

    yield make
    for application in apps:
        application.close()
