"""Delivering the core's replies on Slack: to the channel, to one person only, or as a direct message.

In the serving bot every reply is first queued in the message outbox as a payload (`to_payload`: the
rendered body plus where it goes) and later sent by the outbox's senders through `SlackSender.send_payload`;
`SlackSender.send` and `deliver` send at once (the core's `Sender` port, and the tests). A DIRECT reply
only ever goes to a direct conversation with its recipient: when that fails, the requester is told
privately, and the content is never posted in the channel instead.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.adapters.dispatch import GiveUp, RetryLater
from bot.adapters.pacing import Pacer
from bot.adapters.slack import render
from bot.adapters.slack.clients import webhook_client
from bot.content.plan import Plan
from bot.core.messages import Attachment, Audience, Reply
from bot.storage import messages
from bot.storage.db import Database

log = logging.getLogger(__name__)

# chat.post* errors meaning "the bot cannot write here", where the response_url still can.
NOT_HERE = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})

DM_FAILED = (
    "Ik kon je geen privébericht sturen, dus dit advies staat nergens anders. Open een privégesprek met mij "
    "(via mijn naam in Slack) en probeer het opnieuw."
)


class DeliveryError(RuntimeError):
    """A response_url did not accept a message (its HTTP status, and Retry-After when it sent one)."""

    def __init__(self, status: int, retry_after: float | None = None) -> None:
        super().__init__(f"response_url antwoordde met status {status}")
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Origin:
    """Where an interactive request came from, so each reply lands in the right place."""

    channel: str
    user: str
    response_url: str | None = None
    via_command: bool = False  # slash command: answers for the requester go through the response_url
    is_direct: bool = False  # the request came from a direct conversation with the bot


def to_payload(reply: Reply, origin: Origin, plan: Plan | None) -> tuple[str, dict[str, Any]]:
    """The outbox lane and payload for one reply to `origin`.

    Lanes follow Slack's rate limits: channel messages per channel, ephemeral ones per channel apart from
    those, direct messages per person, and answers through a response_url per URL (a command's own reply
    never waits behind the channel's queue).
    """
    recipient = reply.user or origin.user
    lane = _lane(reply, origin, recipient)
    payload: dict[str, Any] = {
        "audience": reply.audience.value,
        "user": recipient,
        "thread": reply.thread,
        "body": render.message(reply, plan),
        "origin": {
            "channel": origin.channel,
            "user": origin.user,
            "response_url": origin.response_url,
            "via_command": origin.via_command,
            "is_direct": origin.is_direct,
        },
    }
    if reply.attachments:
        payload["attachments"] = [_stored(a) for a in reply.attachments]
    return lane, payload


def _stored(attachment: Attachment) -> dict[str, str]:
    """An attachment as it waits in the outbox (JSON): its bytes in base64."""
    return {
        "filename": attachment.filename,
        "mime": attachment.mime,
        "title": attachment.title,
        "data": base64.b64encode(attachment.data).decode("ascii"),
    }


def _lane(reply: Reply, origin: Origin, recipient: str) -> str:
    if reply.audience is Audience.DIRECT:
        return f"dm:{recipient}"
    if reply.audience is Audience.REQUESTER:
        if origin.via_command and origin.response_url:
            return "url:" + hashlib.sha256(origin.response_url.encode("utf-8")).hexdigest()[:20]
        if not origin.is_direct:
            return f"eph:{origin.channel}"
    return origin.channel


COALESCE_LIMIT = 12_000  # characters of one combined message: four sections; the notification text is cut to 3000


def coalesce(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any] | None:
    """Two queued plain-text channel messages for the same channel and thread as one; None when they differ.

    After a burst (thirty ticks in a minute) the channel gets a few longer messages instead of thirty
    paced ones, so what is asked right after the burst is not answered half a minute late.
    """
    if first.get("audience") != Audience.CHANNEL.value or second.get("audience") != Audience.CHANNEL.value:
        return None
    if first.get("attachments") or second.get("attachments"):
        return None
    if (
        first.get("thread") != second.get("thread")
        or origin_of_payload(first).channel != origin_of_payload(second).channel
    ):
        return None
    if not (_plain(first["body"]) and _plain(second["body"])):
        return None
    text = f"{first['body']['text']}\n\n{second['body']['text']}"
    if len(text) > COALESCE_LIMIT:
        return None
    return {**first, "body": {"text": render.fallback(text), "blocks": render.text_blocks(text)}}


def _plain(body: dict[str, Any]) -> bool:
    blocks = body.get("blocks") or []
    return all(b.get("type") == "section" and set(b) <= {"type", "text"} for b in blocks)


def origin_of_payload(payload: dict[str, Any]) -> Origin:
    """The Origin stored in a payload."""
    o = payload.get("origin") or {}
    return Origin(
        str(o.get("channel") or ""),
        str(o.get("user") or ""),
        o.get("response_url") or None,
        via_command=bool(o.get("via_command")),
        is_direct=bool(o.get("is_direct")),
    )


class SlackSender:
    """Posts replies with the bot token, paced per channel; implements the core's Sender port."""

    def __init__(
        self,
        client: WebClient,
        plan: Plan | None = None,
        pacer: Pacer | None = None,
        webhooks: Callable[[str], WebhookClient] = webhook_client,
    ) -> None:
        self.client = client
        self.plan = plan
        self.pacer = pacer or Pacer()
        self.webhooks = webhooks

    # -- the Sender port ------------------------------------------------------------------------

    def send(self, channel: str, reply: Reply) -> None:
        """Deliver a reply that answers nothing (a reminder); raises when Slack refused it."""
        if reply.audience is Audience.DIRECT:
            self.post_direct(_recipient(reply, None), reply)
        elif reply.audience is Audience.REQUESTER:
            self.post_ephemeral(channel, _recipient(reply, None), reply)
        else:
            self.post_channel(channel, reply)

    # -- interactive answers -------------------------------------------------------------------

    def deliver(self, replies: Iterable[Reply], origin: Origin) -> None:
        """Deliver the replies to one request in order, at once."""
        for reply in replies:
            self.send_payload(to_payload(reply, origin, self.plan)[1])

    def send_payload(self, payload: dict[str, Any]) -> None:
        """Send one queued payload (see `to_payload`); raises what Slack or the network raised."""
        origin = origin_of_payload(payload)
        body, thread, user = payload["body"], payload.get("thread"), str(payload.get("user") or origin.user)
        audience = Audience(payload.get("audience", Audience.CHANNEL.value))
        if payload.get("attachments") and audience is Audience.CHANNEL:
            self._upload(origin.channel, body, thread, payload["attachments"])
        elif audience is Audience.DIRECT:
            self._deliver_direct(body, thread, user, origin)
        elif audience is Audience.REQUESTER:
            self._deliver_requester(body, thread, user, origin)
        else:
            self._deliver_channel(body, thread, origin)

    def _deliver_channel(self, body: dict[str, Any], thread: str | None, origin: Origin) -> None:
        try:
            self._post(origin.channel, body, thread)
        except SlackApiError as err:
            if _code(err) not in NOT_HERE or not origin.response_url:
                raise
            # The bot is not a member here (a slash command works anywhere); Slack still lets it answer.
            self._respond(origin.response_url, body, "in_channel")

    def _deliver_requester(self, body: dict[str, Any], thread: str | None, user: str, origin: Origin) -> None:
        if origin.via_command and origin.response_url:
            self._respond(origin.response_url, body, "ephemeral")
            return
        if origin.is_direct:
            self._post(origin.channel, body, thread)  # a direct conversation is already private
            return
        try:
            self._ephemeral(origin.channel, user, body, thread)
        except SlackApiError as err:
            if _code(err) not in NOT_HERE or not origin.response_url:
                raise
            self._respond(origin.response_url, body, "ephemeral")

    def _deliver_direct(self, body: dict[str, Any], thread: str | None, user: str, origin: Origin) -> None:
        try:
            self._direct(user, body)
        except SlackApiError as err:
            if is_transient(err) or not origin.user:
                raise
            log.warning("Privébericht niet afgeleverd: %s", _code(err))
            notice = render.message(Reply(DM_FAILED, Audience.REQUESTER, user=origin.user, thread=thread), self.plan)
            self._deliver_requester(notice, thread, origin.user, origin)

    # -- Slack calls ---------------------------------------------------------------------------

    def post_channel(self, channel: str, reply: Reply) -> None:
        """chat.postMessage to a channel (in the reply's thread when it has one)."""
        self._post(channel, self._body(reply), reply.thread)

    def post_ephemeral(self, channel: str, user: str, reply: Reply) -> None:
        """chat.postEphemeral: visible to `user` only, in `channel`."""
        self._ephemeral(channel, user, self._body(reply), reply.thread)

    def post_direct(self, user: str, reply: Reply) -> None:
        """conversations.open with the user, then chat.postMessage into that direct conversation."""
        self._direct(user, self._body(reply))

    def respond(self, url: str, reply: Reply, response_type: str) -> None:
        """Answer through a response_url: `ephemeral` for the requester, `in_channel` for everyone."""
        self._respond(url, self._body(reply), response_type)

    def _post(self, channel: str, body: dict[str, Any], thread: str | None) -> None:
        self.pacer.wait(channel)
        self.client.chat_postMessage(channel=channel, thread_ts=thread, **body)

    def _ephemeral(self, channel: str, user: str, body: dict[str, Any], thread: str | None) -> None:
        self.pacer.wait(channel)
        self.client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread, **body)

    def _direct(self, user: str, body: dict[str, Any]) -> None:
        if not user:
            raise ValueError("een privébericht zonder ontvanger")
        opened = self.client.conversations_open(users=user)
        channel = (opened.get("channel") or {}).get("id")
        if not channel or not str(channel).startswith("D"):
            raise SlackApiError("conversations.open gaf geen privégesprek terug", opened)
        self.pacer.wait(channel)
        self.client.chat_postMessage(channel=channel, **body)

    def _upload(self, channel: str, body: dict[str, Any], thread: str | None, files: list[dict[str, str]]) -> None:
        """files_upload_v2: get an upload URL per file, send the bytes there, then share them with the text."""
        self.pacer.wait(channel)
        self.client.files_upload_v2(
            file_uploads=[
                {"file": base64.b64decode(f["data"]), "filename": f["filename"], "title": f["title"]} for f in files
            ],
            channel=channel,
            initial_comment=body.get("text") or None,
            thread_ts=thread,
        )

    def _respond(self, url: str, body: dict[str, Any], response_type: str) -> None:
        result = self.webhooks(url).send_dict({**body, "response_type": response_type, "replace_original": False})
        if result.status_code != 200:
            raise DeliveryError(result.status_code, _retry_after(result.headers))

    def _body(self, reply: Reply) -> dict[str, Any]:
        return render.message(reply, self.plan)


