"""The console adapter: lines from standard input, replies on standard output; doubles as transcript fixture."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.application import Application
from bot.core.messages import Action, Attachment, Audience, Incoming, Reply

COMMAND_PREFIX = "/werving"
UNDECODABLE = "\ufffd"  # what a byte that is not UTF-8 becomes when standard input is read with errors="replace"
STOP_WORDS = frozenset({"stop", "exit", "quit", "stoppen"})
WELCOME = (
    "Welkom bij de wervingsbot. Stel gewoon een vraag, geef een opdracht zoals `status` of `klaar 1a` "
    "(`help` toont ze allemaal), en typ `stop` om te stoppen."
)
_MENTION = re.compile(r"<@([^>|]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#([^>|]+)(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")


def to_plain(text: str) -> str:
    """Slack-flavoured reply text as plain terminal text: mentions as @name, channels as #name, entities unescaped."""
    text = _MENTION.sub(lambda m: "@" + m.group(1), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)).lstrip("@"), text)
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    return html.unescape(text)


def readable(text: str) -> str:
    """Printed text for a person at a terminal: Slack's *bold* and _italic_ markers dropped."""
    return _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))


def is_stop(line: str) -> bool:
    """True for a line that ends the chat: stop, exit or quit, in any case."""
    return line.strip().strip("!.").lower() in STOP_WORDS


def to_incoming(line: str, channel: str, user: str) -> Incoming | None:
    """A typed line as an Incoming: `/werving ...` is the command, anything else a question; blank is None."""
    stripped = line.strip()
    if not stripped:
        return None
    if stripped.lower() == COMMAND_PREFIX or stripped.lower().startswith(COMMAND_PREFIX + " "):
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


def save_attachment(attachment: Attachment, folder: Path) -> str:
    """Write a reply's file into `folder` (an older version of it is replaced); a Dutch line saying where."""
    path = folder / Path(attachment.filename).name
    try:
        path.write_bytes(attachment.data)
    except OSError as err:
        return f"Kon het bestand {path.name} niet opslaan: {err.strerror or err}. Er is verder niets veranderd."
    return f"Bestand opgeslagen: {path.resolve()}"


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

    def __init__(
        self, app: Application, channel: str = "console", user: str = "gebruiker", files: Path | None = None
    ) -> None:
        self.app = app
        self.files = files  # where a reply's files are saved; None: the current folder
        self.channel = channel
        self.user = user
        self._sender = ConsoleSender(channel)
        self._reminders = app.scheduler(self._sender)
        self._choices: tuple[Action, ...] = ()  # the numbered choices of the last reply that offered some
        self.last_replies: list[Reply] = []  # the replies to the last line, for scorers that read outcomes

    def say(self, line: str) -> list[str]:
        """Handle one typed line and return what the console prints for it, then the reminders due now."""
        if UNDECODABLE in line:
            return [
                "[alleen voor jou] Deze regel bevat tekens die ik niet kan lezen (geen geldige UTF-8). "
                "Er is niets veranderd; typ hem opnieuw, of zet je terminal op UTF-8."
            ]
        if self._out_of_range(line):
            return [f"[alleen voor jou] Kies een nummer van 1 tot en met {len(self._choices)}; er is niets veranderd."]
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
        self.last_replies = replies
        offered = [r.actions for r in replies if r.actions]
        self._choices = offered[-1] if offered else ()
        self._reminders.run_once(self.app.clock())
        due, self._sender.lines = self._sender.lines, []
        printed = [render(r) for r in replies]
        folder = self.files or Path.cwd()
        printed += [save_attachment(a, folder) for r in replies for a in r.attachments]
        return printed + due

    def _out_of_range(self, line: str) -> bool:
        """True for a bare number while choices are open that is not one of them (the choices stay open)."""
        stripped = line.strip().rstrip(".)")
        return bool(self._choices) and stripped.isascii() and stripped.isdigit() and self._choice(stripped) is None

    def _choice(self, line: str) -> Action | None:
        """The offered choice a bare number picks, or None when the line is not such a number."""
        stripped = line.strip().rstrip(".)")
        if not (stripped.isascii() and stripped.isdigit()) or not self._choices:
            return None
        index = int(stripped)
        return self._choices[index - 1] if 1 <= index <= len(self._choices) else None


def utf8_lines(stream: TextIO) -> Iterable[str]:
    """Standard input read as UTF-8, with bytes that are not UTF-8 replaced (so they get a reply, not a crash)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return stream
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace")


def run(app: Application, lines: Iterable[str], out: TextIO, channel: str, user: str) -> int:
    """Greet, then read lines until they end or `stop` / `exit` / `quit`, printing replies; returns the exit code."""
    session = ConsoleSession(app, channel=channel, user=user)
    out.write(WELCOME + "\n\n")
    out.flush()
    for line in lines:
        if is_stop(line):
            out.write("Tot ziens.\n")
            break
        for block in session.say(line):
            out.write(readable(block) + "\n\n")
            out.flush()
    return 0
