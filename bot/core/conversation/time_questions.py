"""Questions about time in this procedure ("wanneer is de benoeming?", "hoe lang duurt zo'n procedure?",
"wanneer is 3d klaar?"), answered with the planning's own calculations (bot.core.planning)."""

from __future__ import annotations

from datetime import date

from bot.content.plan import Phase, Plan, Step, SubStep
from bot.core.conversation.stepplan_questions import find_topic, step_reference
from bot.core.planning.dates import day_label
from bot.core.planning.schedule import appointment_day, appointment_outlook, expected, propose, recruitment_weeks
from bot.core.progress import effective_status
from bot.core.state import ProcedureState, Status

NO_TIMING = "Er zijn geen gebruikelijke doorlooptijden ingesteld (procedures/durations.yaml); ik kan niets schatten."


def answer(intent: str, norm: str, plan: Plan, state: ProcedureState, today: date, stopwords: frozenset[str]) -> str:
    """The answer to a time question: `appointment`, `duration` or `substep_date`."""
    if intent == "duration":
        return duration(plan, state, today)
    if intent == "substep_date":
        sub = _asked_substep(norm, plan, stopwords)
        if sub is not None and sub.id != (plan.timing.warn_to if plan.timing else None):
            return substep_date(plan, state, sub, today)
    return appointment(plan, state, today)


def _asked_substep(norm: str, plan: Plan, stopwords: frozenset[str]) -> SubStep | None:
    """The sub-step a question names ('3d'), or the last one of the step or phase it names."""
    topic = step_reference(norm, plan) or find_topic(norm, plan, stopwords)
    if isinstance(topic, Phase):
        topic = topic.steps[-1]
    if isinstance(topic, Step):
        topic = topic.substeps[-1]
    return topic


def appointment(plan: Plan, state: ProcedureState, today: date) -> str:
    """The expected appointment date when there is a planning, else how to get one (`planning voorstel`)."""
    timing = plan.timing
    target = plan.substep(timing.warn_to) if timing else None
    if timing is None or target is None:
        return NO_TIMING
    status = effective_status(plan, state, target)
    if status is not Status.OPEN:
        record = state.record(target.id)
        on = f" op {record.at.strftime('%d-%m-%Y')}" if record.at else ""
        return f"De benoeming ({target.id}) is al afgerond{on}."
    if state.planned:
        outlook = appointment_outlook(plan, state, today)
        if outlook is not None:
            expected_day, planned = outlook
            text = f"📌 Verwachte benoeming ({target.id}): *{day_label(expected_day)}*"
            if planned is not None and planned != expected_day:
                text += f" (gepland was {day_label(planned)}; open substappen lopen uit of hebben nog geen datum)"
            return text + ".\nAlle datums en wat achterloopt: `planning`."
    end = appointment_day(plan, state, propose(plan, state, today, timing), timing)
    rough = f" Vanaf vandaag, met de gebruikelijke doorlooptijden, zou dat rond {day_label(end)} zijn." if end else ""
    return (
        f"Er is nog geen planning, dus nog geen verwachte datum voor de benoeming ({target.id}).{rough}\n"
        f"Een planning met de verwachte benoemingsdatum: `planning voorstel {today.strftime('%d-%m-%Y')}` "
        "(verandert nog niets; vastleggen kan daarna)."
    )


def duration(plan: Plan, state: ProcedureState, today: date) -> str:
    """The estimate `planning voorstel` makes from today, and the guide's advice to keep it short."""
    timing = plan.timing
    if timing is None:
        return NO_TIMING
    slots = propose(plan, state, today, timing)
    end = appointment_day(plan, state, slots, timing)
    if not slots or end is None:
        return "Bij jullie staat niets meer open; de benoeming is al afgerond."
    outlook = appointment_outlook(plan, state, today) if state.planned else None
    if outlook is not None:  # a planning exists: its expected date, the one `planning` and the appointment give
        end = outlook[0]
    weeks = max(1, round((end - today).days / 7))
    basis = "Volgens jullie planning" if outlook is not None else "Met de gebruikelijke doorlooptijden"
    lines = [
        f"{basis} duurt de rest van jullie procedure nog ongeveer {weeks} weken "
        f"({len(slots)} open substappen): benoeming ({timing.warn_to}) rond {day_label(end)}."
    ]
    recruiting = recruitment_weeks(plan, state, slots, timing)
    if recruiting is not None:
        lines.append(
            f"Van de start van de werving ({timing.warn_from}) tot de benoeming is dat ongeveer {round(recruiting)} "
            "weken. De handreiking raadt aan die periode kort te houden, omdat kandidaten niet lang in "
            f"onzekerheid willen zitten; een goede voorbereiding maakt dat mogelijk (§{timing.section})."
        )
    if outlook is not None:
        lines.append("De hele planning: `planning`.")
    else:
        lines.append(f"Een planning maken: `planning voorstel {today.strftime('%d-%m-%Y')}`.")
    return "\n".join(lines)


def substep_date(plan: Plan, state: ProcedureState, sub: SubStep, today: date) -> str:
    """When one sub-step is (or was) due: done, lapsed, planned, or without a date and how to plan it."""
    status = effective_status(plan, state, sub)
    record = state.record(sub.id)
    if status is Status.DONE:
        on = f" op {record.at.strftime('%d-%m-%Y')}" if record.at else ""
        return f"*{sub.id}* {sub.title} is al afgerond{on}."
    if status is Status.SKIPPED:
        return f"*{sub.id}* {sub.title} is bij jullie overgeslagen, dus er hoort geen datum bij."
    planned = state.planned.get(sub.id)
    if planned is not None:
        late = " Die datum is voorbij en de substap staat nog open." if planned < today else ""
        return f"*{sub.id}* {sub.title} staat gepland op {day_label(planned)}.{late}\nAlle datums: `planning`."
    line = f"*{sub.id}* {sub.title} heeft nog geen datum."
    timing = plan.timing
    slot = next((s for s in expected(plan, state, today, timing) if s.substep.id == sub.id), None) if timing else None
    if slot is not None:
        line += f" Met de gebruikelijke doorlooptijden zou hij rond {day_label(slot.day)} klaar zijn."
    return (
        f"{line}\nPlan hem met `planning {sub.id} <datum>`, of plan alles met "
        f"`planning voorstel {today.strftime('%d-%m-%Y')}`."
    )