class QueueingSender:
    """The core's `Sender` port in the serving bot: a reminder is queued in the message outbox.

    `transactional`: the reminder deliverer calls `send` inside the transaction that marks the reminder
    sent, so the reminder is queued exactly once; the outbox's senders deliver it, paced per channel.
    """

    transactional = True

    def __init__(self, database: Database, plan: Plan | None, clock: Callable[[], datetime]) -> None:
        self.database = database
        self.plan = plan
        self.clock = clock
        self.wake: Callable[[], None] = lambda: None

    def send(self, channel: str, reply: Reply) -> None:
        """Queue one reminder for `channel` (a DIRECT one for `reply.user` only)."""
        if reply.audience is not Audience.CHANNEL:
            _recipient(reply, None)
        lane, payload = to_payload(reply, Origin(channel, reply.user or ""), self.plan)
        messages.enqueue(self.database, lane, payload, self.clock())
        self.wake()


def _recipient(reply: Reply, origin: Origin | None) -> str:
    user = reply.user or (origin.user if origin else None)
    if not user:
        raise ValueError(f"een {reply.audience.value}-antwoord zonder ontvanger")
    return user


TRANSIENT_CODES = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})


def is_transient(err: SlackApiError) -> bool:
    """A refusal worth trying again later: rate limits, 5xx and Slack's own temporary errors."""
    status = err.response.status_code if err.response is not None else 0
    return status == 429 or status >= 500 or _code(err) in TRANSIENT_CODES


