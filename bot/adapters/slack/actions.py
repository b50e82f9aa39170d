"""Buttons: `Afvinken` and `Uitleg` stand for `klaar <id>` and `stap <id>`; a reply's choices for their command."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App

from bot.adapters.slack import translate
from bot.adapters.slack.errors import reported
from bot.adapters.slack.render import ACTION_CHOICE, ACTION_COMMANDS
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to the buttons the renderer puts under a status and a sub-step."""

    def acknowledge(ack: Ack) -> None:
        ack()

    @reported(runtime)
    def run_button(body: dict[str, Any]) -> None:
        actions = body.get("actions") or []
        incoming = translate.from_action(body, actions[0]) if actions else None
        if incoming is None or not runtime.deduper.first_time(body):
            return
        origin = Origin(incoming.channel, incoming.user, body.get("response_url"), is_direct=incoming.is_direct)
        runtime.sender.deliver(runtime.handle(incoming), origin)

    for action_id in ACTION_COMMANDS:
        app.action(action_id)(ack=acknowledge, lazy=[run_button])
    app.action(re.compile(rf"^{ACTION_CHOICE}_\d+$"))(ack=acknowledge, lazy=[run_button])
