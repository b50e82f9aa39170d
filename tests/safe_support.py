"""Helpers for tests of the safeguards: give roles straight in the store, run commands and confirm them."""

from __future__ import annotations

from bot.bootstrap import Application
from bot.core.messages import Incoming, Reply


def grant(app: Application, channel: str, user: str, *roles: str) -> None:
    """Give a person roles in the channel's procedure through the store (as an earlier `rol` would have)."""
    with app.store.unit_of_work() as uow:
        for role in roles:
            uow.assign_role(channel, user, role, app.clock())


def run(app: Application, text: str, user: str = "jan", channel: str = "C1", platform: str = "console") -> list[Reply]:
    """One command through the bot."""
    return app.bot.handle(Incoming(platform, channel, user, text, True, user_name=user), app.clock())


def run_confirmed(app: Application, text: str, user: str = "jan", channel: str = "C1") -> list[Reply]:
    """A command, confirmed with `bevestig` as often as the bot asks (at most three times)."""
    replies = run(app, text, user, channel)
    for _ in range(3):
        if not any(r.actions and r.actions[0].command == "bevestig" for r in replies):
            break
        replies = run(app, "bevestig", user, channel)
    return replies
