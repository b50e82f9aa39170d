"""Bot Framework activities as the core's neutral `Incoming`, plus where each answer has to go.

A message counts when it reaches the bot: in a channel or group chat Teams only delivers posts that
@mention the bot, whose own `<at>…</at>` is dropped; in a personal chat every message counts. A message
that starts with a command word (with or without `/werving`, any case) is that command, anything else a
question. Other people's mentions become `<@id>` with the `mentioned.id` of their mention entity, the
form in which the core reads a person. Card clicks (`adaptiveCard/action`, or an Action.Submit `value`
on a message) carry `{"action": …}` data and run as commands of the person who clicked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.commands import ALIASES, COMMANDS
from bot.core.messages import Incoming

PLATFORM = "teams"
COMMAND_PREFIX = "/werving"
CARD_INVOKE = "adaptiveCard/action"
CARD_ACTIONS = {"klaar": "klaar", "stap": "stap"}  # card data action -> chat command with a sub-step id
CHOICE_ACTION = "opdracht"  # a reply's Action: data {"action": "opdracht", "opdracht": "<command>"}
_SUBSTEP = re.compile(r"^(?:[1-9]|10)[a-z]$")
_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?(?:p|div|span|b|i|strong|em|br)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    """Where an activity came from, so that its answers land in the same conversation and thread."""

    service_url: str
    conversation_id: str  # as Teams sent it (a channel thread carries ;messageid=…)
    channel: str  # the procedure's channel: the conversation id without ;messageid=…
    activity_id: str | None
    user: str
    user_name: str
    tenant_id: str | None
    is_direct: bool  # a personal (1:1) chat with the bot
    bot_id: str | None


def channel_id(conversation_id: str) -> str:
    """The channel a conversation belongs to: its id without the `;messageid=…` part."""
    return conversation_id.split(";messageid=", 1)[0]


def origin_of(activity: Mapping[str, Any]) -> Origin | None:
    """The activity's origin, or None when it lacks a serviceUrl, conversation or sender."""
    conversation = _dict(activity.get("conversation"))
    sender = _dict(activity.get("from"))
    service_url = str(activity.get("serviceUrl") or "")
    conversation_id = str(conversation.get("id") or "")
    user = str(sender.get("id") or "")
    if not service_url or not conversation_id or not user:
        return None
    channel_data = _dict(activity.get("channelData"))
    team_channel = str(_dict(channel_data.get("channel")).get("id") or "")
    tenant = _dict(channel_data.get("tenant")).get("id") or conversation.get("tenantId")
    return Origin(
        service_url=service_url,
        conversation_id=conversation_id,
        channel=team_channel or channel_id(conversation_id),
        activity_id=str(activity["id"]) if activity.get("id") else None,
        user=user,
        user_name=str(sender.get("name") or ""),
        tenant_id=str(tenant) if tenant else None,
        is_direct=conversation.get("conversationType") == "personal",
        bot_id=str(_dict(activity.get("recipient")).get("id") or "") or None,
    )


def delivery_id(activity: Mapping[str, Any]) -> str | None:
    """The key that is the same in every delivery of this activity: conversation id and activity id."""
    conversation_id = _dict(activity.get("conversation")).get("id")
    if not activity.get("id") or not conversation_id:
        return None
    return f"{conversation_id}|{activity['id']}"


def mentioned_people(activity: Mapping[str, Any], bot_id: str | None) -> dict[str, str]:
    """Everyone the activity @mentions except the bot, as id -> display name."""
    people: dict[str, str] = {}
    for entity in activity.get("entities") or []:
        if not isinstance(entity, Mapping) or entity.get("type") != "mention":
            continue
        mentioned = _dict(entity.get("mentioned"))
        person = str(mentioned.get("id") or "")
        if person and person != bot_id:
            people[person] = str(mentioned.get("name") or "")
    return people


def to_incoming(activity: Mapping[str, Any], origin: Origin) -> Incoming | None:
    """The command or question an activity stands for, or None when it asks nothing of the bot."""
    kind = activity.get("type")
    if kind == "invoke":
        if activity.get("name") != CARD_INVOKE:
            return None
        action = _dict(_dict(activity.get("value")).get("action"))
        data = dict(_dict(action.get("data")))
        data.setdefault("action", action.get("verb"))
        return _card_command(data, origin)
    if kind != "message":
        return None
    value = activity.get("value")
    if isinstance(value, Mapping) and value.get("action"):
        return _card_command(value, origin)
    text = message_text(activity, origin.bot_id)
    if not text:
        return _incoming(origin, "help", is_command=True)
    words = text.split(None, 1)
    first = words[0].lower()
    if first == COMMAND_PREFIX:
        return _incoming(origin, words[1] if len(words) > 1 else "help", is_command=True)
    name = first.lstrip("/")
    if name in COMMANDS or name in ALIASES:
        return _incoming(origin, text, is_command=True)
    return _incoming(origin, text, is_command=False)


def message_text(activity: Mapping[str, Any], bot_id: str | None) -> str:
    """The typed text: the bot's own mention dropped, other mentions as `<@id>`, Teams' entities undone."""
    raw = str(activity.get("text") or "")
    by_text: dict[str, str] = {}
    for entity in activity.get("entities") or []:
        if isinstance(entity, Mapping) and entity.get("type") == "mention":
            mentioned = _dict(entity.get("mentioned"))
            tag = str(entity.get("text") or "")
            if tag and mentioned.get("id"):
                by_text.setdefault(tag.lower(), str(mentioned["id"]))
    bot_name = str(_dict(activity.get("recipient")).get("name") or "").strip().lower()
    parts: list[str] = []
    position = 0
    for match in _AT.finditer(raw):
        before = _plain(raw[position : match.start()])
        parts.append(before)
        person = by_text.get(match.group(0).lower())
        if person and person != bot_id:
            parts.append(f" <@{person}> ")
        elif person is None:
            # no entity for this mention: the bot's own when it carries the bot's name or opens the message
            name = _plain(match.group(1))
            opening = position == 0 and not before.strip()
            if not (opening or (bot_name and name.strip().lower() == bot_name)):
                parts.append(name)
        position = match.end()
    parts.append(_plain(raw[position:]))
    return " ".join("".join(parts).split())


def _plain(fragment: str) -> str:
    """Typed text without Teams' HTML wrapping; a typed `<@…>` stays harmless text for the core to escape."""
    text = html.unescape(_TAG.sub(" ", fragment))
    return text.replace("<@", "‹@")


def _card_command(data: Mapping[str, Any], origin: Origin) -> Incoming | None:
    action = str(data.get("action") or "")
    if action in CARD_ACTIONS:
        step = str(data.get("stap") or "").strip().lower()
        if not _SUBSTEP.match(step):
            return None
        return _incoming(origin, f"{CARD_ACTIONS[action]} {step}", is_command=True)
    if action == CHOICE_ACTION:
        command = " ".join(str(data.get(CHOICE_ACTION) or "").split())
        return _incoming(origin, command, is_command=True) if command else None
    return None


def _incoming(origin: Origin, text: str, *, is_command: bool) -> Incoming:
    return Incoming(
        platform=PLATFORM,
        channel=origin.channel,
        user=origin.user,
        text=text,
        is_command=is_command,
        user_name=origin.user_name,
        is_direct=origin.is_direct,
    )


def _dict(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
