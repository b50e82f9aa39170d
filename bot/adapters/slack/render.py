"""All Block Kit of the Slack adapter: replies, status with buttons, sub-step explanations, App Home.

Text fields follow Slack's limits (a section holds at most 3000 characters, a message 50 blocks).
User-typed values that reach mrkdwn are escaped here; the core's reply text is already escaped.
"""

from __future__ import annotations

from typing import Any

from bot.content.plan import Plan
from bot.core.messages import Action, Reply
from bot.core.planning.dates import short_label
from bot.core.state import Status
from bot.core.text import escape
from bot.core.views import HomeEntry, HomeView, StatusView, StepView, SubstepLine

Block = dict[str, Any]

ACTION_TICK = "werving_klaar"
ACTION_EXPLAIN = "werving_stap"
ACTION_COMMANDS = {ACTION_TICK: "klaar", ACTION_EXPLAIN: "stap"}  # button -> chat command it stands for
ACTION_CHOICE = "werving_keuze"  # a reply's neutral Action: the button's value is the command it stands for
MAX_CHOICES = 5
VALUE_LIMIT = 2000  # Slack's limit on a button's value

SECTION_LIMIT = 3000
MAX_BLOCKS = 50
HEADER_LIMIT = 150
BAR_WIDTH = 10
MARK = {Status.OPEN: "☐", Status.DONE: "✅", Status.SKIPPED: "➖"}


def message(reply: Reply, plan: Plan | None = None) -> dict[str, Any]:
    """The chat.postMessage / response_url body for one reply: fallback text plus blocks."""
    if isinstance(reply.view, StatusView):
        blocks = status_blocks(reply.view, plan)
    elif isinstance(reply.view, StepView):
        blocks = step_blocks(reply.view, reply.text)
    else:
        blocks = text_blocks(reply.text)
    if reply.actions:
        blocks = blocks[: MAX_BLOCKS - 1] + [choice_block(reply.actions)]
    return {"text": fallback(reply.text), "blocks": blocks[:MAX_BLOCKS]}


def choice_block(actions: tuple[Action, ...]) -> Block:
    """A reply's choices as buttons; each button's value is the chat command it stands for."""
    elements = [
        _button(action.label, f"{ACTION_CHOICE}_{index}", action.command[:VALUE_LIMIT], primary=action.primary)
        for index, action in enumerate(actions[:MAX_CHOICES])
    ]
    return {"type": "actions", "block_id": "keuzes", "elements": elements}


def fallback(text: str) -> str:
    """Notification text (also shown where blocks cannot be): the reply cut to one section's size."""
    return text if len(text) <= SECTION_LIMIT else text[: SECTION_LIMIT - 1] + "…"


