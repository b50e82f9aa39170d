"""Teams tests need the optional extra 'teams'; without it every module here skips (pytest.importorskip)."""

from __future__ import annotations

from bot.adapters.teams import sdk

if sdk.available():  # imports the SDK the way the bot does (no .env, no preview warnings)
    from teams_fixtures import key, running, standin  # noqa: F401 - fixtures for the test modules
