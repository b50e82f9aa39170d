"""Questions about this procedure ("waar staan we?", "wie is aan zet?", "wat moet ik als burgemeester
doen?"), answered from the procedure's state and the asker's roles."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.content.plan import Phase, Plan, Role, Step, SubStep
from bot.core.conversation import time_questions
from bot.core.conversation.stepplan_questions import Topic, find_topic, step_reference
from bot.core.progress import effective_status, next_substep, open_substeps, phase_progress, school_of
from bot.core.render import STATUS_LABEL, person, role_names, when
from bot.core.state import ProcedureState, Status
from bot.core.text import escape, sentence

NO_PROCEDURE = (
    "In dit kanaal loopt nog geen procedure, dus daar kan ik nog niets over zeggen. "
    "Start er een met `start <gemeente>`, bijvoorbeeld `start Zaanstad`."
)
NO_SCHOOL = (
    "Jullie hebben nog geen school gekozen (stap 3a). Kies met `school zuiver`, `school breed` of `school tussen`."
)
IN_DIRECT = (
    "In een privébericht weet ik niet welke procedure je bedoelt. "
    "Stel deze vraag in het kanaal van de procedure, dan kijk ik daar hoe het ervoor staat."
)
_MY_WORDS = frozenset({"ik", "mij", "me", "mijn", "jij"})
# A question that opens with one of these is no yes/no question ("wat staat er nog open in stap 4?").
_QUESTION_WORDS = frozenset(
    {"wat", "welke", "welk", "hoeveel", "waar", "wie", "wanneer", "hoe", "what", "which", "how"}
)


def mentioned_roles(norm: str, plan: Plan) -> list[Role]:
    """The roles a (normalized) question names, by id, name or alias, in the plan's order."""
    words = norm.split()
    grams = {" ".join(words[i : i + n]) for n in (1, 2, 3, 4) for i in range(len(words) - n + 1)}
    found = {r.id for gram in grams if (r := plan.role(gram)) is not None and r.assignable}
    return [r for r in plan.roles if r.id in found]


def answer(
    intent: str,
    norm: str,
    plan: Plan,
    state: ProcedureState | None,
    user: str,
    tz: ZoneInfo,
    now: datetime,
    stopwords: frozenset[str] = frozenset(),
    owners: tuple[str, ...] = (),
    weak: frozenset[str] = frozenset(),
) -> str:
    """The answer to a procedure question of this intent (`now`: the time it is asked; `stopwords`: words
    that do not name a step, and `weak` ones that hardly do (ordinals, the verb of "is er al een bureau
    gekozen?"), see stepplan_questions.find_topic; `owners`: who holds the process-owner role, the one to
    ask for a role); says so when no procedure runs here."""
    if state is None:
        return NO_PROCEDURE
    if intent in ("appointment", "duration", "substep_date"):
        return time_questions.answer(intent, norm, plan, state, now.astimezone(tz).date(), stopwords)
    if intent == "substep_status":
        return _substep_status(step_reference(norm, plan), plan, state, tz, norm)
    if intent == "topic_status":
        return _substep_status(find_topic(norm, plan, stopwords, weak=weak), plan, state, tz, norm)
    if intent == "municipality":
        return _municipality(state, tz, now)
    if intent == "counts":
        return _counts(plan, state)
    if intent == "school":
        return _school(plan, state)
    if intent == "committees":
        return _committees(plan, state)
    if intent == "planning":
        return _planning(plan, state, now.astimezone(tz).date())
    if intent == "roles":
        return _roles(norm, plan, state, user, owners)
    if intent == "my_part":
        return _my_part(norm, plan, state, user, owners)
    ref = step_reference(norm, plan)
    if intent == "turn" and isinstance(ref, SubStep):
        return _turn_at(plan, state, ref)
    if intent == "turn" and isinstance(ref, Step):
        return (
            "\n".join(_turn_at(plan, state, sub).split("\n")[0] for sub in ref.substeps) + f"\nMeer: `stap {ref.id}`."
        )
    if intent == "turn":
        return _next(plan, state, who_first=True)
    if intent == "next":
        return _next(plan, state, who_first=False)
    if isinstance(ref, Phase | Step):  # "wat ligt er nog in fase 2?"
        return _open_in(ref, plan, state, yes_no=False)
    return _status(plan, state)


