"""Delivering the core's replies in Teams: in the thread they answer, privately in a 1:1 chat, or proactively.

`TeamsSender.deliver` answers one activity; `TeamsSender.send` is the core's `Sender` port (reminders,
digests), which finds the channel and the person through the stored conversation references. A private
reply only ever goes to a 1:1 chat created on the serviceUrl where that person was met; when that chat
cannot be made, the channel is told, without the private content, to open a chat with the bot once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx

from bot.adapters.teams import render
from bot.adapters.teams.connector import Connector, ConnectorError
from bot.adapters.teams.references import References
from bot.adapters.teams.translate import Origin
from bot.content.plan import Plan
from bot.core.messages import Audience, Reply

log = logging.getLogger(__name__)

NO_PRIVATE_CHAT = (
    "Ik heb een privébericht voor <@{user}>, maar ik kan nog geen privégesprek met die persoon beginnen. "
    "<@{user}>: open één keer een chat met mij in Teams (zoek mij op naam), dan komen mijn privéberichten "
    "voortaan aan."
)


@dataclass
class Outcome:
    """What happened to the replies of one activity: the answers meant for the requester only."""

    for_requester: list[Reply] = field(default_factory=list)


class TeamsSender:
    """Posts replies through the Bot Connector; implements the core's Sender port."""

    def __init__(self, connector: Connector, references: References, plan: Plan | None = None) -> None:
        self.connector = connector
        self.references = references
        self.plan = plan

    # -- the Sender port ------------------------------------------------------------------------

    def send(self, channel: str, reply: Reply) -> None:
        """Deliver a reply that answers nothing (a reminder); raises when it could not be delivered."""
        if reply.audience is Audience.DIRECT:
            if not self._post_private(reply):
                self._post_channel(channel, Reply(NO_PRIVATE_CHAT.format(user=reply.user)))
            return
        self._post_channel(channel, reply)

    # -- interactive answers -------------------------------------------------------------------

    def deliver(self, replies: Iterable[Reply], origin: Origin, *, invoke: bool, reply_to: str | None) -> Outcome:
        """Deliver the replies to one activity in order; for a card click, the requester's answers are returned."""
        outcome = Outcome()
        for reply in replies:
            if reply.audience is Audience.DIRECT and not (origin.is_direct and reply.user in (None, origin.user)):
                if not self._post_private(reply):
                    notice = Reply(NO_PRIVATE_CHAT.format(user=reply.user))
                    self._post_here(notice, origin, reply_to)
                continue
            if reply.audience is Audience.REQUESTER and invoke:
                outcome.for_requester.append(reply)  # shown to the clicker only, in the card's answer
                continue
            self._post_here(reply, origin, reply_to)
        return outcome

    def names(self, replies: Iterable[Reply]) -> dict[str, str]:
        """Display names of everyone the replies mention."""
        users = sorted({user for reply in replies for user in render.mention_ids(reply.text)})
        return self.references.names(users)

    # -- posting -------------------------------------------------------------------------------

    def _post_here(self, reply: Reply, origin: Origin, reply_to: str | None) -> None:
        body = render.activity(reply, self.plan, self.names([reply]))
        self.connector.send(origin.service_url, origin.conversation_id, body, reply_to)

    def _post_channel(self, channel: str, reply: Reply) -> None:
        ref = self.references.channel(channel)
        if ref is None or not ref.conversation_id:
            raise ConnectorError(f"kanaal {channel} is in Teams nog niet bekend")
        body = render.activity(reply, self.plan, self.names([reply]))
        self.connector.send(ref.service_url, ref.conversation_id, body)

    def _post_private(self, reply: Reply) -> bool:
        """Open a 1:1 chat with the recipient where they were met and post there; False when that is impossible."""
        person = self.references.person(reply.user) if reply.user else None
        if person is None:
            log.warning("Privébericht niet afgeleverd: deze persoon is in Teams nog niet gezien")
            return False
        try:
            conversation = self.connector.create_personal(person.service_url, person.key, person.tenant_id)
            body = render.activity(reply, self.plan, self.names([reply]))
            self.connector.send(person.service_url, conversation, body)
        except (ConnectorError, httpx.HTTPError, OSError) as err:
            log.warning("Privébericht niet afgeleverd: %s", err)
            return False
        return True
