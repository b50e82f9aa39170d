"""Neutral choices (Action) under a reply: rendered per platform, and a click turned back into its command."""

from __future__ import annotations

from bot.adapters.console import render
from bot.adapters.slack import render as slack_render
from bot.adapters.slack import translate
from bot.core.messages import Action, Audience, Reply

REPLY = Reply(
    "Bedoel je een van deze onderwerpen?",
    Audience.REQUESTER,
    user="U1",
    actions=(
        Action("De rol van de OR", "vraag rol van de OR", primary=True),
        Action("Interne kandidaten", "vraag interne kandidaten"),
    ),
)


def test_console_numbers_the_choices() -> None:
    text = render(REPLY)
    assert "[1] De rol van de OR" in text
    assert "[2] Interne kandidaten" in text
    assert "nummer" in text


def test_slack_renders_choices_as_buttons_carrying_their_command() -> None:
    body = slack_render.message(REPLY)
    block = body["blocks"][-1]
    assert block["type"] == "actions"
    values = [(e["action_id"], e["value"], e.get("style")) for e in block["elements"]]
    assert values == [
        ("werving_keuze_0", "vraag rol van de OR", "primary"),
        ("werving_keuze_1", "vraag interne kandidaten", None),
    ]


def test_a_click_on_a_choice_runs_its_command_as_the_clicker() -> None:
    body = {"type": "block_actions", "channel": {"id": "C1"}, "user": {"id": "U9", "username": "els"}}
    incoming = translate.from_action(body, {"action_id": "werving_keuze_1", "value": "vraag  interne kandidaten"})
    assert incoming is not None
    assert (incoming.channel, incoming.user, incoming.text, incoming.is_command) == (
        "C1",
        "U9",
        "vraag interne kandidaten",
        True,
    )


def test_foreign_or_empty_choices_are_ignored() -> None:
    body = {"type": "block_actions", "channel": {"id": "C1"}, "user": {"id": "U9"}}
    assert translate.from_action(body, {"action_id": "werving_keuze_x", "value": "klaar 1a"}) is None
    assert translate.from_action(body, {"action_id": "werving_keuze_0", "value": "   "}) is None
    assert translate.from_action({"type": "block_actions"}, {"action_id": "werving_keuze_0", "value": "status"}) is None
