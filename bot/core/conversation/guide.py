"""Guide questions in a conversation: the answerer's three outcomes as replies, and what the chosen
school means for this procedure."""

from __future__ import annotations

import re

from bot.content.plan import Plan
from bot.core.messages import Action, Answer
from bot.core.progress import effective_status, next_substep, school_of
from bot.core.state import ProcedureState, Status

ANSWER, CLARIFY, REFUSE = "answer", "clarify", "refuse"
CLARIFY_TEXT = "Ik weet niet zeker wat je bedoelt. Bedoel je een van deze onderwerpen?"


_PLACE_PREPOSITIONS = "in|bij|naar|binnen"  # where, not whose: "de burgemeester van Zaanstad" keeps its name


def own_municipality_as_ours(question: str, state: ProcedureState | None) -> str:
    """The question with "in Zaanstad" read as "in onze gemeente" when Zaanstad is this procedure's
    municipality: the guide never names it, so as an unknown name it would count against every answer.
    Only after a preposition of place: "Hoeveel inwoners heeft Zaanstad?" and "Wie wordt de nieuwe
    burgemeester van Zaanstad?" stay questions about the place."""
    name = state.municipality.strip() if state is not None else ""
    if not name:
        return question
    pattern = rf"\b({_PLACE_PREPOSITIONS})\s+(?:de\s+gemeente\s+)?{re.escape(name)}(?![\w-])"
    return re.sub(pattern, r"\1 onze gemeente", question, flags=re.IGNORECASE)


def outcome_of(answer: Answer) -> str:
    """The answerer's outcome ("answer", "clarify" or "refuse"); a clarify without topics is a refusal."""
    if answer.outcome == CLARIFY and not answer.suggestions:
        return REFUSE
    return answer.outcome if answer.outcome in (ANSWER, CLARIFY, REFUSE) else (ANSWER if answer.matched else REFUSE)


def clarify_actions(answer: Answer) -> tuple[Action, ...]:
    """The two or three suggested topics as choices; choosing one asks the guide about it."""
    return tuple(
        Action(label=topic, command=f"vraag {topic}", primary=(i == 0))
        for i, topic in enumerate(answer.suggestions[:3])
    )


def clarify_text(answer: Answer) -> str:
    """'Bedoel je …?' (the answerer's own wording when it already asks so)."""
    if answer.text.lstrip().lower().startswith("bedoel je"):
        return answer.text.strip().split("\n")[0]  # the topics follow as choices
    return CLARIFY_TEXT


def school_line(plan: Plan, state: ProcedureState | None, answer: Answer, dependent: tuple[str, ...]) -> str | None:
    """One line on what the chosen school means for an answer that touches a school-dependent sub-step."""
    if state is None or not answer.matched:
        return None
    school = school_of(plan, state)
    if school is None:
        return None
    leading = answer.steps[:3]  # the sub-steps the answer is mainly about
    for sub_id in dependent:
        if sub_id not in leading:
            continue
        sub = plan.substep(sub_id)
        if sub is None:
            continue
        if sub_id in school.not_applicable:
            return (
                f"🏫 Voor jullie procedure ({school.name.lower()}) vervalt {sub.id} ({sub.title}); "
                f"zie `stap {sub.id}` en `status`."
            )
        if sub_id in school.substep_notes:
            return f"🏫 Voor jullie procedure ({school.name.lower()}), {sub.id}: {school.substep_notes[sub_id]}"
    return None


def position_line(plan: Plan, state: ProcedureState | None, answer: Answer) -> str | None:
    """Where the procedure stands, only when it matters for this answer: the step is now, or already behind them."""
    if state is None or not answer.matched or not answer.steps:
        return None
    subs = [s for s in (plan.substep(i) for i in answer.steps) if s is not None]
    nxt = next_substep(plan, state)
    if not subs or nxt is None:
        return None
    current = [s.id for s in subs if s.step == nxt.step and effective_status(plan, state, s) is Status.OPEN]
    if current:
        return f"📍 Daar zijn jullie nu mee bezig: stap {nxt.step} ({', '.join(current)})."
    if all(effective_status(plan, state, s) is Status.DONE for s in subs):  # a step the school drops is not done
        return f"📍 Bij jullie is dat al gedaan ({', '.join(s.id for s in subs[:3])})."
    return None
