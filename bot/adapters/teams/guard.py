"""The channel guard for Teams: is this conversation closed to guests and people from other organisations?

Asked for `start` and `status` in a team channel or group chat. A standard channel is open to the whole
team, so a team with guests or members from another tenant gets the same warning as a public Slack
channel; a private channel or group chat with such members counts as shared outside the organisation;
a shared channel always does. Anything short of a clear answer (a failed or odd member list) counts as
not checked, which the core also warns about: the guard fails closed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import httpx

from bot.adapters.teams.connector import Connector, ConnectorError
from bot.adapters.teams.translate import Origin
from bot.core.commands import split_command
from bot.core.messages import ChannelPrivacy

log = logging.getLogger(__name__)

GUARDED_COMMANDS = frozenset({"start", "status"})
MEMBER_ROLE = "user"  # Teams' userRole for a member of the own organisation ("guest", "anonymous" otherwise)


def needs_check(command_text: str, origin: Origin) -> bool:
    """True for `start` and `status` outside a personal chat."""
    return not origin.is_direct and split_command(command_text)[0] in GUARDED_COMMANDS


def check(connector: Connector, activity: Mapping[str, Any], origin: Origin) -> ChannelPrivacy:
    """Ask the Bot Connector who can read this conversation; any failure counts as not checked."""
    channel_data = activity.get("channelData")
    channel_data = channel_data if isinstance(channel_data, Mapping) else {}
    channel = channel_data.get("channel") if isinstance(channel_data.get("channel"), Mapping) else None
    team = channel_data.get("team") if isinstance(channel_data.get("team"), Mapping) else None
    kind = str(channel.get("type") or "standard") if channel else None
    try:
        if channel is None:  # a group chat: its own members
            return _privacy(connector.members(origin.service_url, origin.channel), origin, private=True)
        if kind == "shared":
            return ChannelPrivacy(checked=True, private=True, shared_externally=True)
        if kind == "private":
            return _privacy(connector.members(origin.service_url, origin.channel), origin, private=True)
        team_id = str(team.get("id") or "") if team else ""
        if not team_id:
            return ChannelPrivacy(checked=False)
        return _privacy(connector.members(origin.service_url, team_id), origin, private=False)
    except (ConnectorError, httpx.HTTPError, OSError, ValueError) as err:
        log.warning("Kanaalcontrole in Teams mislukt: %s", err)
        return ChannelPrivacy(checked=False)


MEMBER_COMMANDS = frozenset({"rol", "bevestig"})


def needs_members(command_text: str, origin: Origin) -> bool:
    """True for `rol` and `bevestig` (which may run a pending `rol`) outside a personal chat."""
    return not origin.is_direct and split_command(command_text)[0] in MEMBER_COMMANDS


def members(connector: Connector, activity: Mapping[str, Any], origin: Origin) -> frozenset[str] | None:
    """The ids of who can read this conversation (a group chat's or private channel's members, else the
    team's), as mentions carry them; None when the Bot Connector did not answer clearly."""
    channel_data = activity.get("channelData")
    channel_data = channel_data if isinstance(channel_data, Mapping) else {}
    channel = channel_data.get("channel") if isinstance(channel_data.get("channel"), Mapping) else None
    team = channel_data.get("team") if isinstance(channel_data.get("team"), Mapping) else None
    kind = str(channel.get("type") or "standard") if channel else None
    team_id = str(team.get("id") or "") if team else ""
    conversation = origin.channel if channel is None or kind != "standard" or not team_id else team_id
    try:
        found = connector.members(origin.service_url, conversation)
    except (ConnectorError, httpx.HTTPError, OSError, ValueError) as err:
        log.warning("Ledenlijst in Teams niet opgehaald: %s", err)
        return None
    ids = [member.get("id") for member in found]
    if not ids or any(not isinstance(member_id, str) or not member_id for member_id in ids):
        return None
    return frozenset(ids)  # type: ignore[arg-type]


def _privacy(members: list[dict[str, Any]], origin: Origin, *, private: bool) -> ChannelPrivacy:
    """Closed when every member is a member of the own tenant; a standard channel with others is 'public'."""
    if not members:
        return ChannelPrivacy(checked=False)
    roles = [member.get("userRole") for member in members]
    if any(not isinstance(role, str) for role in roles):
        return ChannelPrivacy(checked=False)
    outside = any(role != MEMBER_ROLE for role in roles) or any(
        member.get("tenantId") and origin.tenant_id and member["tenantId"] != origin.tenant_id for member in members
    )
    if not outside:
        return ChannelPrivacy(checked=True, private=True)
    if private:
        return ChannelPrivacy(checked=True, private=True, shared_externally=True)
    return ChannelPrivacy(checked=True, private=False)
