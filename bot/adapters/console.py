"""The console adapter: lines from standard input, replies on standard output; doubles as transcript fixture."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import TextIO

from bot.bootstrap import Application
from bot.core.messages import Action, Audience, Incoming, Reply
from bot.reminders.scheduler import ReminderScheduler

COMMAND_PREFIX = "/werving"
_MENTION = re.compile(r"<@([^>|]+)(?:\|[^>]*)?>")


def to_plain(text: str) -> str:
    """Slack-flavoured reply text as plain terminal text: mentions as @name, entities unescaped."""
    return html.unescape(_MENTION.sub(lambda m: "@" + m.group(1), text))


def to_incoming(line: str, channel: str, user: str) -> Incoming | None:
    """A typed line as an Incoming: `/werving ...` is the command, anything else a question; blank is None."""
    stripped = line.strip()
    if not stripped:
        return None
    if stripped == COMMAND_PREFIX or stripped.startswith(COMMAND_PREFIX + " "):
        return Incoming(
            "console", channel, user, stripped[len(COMMAND_PREFIX) :].strip(), is_command=True, user_name=user
        )
    return Incoming("console", channel, user, stripped, is_command=False, user_name=user)


def render(reply: Reply) -> str:
    """One reply as printed text, its choices numbered; private messages are marked with their recipient."""
    body = to_plain(reply.text)
    if reply.actions:
        body += "\n" + "\n".join(f"  [{n}] {to_plain(a.label)}" for n, a in enumerate(reply.actions, start=1))
        body += "\n(Typ het nummer van je keuze.)"
    if reply.audience is Audience.DIRECT:
        return f"[privé aan @{reply.user}] {body}"
    if reply.audience is Audience.REQUESTER:
        return f"[alleen voor jou] {body}"
    return body


class ConsoleSender:
    """The console's Sender: reminders become printed lines; one from another channel names that channel."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.lines: list[str] = []

    def send(self, channel: str, reply: Reply) -> None:
        """Render one reminder for printing."""
        text = render(reply)
        self.lines.append(text if channel == self.channel else f"[kanaal {channel}] {text}")


class ConsoleSession:
    """A chat session in one channel as one user: say a line, get the printed replies and due reminders."""

    def __init__(self, app: Application, channel: str = "console", user: str = "gebruiker") -> None:
        self.app = app
        self.channel = channel
        self.user = user
        self._sender = ConsoleSender(channel)
        self._reminders = ReminderScheduler(app, self._sender)
        self._choices: tuple[Action, ...] = ()  # the numbered choices of the last reply that offered some

    def say(self, line: str) -> list[str]:
        """Handle one typed line and return what the console prints for it, then the reminders due now."""
        choice = self._choice(line)
        if choice is not None:
            incoming: Incoming | None = Incoming(
                "console", self.channel, self.user, choice.command, is_command=True, user_name=self.user
            )
        else:
            incoming = to_incoming(line, self.channel, self.user)
        if incoming is None:
            return []
        replies = self.app.bot.handle(incoming, self.app.clock())
        offered = [r.actions for r in replies if r.actions]
        self._choices = offered[-1] if offered else ()
        self._reminders.run_once(self.app.clock())
        due, self._sender.lines = self._sender.lines, []
        return [render(r) for r in replies] + due

    def _choice(self, line: str) -> Action | None:
        """The offered choice a bare number picks, or None when the line is not such a number."""
        stripped = line.strip()
        if not (stripped.isascii() and stripped.isdigit()) or not self._choices:
            return None
        index = int(stripped)
        return self._choices[index - 1] if 1 <= index <= len(self._choices) else None


def run(app: Application, lines: Iterable[str], out: TextIO, channel: str, user: str) -> int:
    """Read lines until they end, printing replies; returns the exit code."""
    session = ConsoleSession(app, channel=channel, user=user)
    for line in lines:
        for block in session.say(line):
            out.write(block + "\n\n")
            out.flush()
    return 0