def _holders_text(plan: Plan, state: ProcedureState, role_ids: tuple[str, ...]) -> str:
    """'Burgemeester (@els) en Manager P&O (@jan)'; a role nobody holds says so."""
    parts = []
    for role_id in role_ids:
        role = plan.role_by_id(role_id)
        holders = state.holders(role_id)
        who = ", ".join(person(u) for u in holders) if holders else "nog niemand toegewezen"
        parts.append(f"{role.name} ({who})")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def _municipality(state: ProcedureState, tz: ZoneInfo, now: datetime) -> str:
    started = state.created_at.astimezone(tz).date()
    days = (now.astimezone(tz).date() - started).days
    ago = "vandaag" if days <= 0 else "gisteren" if days == 1 else f"{days} dagen geleden"
    place = escape(state.municipality)
    return (
        f"Deze procedure is voor de gemeente {place}, gestart op {started.strftime('%d-%m-%Y')} ({ago}) "
        f"door {person(state.created_by)}.\nWaar jullie staan: `status`."
    )


def _counts(plan: Plan, state: ProcedureState) -> str:
    subs = plan.substeps()
    statuses = [effective_status(plan, state, s) for s in subs]
    done, skipped = statuses.count(Status.DONE), statuses.count(Status.SKIPPED)
    still = len(subs) - done - skipped
    lines = [
        f"Nog {still} van de {len(subs)} substappen {_verb(still, 'staat', 'staan')} open; "
        f"{done} {_verb(done, 'is', 'zijn')} afgerond" + (f" en {skipped} overgeslagen." if skipped else ".")
    ]
    lines += [f"• Fase {p.phase} {p.title}: {p.done}/{p.total} afgerond" for p in phase_progress(plan, state)]
    nxt = next_substep(plan, state)
    if nxt is not None:
        lines.append(sentence(f"Volgende: *{nxt.id}* {nxt.title}"))
    return "\n".join(lines)


def _verb(count: int, one: str, more: str) -> str:
    """The verb form that agrees with a count: '1 is', '2 zijn'."""
    return one if count == 1 else more


def _status(plan: Plan, state: ProcedureState) -> str:
    nxt = next_substep(plan, state)
    progress = " · ".join(f"Fase {p.phase} {p.title}: {p.done}/{p.total} afgerond" for p in phase_progress(plan, state))
    done = [s.id for s in plan.substeps() if effective_status(plan, state, s) is Status.DONE]
    done_text = f"Afgerond: {_ranges(done)}." if done else "Nog niets afgerond."
    skipped = [s.id for s in plan.substeps() if effective_status(plan, state, s) is Status.SKIPPED]
    if skipped:
        done_text += f" Overgeslagen: {_ranges(skipped)}."
    if nxt is None:
        return f"Alle substappen zijn afgerond of overgeslagen. {progress}.\nSluit af met `afsluiten`."
    step = plan.step(nxt.step)
    assert step is not None
    return (
        f"Jullie zijn bij stap {step.id} ({step.title}), fase {nxt.phase}. "
        + sentence(f"Volgende: *{nxt.id}* {nxt.title}")
        + f"\n{done_text}\n{progress}.\nAlles op een rij: `status`."
    )


def _next(plan: Plan, state: ProcedureState, *, who_first: bool) -> str:
    nxt = next_substep(plan, state)
    if nxt is None:
        return "Alle substappen zijn afgerond of overgeslagen; niemand is meer aan zet. Sluit af met `afsluiten`."
    who = _holders_text(plan, state, nxt.acts)
    first = nxt.explanation.split(". ")[0].rstrip(".") + "."
    head = (
        sentence(f"Aan zet: {who}, voor *{nxt.id}* {nxt.title}")
        if who_first
        else sentence(f"De volgende stap is *{nxt.id}* {nxt.title}") + f" Aan zet: {who}."
    )
    lines = [head, first]
    school = school_of(plan, state)
    if school and nxt.id in school.substep_notes:
        lines.append(f"Bij jullie {school.name.lower()}: {school.substep_notes[nxt.id]}")
    lines.append(f"Uitleg: `stap {nxt.id}`; klaar? `klaar {nxt.id}`.")
    return "\n".join(lines)


def _turn_at(plan: Plan, state: ProcedureState, sub: SubStep) -> str:
    """Who acts in one named sub-step, and whether it is still open."""
    status = STATUS_LABEL[effective_status(plan, state, sub)]
    who = _holders_text(plan, state, sub.acts)
    return f"Bij *{sub.id}* {sub.title} is aan zet: {who}. Die substap is bij jullie {status}.\nMeer: `stap {sub.id}`."


