"""Questions about the step plan ("wat gebeurt er in stap 6b?", "welke stap komt na de adviesronde?"),
answered from procedures/plan.yaml."""

from __future__ import annotations

import re

from bot.content.conversation import normalize
from bot.content.plan import Phase, Plan, Step, SubStep
from bot.core.progress import effective_status, school_of
from bot.core.render import FLAG_LABEL, STATUS_LABEL, role_names, step_text, substep_label
from bot.core.state import ProcedureState, Status
from bot.core.text import sentence

Topic = Phase | Step | SubStep

_STEP_REF = re.compile(r"(?<![\w-])(?:sub)?stap(?:pen)?\s+(\d{1,2}[a-z]?)(?![\w-])")
_PHASE_REF = re.compile(r"(?<![\w-])fase\s+([1-9])(?![\w-])")
_BARE_ID = re.compile(r"(?<![\w-])(\d{1,2}[a-z])(?![\w-])(?!\s+(?:ronde|gespreksronde|gesprek|keer|plaats))")


def step_reference(norm: str, plan: Plan) -> Topic | None:
    """The step, sub-step or phase a (normalized) question names explicitly: 'stap 6b', '6b', 'stap 6', 'fase 2'."""
    for match in _STEP_REF.finditer(norm):
        ref = match.group(1)
        found: Topic | None = plan.step(int(ref)) if ref.isdigit() else plan.substep(ref)
        if found is not None:
            return found
    for match in _BARE_ID.finditer(norm):
        sub = plan.substep(match.group(1))
        if sub is not None:
            return sub
    phase = _PHASE_REF.search(norm)
    if phase:
        return next((p for p in plan.phases if p.id == int(phase.group(1))), None)
    return next((p for p in plan.phases if _names_phase(norm, p)), None)


def _names_phase(norm: str, phase: Phase) -> bool:
    """Whether the question names the phase by its title: 'de selectiefase', 'wervingsfase', 'fase selectie'."""
    names = [normalize(part) for part in phase.title.split("/") if normalize(part)]
    alternatives = "|".join(re.escape(name) for name in names)
    part = r"(?:fase|gedeelte|deel)"  # de selectiefase, het profielgedeelte
    pattern = rf"(?<![\w-])(?:(?:{alternatives})s?\s?-?{part}|fase\s+(?:van\s+de\s+)?(?:{alternatives}))(?![\w-])"
    return re.search(pattern, norm) is not None


def find_topic(
    norm: str, plan: Plan, stopwords: frozenset[str], *, prefer_step: bool = False, weak: frozenset[str] = frozenset()
) -> Topic | None:
    """The step or sub-step whose title shares most words with the question; None when no title word matches.

    A split verb counts whole ("bellen we ... af" as "afbellen"). `weak` words (ordinals: "eerste",
    "tweede") say which one rather than what about: they count one point and are the title's subject only
    together with the word after them ("Tweede gespreksronde").
    Between equal scores the title that names the question's words first wins: titles name their subject
    first ("Tweede gespreksronde: verdiepen ..." before "... uitnodigen voor tweede gespreksronde")."""
    words = [w for w in norm.split() if w not in stopwords and len(w) >= 2 and not w.isdigit()]
    if not words:
        return None
    words += _joined_verbs(norm.split())
    strong = [w for w in words if w not in weak]
    best: tuple[float, int, Topic] | None = None
    candidates: list[Topic] = []
    for step in plan.steps():
        candidates.append(step)
        candidates.extend(step.substeps)
    for candidate in candidates:
        title = normalize(candidate.title).split()
        matched = [w for w in words if _matches(w, title)]
        if not matched:
            continue
        body = normalize(candidate.explanation).split() if isinstance(candidate, SubStep) else []
        body_weight = 0 if prefer_step else 1  # "na de adviesronde" names a step by its title, not its text
        score: float = sum((3 if w in title else 2) if w not in weak else 1 for w in matched) + sum(
            body_weight for w in words if len(w) >= 5 and _matches(w, body)
        )
        subject = title[:2] if title[0] in weak else title[:1]  # "Tweede gespreksronde: ..."
        if all(_matches(w, words) for w in subject) and any(_matches(w, strong) for w in subject):
            score += 2  # a title names its subject first: "Referenties inwinnen"
        if isinstance(candidate, Step) == prefer_step:
            score += 0.5  # the preferred kind wins a tie
        first = min((i for i, token in enumerate(title) if any(_matches(w, [token]) for w in matched)), default=0)
        if best is None or score > best[0] or (score == best[0] and first < best[1]):
            best = (score, first, candidate)
    return best[2] if best else None


