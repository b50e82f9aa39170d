"""What every listener shares, and the one way a request is handled: durable before it is acknowledged.

`accept` runs in the acknowledgement, in one SQLite transaction: claim the delivery id, let the core
handle the message (its state change and reminders) and queue every reply in the message outbox. Only
after that commit does Slack get its ack; the outbox's senders deliver afterwards. A crash at any moment
either loses nothing that was acknowledged or leaves nothing half done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient

from bot.adapters.dispatch import OutboxDispatcher
from bot.adapters.slack.dedupe import Deduper
from bot.adapters.slack.sender import Origin, SlackSender, origin_of_payload, to_payload
from bot.application import Application
from bot.core.messages import Audience, Incoming, Reply
from bot.core.text import escape
from bot.storage import messages


@dataclass
class SlackRuntime:
    """The objects the listeners close over; built once per Bolt app."""

    application: Application
    client: WebClient
    sender: SlackSender
    deduper: Deduper
    outbox: OutboxDispatcher
    on_handled: Callable[[], None] | None = None  # e.g. wake the reminder scheduler

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Let the core handle one message or command, now."""
        return self.application.bot.handle(incoming, self.application.clock())

    def accept(self, body: Mapping[str, Any], incoming: Incoming, origin: Origin) -> list[Reply] | None:
        """Claim, handle and queue the replies in one commit; None when this delivery was handled before."""
        with self.application.store.database.transaction(write=True):
            if not self.deduper.first_time(body):
                return None
            replies = self.handle(incoming)
            self.enqueue(replies, origin)
        self.after_commit()
        return replies

    def enqueue(self, replies: Iterable[Reply], origin: Origin) -> None:
        """Queue replies in the outbox (inside the caller's transaction when one is open)."""
        database = self.application.store.database
        now = self.application.clock()
        with database.transaction(write=True):
            for reply in replies:
                lane, payload = to_payload(reply, origin, self.application.plan)
                messages.enqueue(database, lane, payload, now)

    def tell(self, replies: Iterable[Reply], origin: Origin) -> None:
        """Queue replies and wake the senders."""
        self.enqueue(replies, origin)
        self.outbox.wake()

    def notice_failed(self, payload: dict[str, Any], code: str) -> None:
        """A channel message was given up on: tell the requester that their command itself was saved."""
        origin = origin_of_payload(payload)
        if payload.get("audience") != Audience.CHANNEL.value or not origin.user or not origin.response_url:
            return
        if payload.get("attachments"):
            names = ", ".join(escape(str(a.get("filename"))) for a in payload["attachments"])
            text = (
                f"Ik kon het bestand ({names}) niet in het kanaal zetten (Slack: {escape(code)}). Is de bot geen "
                "lid van het kanaal, nodig hem dan uit en vraag het opnieuw; er is niets veranderd."
            )
        else:
            text = (
                "Je opdracht is opgeslagen, maar ik kon het bericht erover niet in het kanaal plaatsen "
                f"(Slack: {escape(code)}). Zie `status` voor de stand; is de bot geen lid van het kanaal, "
                "nodig hem dan uit."
            )
        self.tell([Reply(text, Audience.REQUESTER, user=origin.user)], origin)

    def after_commit(self) -> None:
        """Wake the senders, and the reminder scheduler when one listens."""
        self.outbox.wake()
        if self.on_handled is not None:
            self.on_handled()
