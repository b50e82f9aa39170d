"""The channel guard: asks Slack whether a channel is private and unshared, failing closed.

The core turns the answer into a warning; this module only makes sure that anything short of a clear
"private, not shared outside the organisation" counts as not checked or not safe.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.core.commands import CHANNEL_CHECKED, split_command
from bot.core.messages import Audience, ChannelPrivacy, Incoming, Reply
from bot.core.ports import Store
from bot.core.privacy import privacy_warning

log = logging.getLogger(__name__)

REQUIRED_FIELDS = ("is_private", "is_shared", "is_ext_shared", "is_org_shared")
GUARDED_COMMANDS = CHANNEL_CHECKED  # start and status


def needs_check(command_text: str) -> bool:
    """True for the commands whose answer carries the channel warning (`start`, `status`)."""
    name, _ = split_command(command_text)
    return name in GUARDED_COMMANDS


def privacy_from_info(channel: Mapping[str, Any] | None) -> ChannelPrivacy:
    """ChannelPrivacy from the `channel` object of conversations.info; a missing field means unchecked."""
    if not isinstance(channel, Mapping):
        return ChannelPrivacy(checked=False)
    values = {name: channel.get(name) for name in REQUIRED_FIELDS}
    if any(not isinstance(value, bool) for value in values.values()):
        return ChannelPrivacy(checked=False)
    # Shared inside one Enterprise Grid organisation is still the own organisation; any other sharing
    # (Slack Connect, or an invitation to it that is still pending) is outside.
    outside = (
        values["is_ext_shared"]
        or channel.get("is_pending_ext_shared") is True
        or (values["is_shared"] and not values["is_org_shared"])
    )
    return ChannelPrivacy(checked=True, private=bool(values["is_private"]), shared_externally=bool(outside))


def check_channel(client: WebClient, channel: str) -> ChannelPrivacy:
    """Ask Slack about `channel`; any failure (API error, network, odd answer) counts as unchecked."""
    try:
        response = client.conversations_info(channel=channel)
    except Exception as exc:  # noqa: BLE001 - fail closed on every kind of failure
        log.warning("Kanaalcontrole mislukt voor %s: %s", channel, _describe(exc))
        return ChannelPrivacy(checked=False)
    data = response.data if isinstance(response.data, Mapping) else {}
    return privacy_from_info(data.get("channel"))


def _describe(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    code = response.get("error") if response is not None and hasattr(response, "get") else None
    return f"{type(exc).__name__}" + (f" ({code})" if code else "")


def warning_reply(incoming: Incoming, checked: ChannelPrivacy, store: Store, now: datetime) -> Reply | None:
    """The channel warning that follows a `start` (in the channel) or a `status` (to the requester).

    Only after a `start` that just opened a procedure by this person, or a `status` of a running one:
    a refused command gets no warning.
    """
    warning = privacy_warning(checked)
    if warning is None or incoming.is_direct:
        return None
    name, _ = split_command(incoming.text)
    state = store.procedure(incoming.channel)
    if state is None:
        return None
    if name == "start":
        fresh = state.created_by == incoming.user and now - state.created_at <= timedelta(minutes=2)
        return Reply(warning, Audience.CHANNEL) if fresh else None
    if name == "status":
        return Reply(warning, Audience.REQUESTER, user=incoming.user)
    return None