def _joined_verbs(tokens: list[str]) -> list[str]:
    """Separable verbs put back together: "bellen we de afvallers af" gives "afbellen"."""
    joined = []
    for i, particle in enumerate(tokens):
        if particle in _PARTICLES:
            joined += [particle + word for word in tokens[max(0, i - 8) : i] if len(word) >= 4 and word.endswith("en")]
    return joined


_PARTICLES = frozenset({"af", "op", "in", "uit", "aan", "mee", "terug", "door", "na", "vast", "samen"})


# Separable prefixes before the "ge" of a past participle: vast|ge|steld, af|ge|beld, in|ge|wonnen.
_PARTICIPLE = re.compile(r"^(vast|af|op|in|uit|aan|samen|vol|door|mee|terug|voor|na|vrij)?ge(\w{4,})$")


def _matches(word: str, tokens: list[str]) -> bool:
    """Equal, or sharing a stem: one starts with the other and the shorter has at least five letters; a past
    participle counts as its verb ("vastgesteld" as "vaststellen", "geplaatst" as "plaatsen")."""
    participle = _PARTICIPLE.match(word)
    if participle and len(word) >= 7 and _shares_stem((participle.group(1) or "") + participle.group(2), tokens):
        return True
    return _shares_stem(word, tokens)


def _shares_stem(word: str, tokens: list[str]) -> bool:
    for token in tokens:
        if word == token:
            return True
        short, long = sorted((word, token), key=len)
        if len(short) >= 5 and long.startswith(short):
            return True
        if len(short) >= 7 and short[:7] == long[:7]:  # 'referentieonderzoek' and 'referenties'
            return True
        if len(short) >= 5 and long.endswith(short):  # 'bellen' in 'afbellen'
            return True
        if len(short) >= 6 and short[-1] in "dt" and long.startswith(short[:-1]):  # 'benoemt', 'benoeming'
            return True
    return False


def describe(plan: Plan, topic: Topic, state: ProcedureState | None) -> str:
    """A short description of a phase, step or sub-step, with its status in this procedure."""
    if isinstance(topic, Phase):
        steps = "; ".join(f"stap {s.id} {s.title}" for s in topic.steps)
        count = sum(len(s.substeps) for s in topic.steps)
        lines = [
            f"*Fase {topic.id} {topic.title}*: {topic.question}",
            f"{len(topic.steps)} stappen met samen {count} substappen: {steps}.",
        ]
        if state is not None:  # "wat moet er nog gebeuren in fase 2?"
            subs = [sub for step in topic.steps for sub in step.substeps]
            still = [f"*{s.id}* {s.title}" for s in subs if effective_status(plan, state, s) is Status.OPEN]
            done = "Bij jullie is deze fase af."
            lines.append(sentence("Nog open bij jullie: " + "; ".join(still)) if still else done)
        return "\n".join([*lines, "Meer per stap: `stap <nummer>`."])
    if isinstance(topic, Step):
        return step_text(plan, topic, state)
    step = plan.step(topic.step)
    assert step is not None
    out = [f"{substep_label(topic)} (stap {step.id} {step.title}, fase {topic.phase})", topic.explanation]
    out.append(f"Aan zet: {role_names(plan, topic.acts)}.")
    if state is not None:
        school = school_of(plan, state)
        if school and topic.id in school.substep_notes:
            out.append(f"Bij jullie {school.name.lower()}: {school.substep_notes[topic.id]}")
        out.append(f"Status bij jullie: {STATUS_LABEL[effective_status(plan, state, topic)]}.")
    out.append(f"Meer, met aandachtspunten: `stap {topic.id}`.")
    return "\n".join(out)


def neighbour(plan: Plan, topic: Topic, offset: int) -> Topic | None:
    """The step or sub-step `offset` places after (or before, when negative) this one."""
    if isinstance(topic, Phase):
        return next((p for p in plan.phases if p.id == topic.id + offset), None)
    if isinstance(topic, Step):
        return plan.step(topic.id + offset)
    subs = plan.substeps()
    index = topic.order + offset
    return subs[index] if 0 <= index < len(subs) else None


