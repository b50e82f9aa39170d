"""Questions about using the bot ("hoe vink ik iets af?", "wat kun jij?"), answered from the command help."""

from __future__ import annotations

from bot.content.conversation import Vocabulary
from bot.content.plan import Plan, SubStep
from bot.core.commands import COMMANDS
from bot.core.conversation.procedure_questions import mentioned_roles
from bot.core.conversation.stepplan_questions import step_reference
from bot.core.progress import effective_status, next_substep
from bot.core.state import ProcedureState, Status

OVERVIEW = (
    "Ik help jullie door het stappenplan van de VGS-handreiking voor een nieuwe gemeentesecretaris. "
    "Stel me gewoon een vraag (over de handreiking, over waar jullie staan of over een stap), "
    "of geef een opdracht, met of zonder `/werving` ervoor: {commands}.\n"
    "Uitleg bij één opdracht: `help <opdracht>`, bijvoorbeeld `help klaar`."
)

# What a command's name means, for the commands whose name is an abbreviation ("wat betekent nvt?").
MEANING = {
    "nvt": (
        "`nvt` staat voor 'niet van toepassing': een substap die voor jullie procedure niet geldt, zet je zo "
        "op overgeslagen, met de reden erbij. Hij telt dan niet meer als open; `heropen <id>` zet hem terug."
    ),
}


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
        example = example.replace("{id}", _example_substep(detail, norm, plan, state))
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
    elif detail == "planning" and {"startdatum", "voorstel", "tijdlijn", "schema"} & set(norm.split()):
        example = "planning voorstel <startdatum>"  # "waar vul ik de startdatum in zodat de bot een planning maakt?"
    lines = [MEANING[detail]] if detail in MEANING else []
    lines.append(f"Typ bijvoorbeeld `{example}`." if detail in MEANING else f"Typ `{example}`.")
    lines.append(f"`{spec.usage}`: {spec.summary}" if example != spec.usage else spec.summary)
    if detail == "heropen" and state is not None and _last_done(plan, state) is None:
        lines.append("Bij jullie is nog niets afgevinkt of overgeslagen, dus er valt nu niets te heropenen.")
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


def _example_substep(detail: str, norm: str, plan: Plan, state: ProcedureState | None) -> str:
    """The sub-step the question names, else one the command fits in this procedure: for `heropen` the one
    most recently done or skipped, for `nvt` an open optional one (never the step they are working on),
    for the others the next open one; else the first of the plan."""
    ref = step_reference(norm, plan)
    if isinstance(ref, SubStep):
        return ref.id
    if detail == "heropen" and state is not None:
        last = _last_done(plan, state)
        if last is not None:
            return last.id
    if detail == "nvt":
        return _optional_example(plan, state).id
    if state is not None:
        nxt = next_substep(plan, state)
        if nxt is not None:
            return nxt.id
    return plan.substeps()[0].id


def _last_done(plan: Plan, state: ProcedureState) -> SubStep | None:
    """The sub-step ticked off or skipped most recently (by its record), or None when nothing is."""
    handled = [
        (record.at, sub.order, sub)
        for sub in plan.substeps()
        if (record := state.record(sub.id)).status is not Status.OPEN and record.at is not None
    ]
    return max(handled, key=lambda item: (item[0], item[1]))[2] if handled else None


def _optional_example(plan: Plan, state: ProcedureState | None) -> SubStep:
    """An optional (else "indien nodig") sub-step, preferably one still open and not the next one."""
    nxt = next_substep(plan, state) if state is not None else None
    for flag in ("optioneel", "indien-nodig"):
        flagged = [s for s in plan.substeps() if flag in s.flags and s != nxt]
        still = [s for s in flagged if state is None or effective_status(plan, state, s) is Status.OPEN]
        if still or flagged:
            return (still or flagged)[0]
    return plan.substeps()[-1]
