"""Every chat command is declared once (bot/core/commands.py); help, dispatch and the manifests follow it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.bootstrap import Application
from bot.core.commands import (
    ALIASES,
    CHANNEL_CHECKED,
    COMMANDS,
    DECLARED,
    MEMBERS_NEEDED,
    Run,
    manifest_commands,
    slack_usage_hint,
    split_command,
)
from bot.core.messages import Incoming

ROOT = Path(__file__).resolve().parents[1]
TEAMS_COMMAND_LIMIT = 10  # Teams shows at most ten commands per command list


def test_names_and_aliases_are_unique_and_every_command_can_run() -> None:
    names = [command.name for command in DECLARED]
    assert len(names) == len(set(names)) == len(COMMANDS)
    aliases = [alias for command in DECLARED for alias in command.aliases]
    assert len(aliases) == len(set(aliases)) == len(ALIASES)
    assert not set(aliases) & set(names)
    for command in DECLARED:
        assert command.usage.split()[0] == command.name
        assert command.summary.endswith(".") and command.summary[0].isupper()
        carried_out_by_the_bot = command.run in (Run.CONFIRM, Run.CANCEL)
        assert (command.handler is None) is carried_out_by_the_bot, command.name
        assert not (command.needs_procedure and command.run is not Run.TRANSACTION), command.name


def test_aliases_resolve_to_their_command() -> None:
    for command in DECLARED:
        for alias in command.aliases:
            assert split_command(f"{alias.upper()} 1a mooi") == (command.name, "1a mooi")


def test_the_teams_manifest_lists_the_declared_commands() -> None:
    data = json.loads((ROOT / "teams" / "manifest.json").read_text(encoding="utf-8"))
    lists = data["bots"][0]["commandLists"]
    listed = [(c["title"], c["description"]) for command_list in lists for c in command_list["commands"]]
    assert listed == manifest_commands()
    assert len(listed) == min(TEAMS_COMMAND_LIMIT, len(COMMANDS))
    assert all(0 < len(description) <= 128 for _, description in listed)


def test_the_slack_manifest_hints_the_declared_commands() -> None:
    data = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    (command,) = data["features"]["slash_commands"]
    assert command["usage_hint"] == slack_usage_hint()
    assert all(part.split()[0] in COMMANDS for part in slack_usage_hint().split(" | "))


def test_help_lists_every_declared_command_with_its_help_line(app: Application) -> None:
    now = datetime(2027, 1, 4, 9, tzinfo=UTC)
    text = app.bot.handle(Incoming("console", "C1", "jan", "help", True), now)[0].text
    for command in DECLARED:
        assert f"• `{command.usage}`: {command.summary}" in text
    for command in DECLARED:
        one = app.bot.handle(Incoming("console", "C1", "jan", f"help {command.name}", True), now)[0].text
        assert one == f"`{command.usage}`: {command.summary}"


def test_an_unknown_command_names_every_declared_one(app: Application) -> None:
    now = datetime(2027, 1, 4, 9, tzinfo=UTC)
    text = app.bot.handle(Incoming("console", "C1", "jan", "xyzzyq", True), now)[0].text
    assert text == (
        "De opdracht 'xyzzyq' ken ik niet. Kies uit: "
        + ", ".join(f"`{c.name}`" for c in DECLARED)
        + ". Typ `help` voor uitleg."
    )


def test_the_adapters_check_the_channel_and_its_members_for_the_declared_commands() -> None:
    from bot.adapters.slack import members, privacy
    from bot.adapters.teams import guard

    assert privacy.GUARDED_COMMANDS == guard.GUARDED_COMMANDS == CHANNEL_CHECKED == {"start", "status"}
    assert members.ASKING_COMMANDS == guard.MEMBER_COMMANDS == MEMBERS_NEEDED == {"rol", "bevestig"}
