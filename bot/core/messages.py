"""The neutral message types that adapters translate to and from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.core.views import View


class Audience(StrEnum):
    """Who sees a reply."""

    CHANNEL = "channel"  # everyone in the procedure channel
    REQUESTER = "requester"  # only the person who sent the command (ephemeral in Slack)
    DIRECT = "direct"  # a private (direct) message to `Reply.user`


@dataclass(frozen=True)
class ChannelPrivacy:
    """What the platform says about the channel; a failed check counts as not private."""

    checked: bool
    private: bool = False
    shared_externally: bool = False

    @property
    def is_safe(self) -> bool:
        """True only when the check succeeded and the channel is private and not shared outside."""
        return self.checked and self.private and not self.shared_externally


@dataclass(frozen=True)
class Incoming:
    """One message or command from a user, as any adapter delivers it."""

    platform: str  # "console", "slack", "teams"
    channel: str  # platform channel id; one procedure per channel
    user: str  # platform user id
    text: str  # the command's arguments (after /werving) or the message text
    is_command: bool  # True for the slash command, False for a message / question
    user_name: str = ""
    is_direct: bool = False  # a direct message to the bot
    thread: str | None = None  # thread to answer in, when the message came from one
    channel_privacy: ChannelPrivacy | None = None  # None when the platform cannot tell
    members: frozenset[str] | None = None  # the channel's members, for `rol`; None when the platform cannot tell
    members_failed: bool = False  # the platform was asked for the members and did not answer: refuse roles


@dataclass(frozen=True)
class Action:
    """A button under a reply: choosing it runs `command` as the person who chose it, as if typed.

    Each adapter renders it its own way (a Block Kit button in Slack, an Adaptive Card action in
    Teams, a numbered choice in the terminal). The command goes through the same checks as a typed
    one, so a button can never do more than its user could type.
    """

    label: str  # short Dutch label, e.g. "Bevestigen" or "De rol van de OR"
    command: str  # the chat command it stands for, e.g. "bevestig" or "vraag rol van de OR"
    primary: bool = False  # the main choice, shown emphasised where the platform can


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a reply (an .ics calendar, a Word document); each adapter delivers it its own way."""

    filename: str  # e.g. "planning-ede.ics"
    mime: str  # e.g. "text/calendar"
    data: bytes
    title: str  # Dutch, shown with the file
    command: str = ""  # the `python -m bot …` command that writes the same file, for platforms without uploads


@dataclass(frozen=True)
class Reply:
    """One message the bot wants to send; adapters render and deliver it.

    `text` is Dutch in Slack's mrkdwn flavour: *bold*, `<@USERID>` for a person, and user-typed
    text already escaped (&amp; &lt; &gt;) so nothing a user typed can ping or break formatting.
    """

    text: str
    audience: Audience = Audience.CHANNEL
    user: str | None = None  # the recipient for DIRECT and REQUESTER replies
    view: View | None = None  # structured content for rich rendering (Block Kit, Adaptive Cards)
    thread: str | None = None
    actions: tuple[Action, ...] = ()  # choices offered under the text (buttons, numbered in the terminal)
    outcome: str | None = None  # for a reply to a question: "answer", "clarify" or "refuse"
    attachments: tuple[Attachment, ...] = ()  # files to upload with the text (Slack) or save (console)


@dataclass(frozen=True)
class Answer:
    """What the guide says about a question, and how sure the bot is.

    `outcome` is "answer" (the guide covers it: `matched` is true), "clarify" (unsure: `suggestions` holds
    the two or three likeliest topics, each a short label that yields that answer when asked back) or
    "refuse" (nothing in the guide fits; `suggestions`, if any, are related topics).
    """

    question: str
    matched: bool  # True exactly when outcome == "answer"
    text: str  # Dutch answer text, citing its sections; never echoes the question unescaped
    sources: tuple[str, ...] = ()  # guide section ids the answer rests on
    steps: tuple[str, ...] = ()  # related sub-step ids of the plan (e.g. ("7c",))
    item_id: str | None = None  # the knowledge item used, if any
    suggestions: tuple[str, ...] = ()  # nearby topics, offered when not matched
    outcome: str = ""  # "answer" | "clarify" | "refuse"; empty means derived from `matched`

    def __post_init__(self) -> None:
        if not self.outcome:
            object.__setattr__(self, "outcome", "answer" if self.matched else "refuse")


class QuestionAnswerer(Protocol):
    """Answers free-text questions from the encoded guide."""

    def answer(self, question: str) -> Answer:
        """Return the guide's answer to `question`."""
        ...
