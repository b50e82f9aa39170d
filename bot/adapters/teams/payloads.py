"""The core's replies as Teams outbox messages: rendered, addressed, and put in a lane per conversation.

A message is a JSON payload the Teams transport (delivery.py) can send without the activity it answers:
- `post`: one activity to a target, either `{"service_url", "conversation_id", "reply_to"}` (the thread
  an activity came from) or `{"channel": id}` (a procedure's channel, looked up when it is sent);
- `private`: activities for one person's 1:1 chat (created on the serviceUrl where they were met, when
  it is sent), with an optional `pointer` (a neutral line in the thread once the chat got them) and a
  `fallback` (a line without the private content, for when no 1:1 chat can be made).
Teams has no messages that only one person in a channel sees: what is for the requester only (a refusal,
a permission error, a private warning) goes to their 1:1 chat, and the thread gets a neutral line. A
requester-only reply with buttons (the status card, a sub-step, a confirmation, "did you mean") stays in
the thread: its buttons run commands in that channel, which a click in the 1:1 chat cannot. In a
personal chat the answer is simply given there; a card click's requester-only answer is shown to the
clicker in the click's HTTP answer.
A reply's files (a Word document, a calendar) are offered to the requester with a FileConsentCard in
their 1:1 chat (files.py); the reply's text goes where its audience says.
Lanes follow Teams' rate limits, which are per conversation: `teams:<channel>` and `teams:dm:<user>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from bot.adapters.teams import files, render
from bot.adapters.teams.references import References
from bot.adapters.teams.translate import PLATFORM, Origin
from bot.content.plan import Plan
from bot.core.messages import Attachment, Audience, Reply
from bot.storage import uploads

POST = "post"
PRIVATE = "private"
LANE_PREFIX = "teams:"

NO_PRIVATE_CHAT = (
    "Ik heb een privébericht voor <@{user}>, maar ik kan nog geen privégesprek met die persoon beginnen. "
    "<@{user}>: open één keer een chat met mij in Teams (zoek mij op naam), dan komen mijn privéberichten "
    "voortaan aan."
)
REQUESTER_NO_CHAT = (
    "<@{user}>, ik heb een antwoord dat alleen voor jou is, maar ik kan nog geen chat met je beginnen. Open één "
    "keer een chat met mij in Teams (zoek mij op naam) en probeer het daarna opnieuw."
)
POINTER = "<@{user}>, ik heb je een persoonlijk bericht gestuurd in je chat met mij."

Payload = dict[str, Any]
Message = tuple[str, Payload]  # (lane, payload)


def lane_of_channel(channel: str) -> str:
    """The lane of a channel's (or group chat's) messages."""
    return LANE_PREFIX + channel


def lane_of_person(user: str) -> str:
    """The lane of the messages for one person's 1:1 chat."""
    return f"{LANE_PREFIX}dm:{user}"


def thread_target(origin: Origin, reply_to: str | None) -> dict[str, Any]:
    """The thread an activity came from."""
    return {"service_url": origin.service_url, "conversation_id": origin.conversation_id, "reply_to": reply_to}


def channel_target(channel: str) -> dict[str, Any]:
    """A procedure's channel, as the bot last met it."""
    return {"channel": channel}


@dataclass
class Outgoing:
    """What one activity's replies become: outbox messages, and what only the clicker of a card sees."""

    messages: list[Message] = field(default_factory=list)
    for_requester: list[Reply] = field(default_factory=list)


