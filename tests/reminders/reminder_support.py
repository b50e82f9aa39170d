"""Shared helpers for the reminder tests: a recording sender, a flaky sender and a command shortcut."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

from bot.bootstrap import Application
from bot.core.messages import Audience, Incoming, Reply


@dataclass
class Sent:
    channel: str
    reply: Reply
    at: dt.datetime

    @property
    def private(self) -> bool:
        return self.reply.audience is Audience.DIRECT


@dataclass
class RecordingSender:
    """A Sender that records every delivery, with the (possibly frozen) moment it happened."""

    sent: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, channel: str, reply: Reply) -> None:
        with self.lock:
            self.sent.append(Sent(channel, reply, dt.datetime.now(dt.UTC)))

    def take(self) -> list[Sent]:
        with self.lock:
            taken, self.sent = self.sent, []
        return taken


class FlakySender(RecordingSender):
    """Fails the first `failures` deliveries with an error that carries no message text."""

    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures
        self.calls = 0

    def send(self, channel: str, reply: Reply) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("platform unavailable")
        super().send(channel, reply)


def command(app: Application, text: str, *, user: str = "jan", channel: str = "C1") -> list[Reply]:
    """Send one `/werving` command as `user` at the app's clock."""
    return app.bot.handle(Incoming("console", channel, user, text, is_command=True, user_name=user), app.clock())


def commands(app: Application, *texts: str, user: str = "jan", channel: str = "C1") -> None:
    """Send several commands, confirming what asks for it; fail loudly when one is refused.

    Whoever starts also gets the college's role, so that they may tick the college's sub-steps.
    """
    for text in texts:
        replies = command(app, text, user=user, channel=channel)
        while any(r.actions and r.actions[0].command == "bevestig" for r in replies):
            replies = command(app, "bevestig", user=user, channel=channel)
        refused = [r for r in replies if r.audience is Audience.REQUESTER]
        assert not refused, (text, [r.text for r in refused])
        if text.startswith("start"):
            with app.store.unit_of_work() as uow:
                uow.assign_role(channel, user, "college", app.clock())
