"""Helpers for the planning tests: send a command and read what the bot stored."""

from __future__ import annotations

from bot.bootstrap import Application
from bot.core.messages import Audience, Incoming, Reply


def say(app: Application, text: str, *, user: str = "jan", channel: str = "C1") -> list[Reply]:
    """Send one command at the app's clock."""
    return app.bot.handle(Incoming("console", channel, user, text, is_command=True, user_name=user), app.clock())


def ok(app: Application, *texts: str) -> str:
    """Send commands in order; returns the text of the last one's replies (callers check the stored state)."""
    out = ""
    for text in texts:
        out = "\n".join(r.text for r in say(app, text))
    return out


def refused(app: Application, text: str) -> str:
    """Send a command that must be refused privately and change nothing; returns the reply."""
    state_before = app.store.latest_procedure("C1")
    log_before = app.store.audit_log("C1")
    replies = say(app, text)
    assert len(replies) == 1 and replies[0].audience is Audience.REQUESTER, [r.text for r in replies]
    assert app.store.latest_procedure("C1") == state_before
    assert app.store.audit_log("C1") == log_before
    return replies[0].text
