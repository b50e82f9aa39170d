"""Fixtures for the reminder tests: the app on a temp database with a real clock that freezegun can move."""

from __future__ import annotations

import datetime as dt

import pytest
from fakes import FakeAnswerer

from bot.bootstrap import build


def frozen_clock() -> dt.datetime:
    """The wall clock, which freezegun controls in the tests that freeze time.

    Looked up through the datetime module at call time: freezegun swaps `datetime.datetime` there, while
    a name imported into this conftest might not be patched (pytest may hold two modules named conftest).
    """
    return dt.datetime.now(dt.UTC)


@pytest.fixture
def make_app(settings):
    """Build apps on the same database file (a restart is simply a second build)."""
    apps = []

    def make(clock=frozen_clock, **kwargs):
        application = build(settings, clock=clock, answerer=FakeAnswerer(), **kwargs)
        apps.append(application)
        return application

    yield make
    for application in apps:
        application.close()