def text_blocks(text: str) -> list[Block]:
    """Text as sections of at most 3000 characters, split at line ends where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > SECTION_LIMIT:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:SECTION_LIMIT])
            line = line[SECTION_LIMIT:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > SECTION_LIMIT:
            chunks.append(current)
            current = line
        else:
            current = candidate
    chunks.append(current)
    kept = [chunk for chunk in chunks if chunk.strip()] or [" "]  # Slack refuses an empty section
    return [_section(chunk) for chunk in kept[:MAX_BLOCKS]]


def status_blocks(view: StatusView, plan: Plan | None = None) -> list[Block]:
    """Progress per phase, the next sub-steps with buttons to tick off or explain, what is skipped."""
    blocks: list[Block] = [_header(f"Procedure gemeentesecretaris {view.municipality}")]
    school = plan.school(view.school) if plan and view.school else None
    choose = "School: nog niet gekozen (`/werving school zuiver|breed|tussen`)"
    blocks.append(_context(f"School: {school.name}" if school else choose))
    for phase in view.phases:
        blocks.append(
            _section(
                f"*Fase {phase.phase} {escape(phase.title)}*\n{progress_bar(phase.done, phase.total)}  "
                f"{phase.done} van {phase.total} substappen afgerond"
            )
        )
    blocks.append({"type": "divider"})
    if view.complete or not view.next:
        blocks.append(_section("Alle substappen zijn afgerond of overgeslagen. Sluit af met `/werving afsluiten`."))
    else:
        blocks.append(_section("*Wat komt er nu*"))
        for line in view.next:
            blocks.append(_section(_substep_text(line, plan)))
            blocks.append(_buttons(line))
    if view.skipped:
        blocks.append(_context("Overgeslagen: " + ", ".join(line.id for line in view.skipped)))
    return blocks


def step_blocks(view: StepView, text: str) -> list[Block]:
    """A sub-step's explanation (the core's text) with a button to tick it off while it is open."""
    blocks = text_blocks(text)[: MAX_BLOCKS - 1]
    if view.status is Status.OPEN:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"substep_{view.id}",
                "elements": [_button(f"{view.id} afvinken", ACTION_TICK, view.id, primary=True)],
            }
        )
    return blocks


def home_view(view: HomeView) -> dict[str, Any]:
    """The App Home tab: every procedure the user has a role in and what waits on them."""
    blocks: list[Block] = [_header("Werving gemeentesecretaris")]
    if not view.entries:
        blocks.append(
            _section(
                "Je hebt nog geen rol in een lopende procedure. Start er een in het privékanaal van de commissie "
                "met `/werving start <gemeente>` en geef mensen hun rol met `/werving rol @naam <rol>`."
            )
        )
    for entry in view.entries[:30]:
        blocks.extend(_home_entry(entry))
    blocks.append(_context("Typ `/werving help` voor alle opdrachten, of stel me een vraag in een privébericht."))
    return {"type": "home", "blocks": blocks[:100]}


def progress_bar(done: int, total: int) -> str:
    """A ten-segment bar such as ▰▰▰▱▱▱▱▱▱▱."""
    filled = round(BAR_WIDTH * done / total) if total else BAR_WIDTH
    return "▰" * filled + "▱" * (BAR_WIDTH - filled)


def _home_entry(entry: HomeEntry) -> list[Block]:
    lines = [f"*{escape(entry.municipality)}* in <#{entry.channel}>"]
    if entry.roles:
        lines.append("Jouw rol: " + ", ".join(escape(r) for r in entry.roles))
    if entry.next is not None:
        lines.append(f"Volgende stap van de procedure: *{entry.next.id}* {escape(entry.next.title)}")
    else:
        lines.append("Alle substappen zijn afgerond of overgeslagen.")
    if entry.waiting:
        lines.append("Wacht op jou:\n" + "\n".join(f"• *{s.id}* {escape(s.title)}" for s in entry.waiting))
    else:
        lines.append("Er wacht nu niets op jou.")
    if entry.upcoming:
        lines.append(
            "Eerstvolgende geplande data:\n"
            + "\n".join(
                f"• {short_label(p.day)} *{p.id}* {escape(p.title)}" + (" _(te laat)_" if p.late else "")
                for p in entry.upcoming
            )
        )
    else:
        lines.append("Nog niets gepland; zie `planning voorstel <startdatum>`.")
    return [_section("\n".join(lines)), {"type": "divider"}]


def _substep_text(line: SubstepLine, plan: Plan | None) -> str:
    text = f"{MARK[line.status]} *{line.id}* {escape(line.title)}"
    sub = plan.substep(line.id) if plan else None
    if sub is not None and sub.acts:
        text += "\nAan zet: " + ", ".join(escape(plan.role_by_id(r).name) for r in sub.acts)  # type: ignore[union-attr]
    return text


def _buttons(line: SubstepLine) -> Block:
    return {
        "type": "actions",
        "block_id": f"substep_{line.id}",
        "elements": [
            _button("Afvinken", ACTION_TICK, line.id, primary=True),
            _button("Uitleg", ACTION_EXPLAIN, line.id),
        ],
    }


def _button(label: str, action_id: str, value: str, primary: bool = False) -> Block:
    button: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75], "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if primary:
        button["style"] = "primary"
    return button


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]}}


def _header(text: str) -> Block:
    cut = text if len(text) <= HEADER_LIMIT else text[: HEADER_LIMIT - 1] + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": cut, "emoji": True}}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:SECTION_LIMIT]}]}
