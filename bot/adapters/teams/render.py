"""The core's neutral replies as Teams activities: markdown text with mention entities, or Adaptive Cards.

Core text is Slack-flavoured: `*bold*` becomes `**bold**`, `<@id>` becomes `<at>Naam</at>` with a
`mention` entity (plain names inside cards). In a text message the escapes `&amp; &lt; &gt;` stay
entities, so nothing a user typed turns into markup; card text is never HTML, so there they are undone.
A status becomes a card with, per next open sub-step, an `Action.Execute` tick button (verb `klaar`,
data `{"action": "klaar", "stap": id}`) and an explain button; a reply's actions become
`Action.Execute` buttons that run their command as the person who clicks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.content.plan import Plan
from bot.core.messages import Action, Attachment, Reply
from bot.core.state import Status
from bot.core.views import StatusView, StepView, SubstepLine

CARD_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.4"  # the first version with Action.Execute
TEXT_LIMIT = 20_000
MAX_CHOICES = 6
BAR_WIDTH = 10
MARK = {Status.OPEN: "☐", Status.DONE: "✅", Status.SKIPPED: "➖"}
_MENTION = re.compile(r"<@([^>|\s]+)(?:\|([^>]*))?>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")

Activity = dict[str, Any]


def mention_ids(text: str) -> list[str]:
    """The ids of the people a reply's text mentions."""
    return [match.group(1) for match in _MENTION.finditer(text)]


def to_markdown(text: str, names: Mapping[str, str], entities: list[dict[str, Any]] | None = None) -> str:
    """Core text as Teams markdown; with `entities`, mentions become `<at>` tags and entities are added."""

    def mention(match: re.Match[str]) -> str:
        person = match.group(1)
        name = (names.get(person) or match.group(2) or "collega").replace("<", "").replace(">", "")
        if entities is None:
            return name
        tag = f"<at>{name}</at>"
        entities.append({"type": "mention", "text": tag, "mentioned": {"id": person, "name": name}})
        return tag

    converted = _BOLD.sub(r"**\1**", text)
    converted = _MENTION.sub(mention, converted)
    return converted if len(converted) <= TEXT_LIMIT else converted[: TEXT_LIMIT - 1] + "…"


def file_hint(attachment: Attachment) -> str:
    """Teams cannot take the file from the bot (a channel upload needs Graph permissions): where to get it."""
    return (
        f"In Teams kan ik het bestand {attachment.filename} niet in het kanaal zetten. "
        f"De beheerder van de bot maakt het met `{attachment.command}`."
    )


def activity(reply: Reply, plan: Plan | None, names: Mapping[str, str]) -> Activity:
    """One reply as a message activity: a card for a status, a sub-step or choices, text otherwise."""
    if reply.attachments:
        reply = replace(reply, text="\n\n".join([reply.text, *(file_hint(a) for a in reply.attachments)]))
    if isinstance(reply.view, StatusView):
        return card_activity(status_card(reply.view, plan), plain_summary(reply, names, 200))
    if isinstance(reply.view, StepView) or reply.actions:
        return card_activity(text_card(reply, names), plain_summary(reply, names, 200))
    entities: list[dict[str, Any]] = []
    text = to_markdown(reply.text, names, entities)
    message: Activity = {"type": "message", "textFormat": "markdown", "text": text}
    if entities:
        message["entities"] = entities
    return message


def has_buttons(reply: Reply) -> bool:
    """True when the reply becomes a card with buttons (a status, a sub-step, choices): they act in its channel."""
    return bool(reply.actions) or isinstance(reply.view, StatusView | StepView)


def card_activity(card: dict[str, Any], summary: str) -> Activity:
    """A message that carries one Adaptive Card (with the text as notification summary)."""
    return {
        "type": "message",
        "summary": summary[:200],
        "attachments": [{"contentType": CARD_TYPE, "content": card}],
    }