class Composer:
    """Renders replies (names from the stored references) and addresses them."""

    def __init__(self, references: References, plan: Plan | None) -> None:
        self.references = references
        self.plan = plan

    def names(self, replies: Iterable[Reply]) -> dict[str, str]:
        """Display names of everyone the replies mention."""
        users = sorted({user for reply in replies for user in render.mention_ids(reply.text)})
        return self.references.names(users)

    def render(self, reply: Reply) -> dict[str, Any]:
        """One reply as a Teams activity."""
        return render.activity(reply, self.plan, self.names([reply]))

    def answers(
        self, replies: Iterable[Reply], origin: Origin, now: datetime, *, invoke: bool, reply_to: str | None
    ) -> Outgoing:
        """The messages answering one activity, in order; a card click's requester-only replies are kept apart.

        Files are kept in the database (inside the caller's transaction) until the requester answers.
        """
        out = Outgoing()
        here = thread_target(origin, reply_to)
        private: dict[str, Payload] = {}
        for original in replies:
            reply = replace(original, attachments=()) if original.attachments else original
            for attachment in original.attachments:
                self._offer(out, attachment, origin, here, now)
            if reply.audience is Audience.DIRECT and not (origin.is_direct and reply.user in (None, origin.user)):
                user = reply.user or origin.user
                self._add_private(out, private, user, reply, here, requester=user == origin.user)
                continue
            if reply.audience is Audience.REQUESTER and invoke:
                out.for_requester.append(reply)  # shown to the clicker only, in the card's answer
                continue
            if reply.audience is Audience.REQUESTER and not origin.is_direct and not render.has_buttons(reply):
                payload = self._add_private(out, private, origin.user, reply, here, requester=True)
                payload["pointer"] = {"to": here, "activity": self.render(Reply(POINTER.format(user=origin.user)))}
                continue
            out.messages.append(self.post(here, reply, lane_of_channel(origin.channel)))
        return out

    def proactive(self, channel: str, reply: Reply) -> list[Message]:
        """The messages for a reply that answers nothing (a reminder, a digest) in `channel`."""
        if reply.audience is Audience.CHANNEL:
            return [self.post(channel_target(channel), reply, lane_of_channel(channel))]
        if not reply.user:
            raise ValueError(f"een {reply.audience.value}-bericht zonder ontvanger")
        out = Outgoing()
        self._add_private(out, {}, reply.user, reply, channel_target(channel))
        return out.messages

    def _offer(
        self, out: Outgoing, attachment: Attachment, origin: Origin, here: dict[str, Any], now: datetime
    ) -> None:
        """Offer a file to the requester: in this chat when it is their 1:1 chat, else in it, with a pointer here."""
        upload_id = uploads.offer(
            self.references.database, PLATFORM, origin.user, attachment.filename, attachment.mime, attachment.data, now
        )
        card = files.consent_activity(attachment, upload_id)
        if origin.is_direct:
            out.messages.append((lane_of_channel(origin.channel), {"kind": POST, "to": here, "activity": card}))
            return
        name = {"user": origin.user, "filename": attachment.filename}
        payload: Payload = {
            "kind": PRIVATE,
            "user": origin.user,
            "activities": [card],
            "pointer": {"to": here, "activity": self.render(Reply(files.POINTER.format(**name)))},
            "fallback": {"to": here, "activity": self.render(Reply(files.NO_CHAT.format(**name)))},
        }
        out.messages.append((lane_of_person(origin.user), payload))

    def post(self, target: dict[str, Any], reply: Reply, lane: str) -> Message:
        """One reply posted to `target`."""
        return lane, {"kind": POST, "to": target, "activity": self.render(reply)}

    def _add_private(
        self,
        out: Outgoing,
        private: dict[str, Payload],
        user: str,
        reply: Reply,
        fallback_to: dict[str, Any],
        *,
        requester: bool = False,
    ) -> Payload:
        """Add `reply` to `user`'s private message of this batch (one 1:1 chat, one fallback line)."""
        payload = private.get(user)
        if payload is None:
            notice = Reply((REQUESTER_NO_CHAT if requester else NO_PRIVATE_CHAT).format(user=user))
            payload = {
                "kind": PRIVATE,
                "user": user,
                "activities": [],
                "fallback": {"to": fallback_to, "activity": self.render(notice)},
            }
            private[user] = payload
            out.messages.append((lane_of_person(user), payload))
        payload["activities"].append(self.render(reply))
        return payload
