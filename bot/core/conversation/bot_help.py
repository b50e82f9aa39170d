"""Questions about using the bot ("hoe vink ik iets af?", "wat kun jij?"), answered from the command help."""

from __future__ import annotations

from bot.content.conversation import Vocabulary
from bot.content.plan import Plan, SubStep
from bot.core.commands import COMMANDS
from bot.core.conversation.procedure_questions import mentioned_roles
from bot.core.conversation.stepplan_questions import step_reference
from bot.core.progress import next_substep
from bot.core.state import ProcedureState

OVERVIEW = (
    "Ik help jullie door het stappenplan van de VGS-handreiking voor een nieuwe gemeentesecretaris. "
    "Stel me gewoon een vraag (over de handreiking, over waar jullie staan of over een stap), "
    "of geef een opdracht, met of zonder `/werving` ervoor: {commands}.\n"
    "Uitleg bij één opdracht: `help <opdracht>`, bijvoorbeeld `help klaar`."
)


def answer(detail: str, norm: str, plan: Plan, vocab: Vocabulary, state: ProcedureState | None) -> str:
    """How to do what was asked: the command to type, its help, and an example fitting this procedure;
    for a bare number ("choice") that no choice is open."""
    if detail == "choice":
        return no_choice(norm, plan)
    if detail == "overview" or detail not in COMMANDS:
        return OVERVIEW.format(commands=", ".join(f"`{name}`" for name in COMMANDS))
    spec = COMMANDS[detail]
    entry = vocab.commands.get(detail)
    example = (entry.example if entry else "") or spec.usage
    if "{id}" in example:
        example = example.replace("{id}", _example_substep(norm, plan, state))
    roles = mentioned_roles(norm, plan)
    if detail == "rol" and roles:
        example = f"rol @naam {roles[0].id}"
    school = next((s for s in plan.schools for name in (s.id, *s.aliases) if f" {name} " in f" {norm} "), None)
    if detail == "school" and school is not None:
        example = f"school {school.id}"
    kind = next((k for k, words in vocab.document_kinds.items() if words.hit(norm)), None)
    if detail == "document" and kind is not None:
        example = f"document {kind}"
    if detail == "planning" and set(norm.split()) & vocab.grammar["calendar"]:
        example = "planning ics"  # "kan ik de planning in mijn agenda zetten?"
    lines = [f"Typ `{example}`."]
    lines.append(f"`{spec.usage}`: {spec.summary}" if example != spec.usage else spec.summary)
    if spec.needs_procedure and state is None:
        lines.append("Dat kan pas als er in dit kanaal een procedure loopt: `start <gemeente>`.")
    return "\n".join(lines)


def no_choice(norm: str, plan: Plan) -> str:
    """The reply to a bare number while no numbered choice is open: how to ask or command instead."""
    number = norm.strip(".) ")
    text = (
        f"Er staat geen keuze open; een los nummer ('{number}') kan ik nergens aan koppelen. "
        "Stel je vraag in gewone woorden (bijvoorbeeld 'wie is aan zet?') of geef een opdracht, "
        "zoals `status` of `klaar <id>`; `help` toont alle opdrachten."
    )
    if number.isdigit() and plan.step(int(number)) is not None:
        text += f" Wil je weten wat stap {int(number)} inhoudt: typ `stap {int(number)}`."
    return text


def _example_substep(norm: str, plan: Plan, state: ProcedureState | None) -> str:
    """The sub-step the question names, else the procedure's next one, else the first of the plan."""
    ref = step_reference(norm, plan)
    if isinstance(ref, SubStep):
        return ref.id
    if state is not None:
        nxt = next_substep(plan, state)
        if nxt is not None:
            return nxt.id
    return plan.substeps()[0].id