def slack_transport(sender: SlackSender) -> Callable[[dict[str, Any]], None]:
    """The outbox transport: send a payload, and tell the dispatcher how it went in its own terms."""

    def transport(payload: dict[str, Any]) -> None:
        try:
            sender.send_payload(payload)
        except SlackApiError as err:
            response = err.response
            status = response.status_code if response is not None else 0
            if status == 429:
                wait = _retry_after(response.headers if response is not None else {}) or 1.0
                raise RetryLater(wait, "ratelimited") from None
            if is_transient(err):
                raise
            raise GiveUp(_code(err) or f"status {status}") from None
        except DeliveryError as err:
            if err.status == 429:
                raise RetryLater(err.retry_after or 1.0, "ratelimited") from None
            if err.status >= 500:
                raise
            raise GiveUp(f"response_url {err.status}") from None  # expired or unknown: trying again won't help

    return transport


def _retry_after(headers: Any) -> float | None:
    """Retry-After (seconds) from response headers of any shape; None when absent or not a number."""
    if not headers:
        return None
    for name, value in dict(headers).items():
        if str(name).lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return float(raw)
            except (TypeError, ValueError):
                return None
    return None


def _code(err: SlackApiError) -> str:
    response = err.response
    return str(response.get("error", "")) if response is not None else ""
