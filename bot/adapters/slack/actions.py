"""Buttons: `Afvinken` and `Uitleg` stand for `klaar <id>` and `stap <id>`; a reply's choices for their command."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App

from bot.adapters.slack import members, translate
from bot.adapters.slack.errors import report
from bot.adapters.slack.render import ACTION_CHOICE, ACTION_COMMANDS
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to the buttons the renderer puts under a status and a sub-step; a click is saved before its ack."""

    def click(ack: Ack, body: dict[str, Any]) -> None:
        actions = body.get("actions") or []
        incoming = translate.from_action(body, actions[0]) if actions else None
        if incoming is not None:
            origin = Origin(incoming.channel, incoming.user, body.get("response_url"), is_direct=incoming.is_direct)
            try:
                runtime.accept(body, members.with_members(runtime.client, incoming), origin)
            except Exception as error:  # noqa: BLE001 - one handler for every failure
                report(runtime, error, body)
        ack()

    for action_id in ACTION_COMMANDS:
        app.action(action_id)(click)
    app.action(re.compile(rf"^{ACTION_CHOICE}_\d+$"))(click)
