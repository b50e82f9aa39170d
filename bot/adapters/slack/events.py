"""Events: a mention or a direct message is a question; opening the App Home shows one's procedures.

`SUBSCRIPTIONS` maps each bot event of slack/manifest.yaml to the Bolt event type it is heard as;
a test keeps the two in step.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.adapters.slack import render, translate
from bot.adapters.slack.errors import reported
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin

log = logging.getLogger(__name__)

SUBSCRIPTIONS = {"app_mention": "app_mention", "message.im": "message", "app_home_opened": "app_home_opened"}


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to mentions, direct messages and the App Home."""

    def acknowledge(ack: Ack) -> None:
        ack()  # every event is acknowledged, also the ones ignored below, so Slack does not redeliver

    @reported(runtime)
    def answer_mention(body: dict[str, Any], context: BoltContext) -> None:
        incoming = translate.from_mention(body.get("event") or {}, context.bot_user_id)
        if incoming is None or not runtime.deduper.first_time(body):
            return
        runtime.sender.deliver(runtime.handle(incoming), Origin(incoming.channel, incoming.user))

    @reported(runtime)
    def answer_direct_message(body: dict[str, Any]) -> None:
        incoming = translate.from_direct_message(body.get("event") or {})
        if incoming is None or not runtime.deduper.first_time(body):
            return
        runtime.sender.deliver(runtime.handle(incoming), Origin(incoming.channel, incoming.user, is_direct=True))

    @reported(runtime)
    def publish_home(body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        user = event.get("user")
        if event.get("tab") != "home" or not user or not runtime.deduper.first_time(body):
            return
        runtime.client.views_publish(user_id=user, view=render.home_view(runtime.application.bot.home(user)))

    listeners = {"app_mention": answer_mention, "message": answer_direct_message, "app_home_opened": publish_home}
    for event_type in SUBSCRIPTIONS.values():
        app.event(event_type)(ack=acknowledge, lazy=[listeners[event_type]])
