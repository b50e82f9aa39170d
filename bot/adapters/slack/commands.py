"""The slash command `/werving`: saved before it is acknowledged, answered through the outbox.

The acknowledgement handles the command (milliseconds of core work and one commit); only then does
Slack get its 200. When saving fails, the ack itself tells the requester that nothing was saved. The
channel check of `start` and `status` asks Slack, which can be slow: it runs after the ack and adds
its warning as a reply of its own, so it never holds up the save.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.adapters.slack import members, privacy, translate
from bot.adapters.slack.errors import NOT_SAVED, report, reported
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin

log = logging.getLogger(__name__)

COMMAND = "/werving"
INCOMPLETE = "Dit verzoek mist het kanaal of de afzender; ik heb er niets mee gedaan."


def register(app: App, runtime: SlackRuntime) -> None:
    """Listen to `/werving` with every subcommand."""

    def acknowledge(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
        incoming = translate.from_command(body)
        if incoming is None:
            log.warning("Slash-opdracht zonder kanaal of gebruiker genegeerd")
            ack(text=INCOMPLETE)
            return
        origin = Origin(
            incoming.channel, incoming.user, body.get("response_url"), via_command=True, is_direct=incoming.is_direct
        )
        refusal = translate.special_role_target(incoming, context.bot_user_id)
        try:
            if refusal is not None:
                runtime.tell([refusal], origin)
            else:
                runtime.accept(body, members.with_members(runtime.client, incoming), origin)
        except Exception as error:  # noqa: BLE001 - not saved: say so in the ack itself
            report(runtime, error, body, notify=False)
            ack(text=NOT_SAVED)
            return
        ack()  # within Slack's 3 seconds, after the commit

    @reported(runtime)
    def warn_about_channel(body: dict[str, Any]) -> None:
        incoming = translate.from_command(body)
        if incoming is None or not privacy.needs_check(incoming.text):
            return
        checked = privacy.check_channel(runtime.client, incoming.channel)
        warning = privacy.warning_reply(incoming, checked, runtime.application.store, runtime.application.clock())
        if warning is not None:
            origin = Origin(incoming.channel, incoming.user, body.get("response_url"), via_command=True)
            runtime.tell([warning], origin)

    app.command(COMMAND)(ack=acknowledge, lazy=[warn_about_channel])