def label(topic: Topic) -> str:
    """'stap 7 Adviesronde en referenties', '6e Kandidaten ...' or 'fase 2 Werving / Search'."""
    if isinstance(topic, Phase):
        return f"fase {topic.id} {topic.title}"
    if isinstance(topic, Step):
        return f"stap {topic.id} {topic.title}"
    return f"{topic.id} {topic.title}"


def answer_order(plan: Plan, topic: Topic, offset: int) -> str:
    """'Na stap 7 ... komt stap 8 ...', with the sub-steps of the step that comes."""
    other = neighbour(plan, topic, offset)
    word = "Na" if offset > 0 else "Vóór"
    if other is None:
        edge = "laatste" if offset > 0 else "eerste"
        return f"{label(topic)[0].upper()}{label(topic)[1:]} is de {edge} van het stappenplan."
    text = f"{word} {label(topic)} komt *{label(other)}*."
    if isinstance(other, Step):
        text += "\nDaarin: " + sentence("; ".join(f"{s.id} {s.title}" for s in other.substeps))
    elif isinstance(other, SubStep):
        text += f"\nAan zet: {role_names(plan, other.acts)}. Meer: `stap {other.id}`."
    return text


def answer_which(plan: Plan, topic: Topic, state: ProcedureState | None) -> str:
    """'Dat gebeurt in stap 3d: ...' for a question like 'in welke stap leg je het type assessment vast?'."""
    if isinstance(topic, SubStep):
        step = plan.step(topic.step)
        assert step is not None
        first = topic.explanation.split(". ")[0].rstrip(".") + "."
        phase = plan.phases[topic.phase - 1]
        text = (
            f"Dat gebeurt in stap *{topic.id}*: {topic.title} "
            f"(stap {step.id} {step.title}, fase {phase.id} {phase.title}).\n{first}"
        )
        if state is not None:
            text += f"\nStatus bij jullie: {STATUS_LABEL[effective_status(plan, state, topic)]}."
        return text + f"\nMeer: `stap {topic.id}`."
    return f"Dat gebeurt in {label(topic)}.\n" + describe(plan, topic, state)


def edge_step(norm: str, plan: Plan) -> Step | None:
    """The first or last step when a question about the whole plan asks for it ("wat is de laatste stap?")."""
    steps = list(plan.steps())
    if re.search(r"(?<![\w-])(?:eerste|first) (?:stap|step)(?![\w-])", norm):
        return steps[0]
    if re.search(r"(?<![\w-])(?:laatste|last|final) (?:stap|step)(?![\w-])", norm):
        return steps[-1]
    return None


def overview(plan: Plan) -> str:
    """The whole step plan in a few lines."""
    subs = plan.substeps()
    steps = list(plan.steps())
    lines = [f"Het stappenplan heeft {len(plan.phases)} fasen, {len(steps)} stappen en {len(subs)} substappen:"]
    for phase in plan.phases:
        lines.append(f"• Fase {phase.id} {phase.title}: " + "; ".join(f"stap {s.id} {s.title}" for s in phase.steps))
    lines.append("Meer over een stap: `stap 6`; over een substap: `stap 6b`.")
    return "\n".join(lines)


def flagged(plan: Plan, state: ProcedureState | None, norm: str = "") -> str:
    """The sub-steps the plan marks optional or "indien nodig" (or, when the question is about diversity,
    those that ask for attention to it), with their status here when a procedure runs."""
    lines = []
    wanted = ("diversiteit",) if "divers" in norm else ("optioneel", "indien-nodig")
    for flag in wanted:
        subs = [s for s in plan.substeps() if flag in s.flags]
        if not subs:
            continue
        lines.append(f"{FLAG_LABEL[flag].capitalize()}:")
        for sub in subs:
            status = f" ({STATUS_LABEL[effective_status(plan, state, sub)]})" if state is not None else ""
            lines.append(f"• *{sub.id}* {sub.title}{status}")
    if not lines:
        return "Het stappenplan kent geen optionele substappen: elke substap hoort erbij."
    head = "Deze substappen zijn niet altijd nodig; de rest hoort er altijd bij."
    tail = "Sla er een over met `nvt <id> <reden>`."
    if wanted == ("diversiteit",):
        head, tail = "Bij deze substappen vraagt de handreiking aandacht voor diversiteit.", "Meer: `stap <id>`."
    return "\n".join([head, *lines, tail])
