"""slack/manifest.yaml and the code agree: events, command, interactivity and exactly the scopes used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from slack_sdk import WebClient

from bot.adapters.slack import app as slack_app
from bot.adapters.slack.commands import COMMAND
from bot.adapters.slack.events import SUBSCRIPTIONS

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
SOURCES = sorted((ROOT / "bot" / "adapters" / "slack").glob("*.py"))

# Bot-token scopes each Web API method needs (https://api.slack.com/methods); conversations.info needs
# the read scope of every kind of conversation the command can be used in.
METHOD_SCOPES: dict[str, set[str]] = {
    "auth_test": set(),
    "chat_postMessage": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "conversations_info": {"channels:read", "groups:read", "im:read", "mpim:read"},
    "conversations_members": {"channels:read", "groups:read", "im:read", "mpim:read"},
    "conversations_open": {"im:write"},
    "views_publish": set(),
    "files_upload_v2": {"files:write"},
}
EVENT_SCOPES = {
    "app_mention": {"app_mentions:read"},
    "message.im": {"im:history"},
    "app_home_opened": set(),
    "file_shared": {"files:read"},
}


class Registrations:
    """Stands in for the Bolt app while the register() functions run, noting what they listen to."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.commands: list[str] = []
        self.actions: list[str] = []
        self.error_handlers = 0

    def _accept(self, kind: list[str], name: str) -> Any:
        kind.append(name)
        return lambda *args, **kwargs: None

    def event(self, name: str) -> Any:
        return self._accept(self.events, name)

    def command(self, name: str) -> Any:
        return self._accept(self.commands, name)

    def action(self, name: str) -> Any:
        return self._accept(self.actions, name)

    def error(self, func: Any) -> Any:
        self.error_handlers += 1
        return func


def registrations() -> Registrations:
    spy = Registrations()
    for group in slack_app.LISTENER_GROUPS:
        group.register(spy, runtime=None)  # registering only closes over the runtime
    return spy


def web_api_methods_in_code() -> set[str]:
    api = {name for name in vars(WebClient) if not name.startswith("_") and name != "api_call"}
    found = set()
    for path in SOURCES:
        found |= {name for name in re.findall(r"\.(\w+)\(", path.read_text(encoding="utf-8")) if name in api}
    return found


def test_every_subscribed_event_has_a_listener_and_every_listener_a_subscription():
    spy = registrations()
    subscribed = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert subscribed == set(SUBSCRIPTIONS)
    assert sorted(spy.events) == sorted(SUBSCRIPTIONS[e] for e in subscribed)


def test_the_slash_command_matches_and_escapes_mentions():
    spy = registrations()
    commands = MANIFEST["features"]["slash_commands"]
    assert [c["command"] for c in commands] == spy.commands == [COMMAND]
    assert commands[0]["should_escape"] is True


def test_interactivity_app_home_and_error_handler():
    spy = registrations()
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is bool(spy.actions)
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is ("app_home_opened" in spy.events)
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True  # direct messages are questions
    assert spy.error_handlers == 1


def test_scopes_are_exactly_what_the_code_uses():
    methods = web_api_methods_in_code()
    assert methods, "no Web API calls found: the scan is broken"
    unknown = methods - set(METHOD_SCOPES)
    assert not unknown, f"add the scopes of {unknown} to METHOD_SCOPES and the manifest"
    needed = {"commands"}
    for method in methods:
        needed |= METHOD_SCOPES[method]
    for event in MANIFEST["settings"]["event_subscriptions"]["bot_events"]:
        needed |= EVENT_SCOPES[event]
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed
    assert "user" not in MANIFEST["oauth_config"]["scopes"]  # the bot never acts as a person