def ask_for_role(user: str, owners: tuple[str, ...]) -> str:
    """How someone without a role gets one: the process owner gives it (nobody gives themselves a role)."""
    if user in owners or not owners:
        return f"Geef jezelf een rol met `rol @{user} <rol>`."
    who = " of ".join(person(u) for u in owners)
    return f"Vraag de proceseigenaar ({who}) om een rol; die typt dan `rol @{user} <rol>`."


def _roles(norm: str, plan: Plan, state: ProcedureState, user: str, owners: tuple[str, ...]) -> str:
    asked = mentioned_roles(norm, plan)  # "wie heeft hier de rol van burgemeester?": that one first
    lines = [_holders_text(plan, state, tuple(r.id for r in asked)) + "."] if asked else []
    mine = state.roles.get(user, ())
    if mine:
        lines.append(f"Jij bent {role_names(plan, tuple(mine))}.")
    else:
        lines.append("Jij hebt nog geen rol. " + ask_for_role(user, owners))
    held = [(role, state.holders(role.id)) for role in plan.roles]
    listed = [f"• {role.name}: {', '.join(person(u) for u in holders)}" for role, holders in held if holders]
    lines += ["Rollen in deze procedure:", *listed] if listed else ["Nog niemand heeft een rol."]
    return "\n".join(lines) + "\nEen rol geven: `rol @naam <rol>`."


def _my_part(norm: str, plan: Plan, state: ProcedureState, user: str, owners: tuple[str, ...]) -> str:
    roles = mentioned_roles(norm, plan)
    asked_for_self = bool(set(norm.split()) & _MY_WORDS)
    named = [u for u in state.roles if u.lower() in norm.split() and u != user]
    if not roles and named and not asked_for_self:  # "wat moet piet doen?"
        roles = [plan.role_by_id(r) for r in state.roles[named[0]]]
    if not roles:
        own = state.roles.get(user, ())
        if not own:
            nxt = next_substep(plan, state)
            who = _holders_text(plan, state, nxt.acts) if nxt else ""
            now = " " + sentence(f"Nu aan zet: {who}, voor {nxt.id} {nxt.title}") if nxt else ""
            return (
                f"Je hebt in deze procedure nog geen rol, dus ik weet niet wat jouw deel is.{now}\n"
                f"{ask_for_role(user, owners)} `rollen` toont wie wat is."
            )
        roles = [plan.role_by_id(r) for r in own]
    return "\n".join(_part_of(plan, state, role, asked_for_self and len(roles) == 1) for role in roles[:2])


def _part_of(plan: Plan, state: ProcedureState, role: Role, you: bool) -> str:
    """What one role does now (open sub-steps in the current step) and next (the first ones after it)."""
    remaining = open_substeps(plan, state)
    nxt = remaining[0] if remaining else None
    if nxt is None:
        return f"Alle substappen zijn afgerond of overgeslagen; voor de {_lower(role.name)} staat niets meer open."
    acting = [s for s in remaining if role.id in s.acts]
    now = [s for s in acting if s.step == nxt.step]
    later = [s for s in acting if s.step != nxt.step][:2]
    involved = [s for s in remaining if s.step == nxt.step and role.id in s.involve and s not in now]
    subject = f"Als {_lower(role.name)} ben je" if you else f"De {_lower(role.name)} is"
    if now:
        lines = [sentence(f"{subject} nu aan zet bij {_list(now)}")]
    else:
        lines = [f"{subject} nu niet aan zet; nu is het {nxt.id} {nxt.title} ({role_names(plan, nxt.acts)})."]
    if involved:
        lines.append(sentence(f"Betrokken bij: {_list(involved)}"))
    if later:
        lines.append(sentence(f"Daarna: {_list(later)}"))
    elif not now:
        lines.append(f"In de rest van het stappenplan heeft de {_lower(role.name)} geen eigen substap.")
    lines.append(f"Meer per substap: `stap {(now or later or [nxt])[0].id}`.")
    return "\n".join(lines)