def status_card(view: StatusView, plan: Plan | None) -> dict[str, Any]:
    """Progress per phase and each next sub-step with an explain (`stap`) button; tick (`klaar`) buttons below."""
    title = f"Procedure gemeentesecretaris {_card_safe(view.municipality)}"
    body: list[dict[str, Any]] = [_text(title, size="Large", bold=True)]
    school = plan.school(view.school) if plan and view.school else None
    choose = "School: nog niet gekozen (`school zuiver|breed|tussen`)"
    body.append(_text(f"School: {school.name}" if school else choose))
    for phase in view.phases:
        filled = round(BAR_WIDTH * phase.done / phase.total) if phase.total else BAR_WIDTH
        bar = "▰" * filled + "▱" * (BAR_WIDTH - filled)
        body.append(
            _text(f"**Fase {phase.phase} {_card_safe(phase.title)}**\n\n{bar} {phase.done} van {phase.total} afgerond")
        )
    if view.complete or not view.next:
        body.append(_text("Alle substappen zijn afgerond of overgeslagen. Sluit af met `afsluiten`."))
    else:
        body.append(_text("**Wat komt er nu**", separator=True))
        for line in view.next:
            body.append(_text(_substep_text(line, plan)))
            explain = _execute(f"Uitleg {line.id}", "stap", {"action": "stap", "stap": line.id})
            body.append({"type": "ActionSet", "actions": [explain]})
    if view.skipped:
        body.append(_text("Overgeslagen: " + ", ".join(line.id for line in view.skipped), subtle=True))
    ticks = [tick_action(line.id, f"{line.id} afvinken") for line in view.next[:MAX_CHOICES]]
    return _card(body, ticks if not view.complete else None)


def text_card(reply: Reply, names: Mapping[str, str]) -> dict[str, Any]:
    """A reply's text in a card, with a tick button for an open sub-step and its choices as buttons."""
    body: list[dict[str, Any]] = [_text(_card_safe(to_markdown(reply.text, names)))]
    actions: list[dict[str, Any]] = []
    if isinstance(reply.view, StepView) and reply.view.status is Status.OPEN:
        actions.append(tick_action(reply.view.id, f"{reply.view.id} afvinken"))
    actions.extend(choice_action(action) for action in reply.actions[:MAX_CHOICES])
    return _card(body, actions)


def tick_action(step: str, title: str = "Afvinken") -> dict[str, Any]:
    """The button that ticks a sub-step off."""
    return _execute(title, "klaar", {"action": "klaar", "stap": step}, positive=True)


def choice_action(action: Action) -> dict[str, Any]:
    """A reply's choice: clicking it runs `action.command` as the person who clicked."""
    return _execute(action.label, "opdracht", {"action": "opdracht", "opdracht": action.command}, action.primary)


def plain_summary(reply: Reply, names: Mapping[str, str], limit: int = 1000) -> str:
    """A reply as short plain text (the value of a card click's answer)."""
    text = _card_safe(to_markdown(reply.text, names).replace("**", ""))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _substep_text(line: SubstepLine, plan: Plan | None) -> str:
    text = f"{MARK[line.status]} **{line.id}** {_card_safe(line.title)}"
    sub = plan.substep(line.id) if plan else None
    if plan is not None and sub is not None and sub.acts:
        text += "\n\nAan zet: " + ", ".join(_card_safe(plan.role_by_id(r).name) for r in sub.acts)
    return text


def _card_safe(text: str) -> str:
    """Card text is never HTML: show characters as they are (the core's entities undone), markup-free."""
    return html.unescape(text)


def _execute(title: str, verb: str, data: dict[str, Any], positive: bool = False) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "Action.Execute", "title": title[:80], "verb": verb, "data": data}
    if positive:
        action["style"] = "positive"
    return action


def _text(
    text: str, *, size: str | None = None, bold: bool = False, separator: bool = False, subtle: bool = False
) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "TextBlock", "text": text, "wrap": True}
    if size:
        block["size"] = size
    if bold:
        block["weight"] = "Bolder"
    if separator:
        block["separator"] = True
    if subtle:
        block["isSubtle"] = True
    return block


def _card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        card["actions"] = actions
    return card
