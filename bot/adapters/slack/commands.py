"""The slash command `/werving`: acknowledged at once, answered through the response_url and the channel."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.adapters.slack import privacy, translate
from bot.adapters.slack.errors import reported
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin

COMMAND = "/werving"


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to `/werving` with every subcommand."""

    def acknowledge(ack: Ack) -> None:
        ack()  # within Slack's 3 seconds, before any work; the answer follows via the response_url

    @reported(runtime)
    def run_command(body: dict[str, Any]) -> None:
        if not runtime.deduper.first_time(body):
            return
        channel = str(body.get("channel_id") or "")
        text = str(body.get("text") or "")
        checked = privacy.check_channel(runtime.client, channel) if privacy.needs_check(text) else None
        incoming = translate.from_command(body, checked)
        replies = runtime.handle(incoming)
        origin = Origin(
            incoming.channel, incoming.user, body.get("response_url"), via_command=True, is_direct=incoming.is_direct
        )
        runtime.sender.deliver(replies, origin)

    app.command(COMMAND)(ack=acknowledge, lazy=[run_command])
