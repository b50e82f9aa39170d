"""Delivering the core's replies on Slack: to the channel, to one person only, or as a direct message.

`SlackSender.send` is the core's `Sender` port (reminders, digests); `SlackSender.deliver` answers an
interactive request (slash command, mention, direct message, button). A DIRECT reply only ever goes to
a direct conversation with its recipient: when that fails, the requester is told privately, and the
content is never posted in the channel instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.adapters.slack import render
from bot.adapters.slack.clients import webhook_client
from bot.adapters.slack.pacing import Pacer
from bot.content.plan import Plan
from bot.core.messages import Audience, Reply

log = logging.getLogger(__name__)

# chat.post* errors meaning "the bot cannot write here", where the response_url still can.
NOT_HERE = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})

DM_FAILED = (
    "Ik kon je geen privébericht sturen, dus dit advies staat nergens anders. Open een privégesprek met mij "
    "(via mijn naam in Slack) en probeer het opnieuw."
)


class DeliveryError(RuntimeError):
    """A response_url did not accept a message."""


@dataclass(frozen=True)
class Origin:
    """Where an interactive request came from, so each reply lands in the right place."""

    channel: str
    user: str
    response_url: str | None = None
    via_command: bool = False  # slash command: answers for the requester go through the response_url
    is_direct: bool = False  # the request came from a direct conversation with the bot


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
        """Deliver the replies to one request in order."""
        for reply in replies:
            if reply.audience is Audience.DIRECT:
                self._deliver_direct(reply, origin)
            elif reply.audience is Audience.REQUESTER:
                self._deliver_requester(reply, origin)
            else:
                self._deliver_channel(reply, origin)

    def _deliver_channel(self, reply: Reply, origin: Origin) -> None:
        try:
            self.post_channel(origin.channel, reply)
        except SlackApiError as err:
            if _code(err) not in NOT_HERE or not origin.response_url:
                raise
            # The bot is not a member here (a slash command works anywhere); Slack still lets it answer.
            self.respond(origin.response_url, reply, "in_channel")

    def _deliver_requester(self, reply: Reply, origin: Origin) -> None:
        if origin.via_command and origin.response_url:
            self.respond(origin.response_url, reply, "ephemeral")
            return
        if origin.is_direct:
            self.post_channel(origin.channel, reply)  # a direct conversation is already private
            return
        try:
            self.post_ephemeral(origin.channel, _recipient(reply, origin), reply)
        except SlackApiError as err:
            if _code(err) not in NOT_HERE or not origin.response_url:
                raise
            self.respond(origin.response_url, reply, "ephemeral")

    def _deliver_direct(self, reply: Reply, origin: Origin) -> None:
        try:
            self.post_direct(_recipient(reply, origin), reply)
        except SlackApiError as err:
            log.warning("Privébericht niet afgeleverd: %s", _code(err))
            notice = Reply(DM_FAILED, Audience.REQUESTER, user=origin.user, thread=reply.thread)
            self._deliver_requester(notice, origin)

    # -- Slack calls ---------------------------------------------------------------------------

    def post_channel(self, channel: str, reply: Reply) -> None:
        """chat.postMessage to a channel (in the reply's thread when it has one)."""
        self.pacer.wait(channel)
        self.client.chat_postMessage(channel=channel, thread_ts=reply.thread, **self._body(reply))

    def post_ephemeral(self, channel: str, user: str, reply: Reply) -> None:
        """chat.postEphemeral: visible to `user` only, in `channel`."""
        self.pacer.wait(channel)
        self.client.chat_postEphemeral(channel=channel, user=user, thread_ts=reply.thread, **self._body(reply))

    def post_direct(self, user: str, reply: Reply) -> None:
        """conversations.open with the user, then chat.postMessage into that direct conversation."""
        opened = self.client.conversations_open(users=user)
        channel = (opened.get("channel") or {}).get("id")
        if not channel or not str(channel).startswith("D"):
            raise SlackApiError("conversations.open gaf geen privégesprek terug", opened)
        self.pacer.wait(channel)
        self.client.chat_postMessage(channel=channel, **self._body(reply))

    def respond(self, url: str, reply: Reply, response_type: str) -> None:
        """Answer through a response_url: `ephemeral` for the requester, `in_channel` for everyone."""
        body = {**self._body(reply), "response_type": response_type, "replace_original": False}
        result = self.webhooks(url).send_dict(body)
        if result.status_code != 200:
            raise DeliveryError(f"response_url antwoordde met status {result.status_code}")

    def _body(self, reply: Reply) -> dict[str, Any]:
        return render.message(reply, self.plan)


def _recipient(reply: Reply, origin: Origin | None) -> str:
    user = reply.user or (origin.user if origin else None)
    if not user:
        raise ValueError(f"een {reply.audience.value}-antwoord zonder ontvanger")
    return user


def _code(err: SlackApiError) -> str:
    response = err.response
    return str(response.get("error", "")) if response is not None else ""