def _open_in(ref: Phase | Step, plan: Plan, state: ProcedureState, *, yes_no: bool) -> str:
    """What is still open in a phase or step; `yes_no` answers "is it done?" with Ja / Nee first."""
    subs = [s for step in (ref.steps if isinstance(ref, Phase) else (ref,)) for s in step.substeps]
    still = [s for s in subs if effective_status(plan, state, s) is Status.OPEN]
    name = f"fase {ref.id} {ref.title}" if isinstance(ref, Phase) else f"stap {ref.id} {ref.title}"
    if not still:
        return f"Ja, {name} is helemaal afgerond." if yes_no else f"{name[0].upper()}{name[1:]} is helemaal afgerond."
    if yes_no:
        return sentence(f"Nee, in {name} staat nog open: {_list(still)}")
    return sentence(f"In {name} staat nog open: {_list(still)}")


def _substep_status(ref: Topic | None, plan: Plan, state: ProcedureState, tz: ZoneInfo, norm: str) -> str:
    if isinstance(ref, Phase | Step):  # "is het profielgedeelte al helemaal klaar?", "wat staat er nog open in stap 4?"
        return _open_in(ref, plan, state, yes_no=norm.split(" ", 1)[0] not in _QUESTION_WORDS)
    if not isinstance(ref, SubStep):
        return _status(plan, state)
    record = state.record(ref.id)
    status = effective_status(plan, state, ref)
    text = f"*{ref.id}* {ref.title} is {STATUS_LABEL[status]}"
    if record.status is not Status.OPEN:
        text += f" (door {person(record.by)} op {when(record.at, tz)})"
    elif status is Status.SKIPPED:
        text += " (vervalt bij jullie school)"
    return text + "." + ("" if status is not Status.OPEN else f" Klaar? `klaar {ref.id}`.")


def _committees(plan: Plan, state: ProcedureState) -> str:
    school = school_of(plan, state)
    if school is None:
        return "Wie in welke commissie zit, hangt af van de school. " + NO_SCHOOL + " `stap 3a` legt de keuze uit."
    note = school.substep_notes.get("3b")
    lines = [f"Bij jullie geldt de {school.name.lower()}: {school.summary}", note, "Meer: `stap 3b`."]
    return "\n".join(line for line in lines if line)


def _school(plan: Plan, state: ProcedureState) -> str:
    school = school_of(plan, state)
    if school is None:
        return NO_SCHOOL
    dropped = sorted(school.not_applicable)
    extra = f" Daardoor vervallen: {', '.join(dropped)}." if dropped else " Alle substappen blijven van toepassing."
    return f"Jullie hebben gekozen voor de {school.name.lower()}.{extra}\n{school.summary}"


def _planning(plan: Plan, state: ProcedureState, today: date) -> str:
    if not state.planned:
        return (
            "Er zijn nog geen datums gepland, dus ik kan niet zeggen of jullie op schema liggen. Plan een substap "
            "met `planning <id> <datum>` (bijvoorbeeld `planning 6a 15-03-2027`), of vraag met "
            "`planning voorstel <startdatum>` een hele planning met de verwachte benoemingsdatum."
        )
    lines = ["Gepland:"]
    late: list[str] = []
    for sub in plan.substeps():
        day = state.planned.get(sub.id)
        if day is None:
            continue
        open_ = effective_status(plan, state, sub) is Status.OPEN
        mark = " (te laat)" if open_ and day < today else ""
        if mark:
            late.append(sub.id)
        lines.append(f"• {day.strftime('%d-%m-%Y')}: {sub.id} {sub.title}{mark}")
    last = max(state.planned.values())
    lines.append(f"Achter op de planning: {', '.join(late)}." if late else "Niets loopt achter op de planning.")
    lines.append(f"Laatste geplande datum: {last.strftime('%d-%m-%Y')}. Alles met datums: `planning`.")
    return "\n".join(lines)


def _lower(name: str) -> str:
    """'Manager P&O' -> 'manager P&O': lower-case the first letter only, keeping abbreviations."""
    return name[:1].lower() + name[1:]


def _list(subs: list[SubStep]) -> str:
    items = [f"*{s.id}* {s.title}" for s in subs]
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + " en " + items[-1]


def _ranges(ids: list[str]) -> str:
    """'1a–1d, 2a–2c, 3a': runs of consecutive sub-steps within a step."""
    runs: list[list[str]] = []
    for sub_id in ids:
        if runs and runs[-1][-1][:-1] == sub_id[:-1] and ord(sub_id[-1]) == ord(runs[-1][-1][-1]) + 1:
            runs[-1].append(sub_id)
        else:
            runs.append([sub_id])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
