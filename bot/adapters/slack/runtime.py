"""What every listener shares: the application, the Slack client, the sender and the de-duplicator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk import WebClient

from bot.adapters.slack.dedupe import Deduper
from bot.adapters.slack.sender import SlackSender
from bot.bootstrap import Application
from bot.core.messages import Incoming, Reply


@dataclass
class SlackRuntime:
    """The objects the listeners close over; built once per Bolt app."""

    application: Application
    client: WebClient
    sender: SlackSender
    deduper: Deduper
    on_handled: Callable[[], None] | None = None  # e.g. wake the reminder scheduler

    def handle(self, incoming: Incoming) -> list[Reply]:
        """Let the core handle one message or command, now."""
        replies = self.application.bot.handle(incoming, self.application.clock())
        if self.on_handled is not None:
            self.on_handled()
        return replies
