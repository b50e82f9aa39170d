"""Events: a mention or a direct message is a question; opening the App Home shows one's procedures;
a file shared in a procedure's channel gets a private request to keep candidate documents in the HR system.

`SUBSCRIPTIONS` maps each bot event of slack/manifest.yaml to the Bolt event type it is heard as;
a test keeps the two in step.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.adapters.slack import members, render, translate
from bot.adapters.slack.errors import report, reported
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin
from bot.core.candidate_data import FILE_SHARED_NOTICE
from bot.core.messages import Audience, Incoming, Reply

log = logging.getLogger(__name__)

SUBSCRIPTIONS = {
    "app_mention": "app_mention",
    "message.im": "message",
    "app_home_opened": "app_home_opened",
    "file_shared": "file_shared",
}


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to mentions, direct messages and the App Home."""

    def answer_mention(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        incoming = translate.from_mention(body.get("event") or {}, context.bot_user_id)
        _accept(runtime, body, incoming, context, is_direct=False)
        ack()  # every event is acknowledged, also the ones ignored, so Slack does not redeliver

    def answer_direct_message(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        incoming = translate.from_direct_message(body.get("event") or {})
        _accept(runtime, body, incoming, context, is_direct=True)
        ack()

    def acknowledge(ack: Ack) -> None:
        ack()

    @reported(runtime)
    def publish_home(body: dict[str, Any]) -> None:
        event = body.get("event") or {}
        user = event.get("user")
        if event.get("tab") != "home" or not user or not runtime.deduper.first_time(body):
            return
        home = runtime.application.bot.home(user, runtime.application.clock())
        runtime.client.views_publish(user_id=user, view=render.home_view(home))

    def answer_file_shared(ack: Ack, body: dict[str, Any]) -> None:
        try:
            remind_of_hr_system(runtime, body)
        except Exception as error:  # noqa: BLE001 - one handler for every failure
            report(runtime, error, body, notify=False)
        ack()

    app.event("app_mention")(answer_mention)
    app.event("file_shared")(answer_file_shared)
    app.event("message")(answer_direct_message)
    app.event("app_home_opened")(ack=acknowledge, lazy=[publish_home])


def remind_of_hr_system(runtime: SlackRuntime, body: dict[str, Any]) -> None:
    """A file shared in a channel with a procedure: ask the sharer privately to use the HR system instead.

    Nothing about the file is stored; only the delivery id is claimed, so a redelivery asks once.
    """
    event = body.get("event") or {}
    channel, user = str(event.get("channel_id") or ""), str(event.get("user_id") or "")
    if not channel or not user or translate.is_direct_channel(channel):
        return
    application = runtime.application
    with application.store.database.transaction(write=True):
        if application.store.procedure(channel) is None or not runtime.deduper.first_time(body):
            return
        runtime.enqueue([Reply(FILE_SHARED_NOTICE, Audience.REQUESTER, user=user)], Origin(channel, user))
    runtime.after_commit()


def _accept(
    runtime: SlackRuntime, body: dict[str, Any], incoming: Incoming | None, context: BoltContext, *, is_direct: bool
) -> None:
    """Handle a message to the bot before its ack; a failure is reported (and nothing half saved)."""
    if incoming is None:
        return
    origin = Origin(incoming.channel, incoming.user, is_direct=is_direct)
    try:
        refusal = translate.special_role_target(incoming, context.bot_user_id)
        if refusal is not None:
            runtime.tell([refusal], origin)
        else:
            runtime.accept(body, members.with_members(runtime.client, incoming), origin)
    except Exception as error:  # noqa: BLE001 - one handler for every failure
        report(runtime, error, body)
