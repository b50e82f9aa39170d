"""Who is in the channel, for `rol`: roles go only to members. Asked of Slack.

Only `rol` and `bevestig` (which may run a pending `rol`) ask; every other command goes without.
An API error, a network failure or an odd answer marks the members as unknown: the core then gives
the role with a private warning to check membership, so an outage does not block the committee.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from slack_sdk import WebClient

from bot.core.commands import MEMBERS_NEEDED, split_command
from bot.core.messages import Incoming

log = logging.getLogger(__name__)

ASKING_COMMANDS = MEMBERS_NEEDED  # rol, and bevestig (which may run a pending rol)
PAGE_SIZE = 200
MAX_PAGES = 100  # 20,000 members: far beyond a committee's channel; a longer list counts as unknown


def needs_members(incoming: Incoming) -> bool:
    """True for `rol` and `bevestig` outside a direct message."""
    return not incoming.is_direct and split_command(incoming.text)[0] in ASKING_COMMANDS


def channel_members(client: WebClient, channel: str) -> frozenset[str] | None:
    """Every member id of the channel, page by page; None when Slack did not answer completely."""
    members: set[str] = set()
    cursor = ""
    try:
        for _ in range(MAX_PAGES):
            response = client.conversations_members(channel=channel, limit=PAGE_SIZE, cursor=cursor or None)
            page = response.get("members")
            if not isinstance(page, list) or not all(isinstance(m, str) for m in page):
                return None
            members.update(page)
            cursor = str((response.get("response_metadata") or {}).get("next_cursor") or "")
            if not cursor:
                return frozenset(members)
    except Exception as exc:  # noqa: BLE001 - every kind of failure makes the members unknown
        log.warning("Ledenlijst van %s niet opgehaald: %s", channel, type(exc).__name__)
    return None


def with_members(client: WebClient, incoming: Incoming) -> Incoming:
    """The incoming command with the channel's members filled in where `rol` needs them."""
    if not needs_members(incoming):
        return incoming
    members = channel_members(client, incoming.channel)
    if members is None:
        return replace(incoming, members_failed=True)
    return replace(incoming, members=members)
