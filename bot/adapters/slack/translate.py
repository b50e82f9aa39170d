"""Slack payloads (slash command, events, button clicks) as the core's neutral `Incoming`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.adapters.slack.render import ACTION_CHOICE, ACTION_COMMANDS
from bot.core.commands import split_command
from bot.core.messages import Audience, ChannelPrivacy, Incoming, Reply

PLATFORM = "slack"
HELP = "help"
SPECIAL_MENTIONS = frozenset({"channel", "here", "everyone", "kanaal", "iedereen"})
_SUBSTEP_VALUE = re.compile(r"^(?:[1-9]|10)[a-z]$")
_CHOICE_ID = re.compile(rf"^{ACTION_CHOICE}_\d+$")


def unescape(text: str) -> str:
    """Undo Slack's &amp; &lt; &gt; in typed text; mentions (<@U…|naam>) stay as Slack sent them.

    The core escapes whatever it echoes, so passing Slack's entities on would show them doubled.
    """
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def is_direct_channel(channel: str) -> bool:
    """True for a direct-message channel (ids start with D)."""
    return channel.startswith("D")


def from_command(body: Mapping[str, Any], privacy: ChannelPrivacy | None = None) -> Incoming | None:
    """The slash command `/werving <text>`; None when the channel or the user is missing."""
    channel, user = str(body.get("channel_id") or "").strip(), str(body.get("user_id") or "").strip()
    if not channel or not user:
        return None
    return Incoming(
        platform=PLATFORM,
        channel=channel,
        user=user,
        text=unescape(str(body.get("text") or "")),
        is_command=True,
        user_name=str(body.get("user_name") or ""),
        is_direct=is_direct_channel(channel) or body.get("channel_name") == "directmessage",
        channel_privacy=privacy,
    )


def special_role_target(incoming: Incoming, bot_user_id: str | None) -> Reply | None:
    """A refusal when `rol` names @channel, @here, @everyone, a user group or the bot itself; else None."""
    name, args = split_command(incoming.text)
    if name != "rol" or not args.split():
        return None
    target = args.split()[0]
    plain = target.lstrip("@").lower()
    special = target.startswith("<!") or plain in SPECIAL_MENTIONS
    itself = bool(bot_user_id) and re.fullmatch(rf"<@{re.escape(str(bot_user_id))}(?:\|[^>]*)?>", target) is not None
    if not (special or itself):
        return None
    return Reply(
        "Een rol is voor één persoon. @channel, @here, @everyone, een groep en de bot zelf kunnen geen rol krijgen; "
        "noem iemand met @, bijvoorbeeld `rol @piet burgemeester`. Er is niets veranderd.",
        Audience.REQUESTER,
        user=incoming.user,
        thread=incoming.thread,
    )


def from_mention(event: Mapping[str, Any], bot_user_id: str | None) -> Incoming | None:
    """A message that mentions the bot: a question (without the mention); a bare mention asks for help."""
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    if not channel or not user or is_direct_channel(channel) or event.get("bot_id"):
        return None  # direct messages arrive as message.im as well; bots do not ask questions
    text = str(event.get("text") or "")
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    text = " ".join(unescape(text).split())
    thread = event.get("thread_ts")
    if not text:
        return Incoming(PLATFORM, channel, user, HELP, is_command=True, thread=thread)
    return Incoming(PLATFORM, channel, user, text, is_command=False, thread=thread)


def from_direct_message(event: Mapping[str, Any]) -> Incoming | None:
    """A person's own new message in a direct conversation with the bot; anything else is None."""
    if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
        return None  # edits, deletions, joins and bot messages are not questions
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    text = " ".join(unescape(str(event.get("text") or "")).split())
    if not channel or not user or not text:
        return None
    return Incoming(PLATFORM, channel, user, text, is_command=False, is_direct=True, thread=event.get("thread_ts"))


def from_action(body: Mapping[str, Any], action: Mapping[str, Any]) -> Incoming | None:
    """A button click as the command it stands for (`klaar 1a`, `stap 1a`, a choice); None when it is not ours.

    A choice button carries its command as value; it runs as the person who clicked, through the
    same checks as a typed command, so a crafted value can do no more than typing it could.
    """
    action_id = str(action.get("action_id", ""))
    value = str(action.get("value") or "")
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    user = (body.get("user") or {}).get("id")
    if not channel or not user:
        return None
    if _CHOICE_ID.match(action_id):
        text = " ".join(value.split())
        if not text:
            return None
    else:
        command = ACTION_COMMANDS.get(action_id)
        if command is None or not _SUBSTEP_VALUE.match(value):
            return None
        text = f"{command} {value}"
    return Incoming(
        platform=PLATFORM,
        channel=str(channel),
        user=str(user),
        text=text,
        is_command=True,
        user_name=str((body.get("user") or {}).get("username") or ""),
        is_direct=is_direct_channel(str(channel)),
    )
