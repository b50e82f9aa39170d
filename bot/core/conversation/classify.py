"""Which kind of message is this: a command, a mistyped command, or a question about the bot, this
procedure, the step plan or the guide. Pure: text, plan and vocabulary in, a Classified out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import OSA

from bot.content.conversation import Vocabulary, normalize
from bot.content.plan import Phase, Plan
from bot.core.commands import ALIASES, COMMANDS, nearest_command
from bot.core.conversation.stepplan_questions import find_topic, step_reference

_PREFIX = re.compile(r"^(?:@werving\b[:,]?\s*)?(?:/werving\b\s*)?", re.IGNORECASE)
_SLASH_WORD = re.compile(r"^/(\w+)(?:\s+|$)")
_GLUED = re.compile(r"^([a-z]{3,})(\d{1,2}[a-z]?)$")  # "klaar2a" -> "klaar 2a"
_ABOUT_COMMAND = re.compile(r"['\"`‘’“”]/?(\w+)['\"`‘’“”]")  # "wat doet 'nvt'?": a quoted command word
_WHAT_DOES = re.compile(
    r"^(?:wat doet|wat betekent|hoe werkt|waar dient)(?: de opdracht| het commando)? (\w+)"
    r"(?: precies| eigenlijk| voor)?$"
)
_ID_LIKE = re.compile(r"^\d{1,2}[a-z]?$")  # 'klaar 3x' is a command with a wrong id: the handler says which exist
_STEP_OR_SUBSTEP = re.compile(r"^(?:[1-9]|10)[a-z]?$")
_PUNCT = ",.:;!"
_PHASE_REF = re.compile(r"(?<![\w-])fase\s+[1-9](?![\w-])")
_STRICT_SHAPES = frozenset({"substep", "step", "mention", "school", "date"})
_FILLERS = ("stap", "substap", "met", "van")
_ATTEMPT_WORDS = 3  # at most this many words after a command word still read as a (wrong) attempt at it
_QUOTED = re.compile(r"^`+([^`]+)`+$")
_BARE_NUMBER = re.compile(r"^\d{1,4}[.)]?$")  # '1', '7.': a menu choice, never a question
_ID = r"\d{1,2}[a-z]"
_ID_LIST = re.compile(rf"(?<![\w-])({_ID})((?:\s*(?:,|/|&|\+|\ben\b)\s*{_ID}(?![\w-]))+)", re.IGNORECASE)


class Kind(StrEnum):
    """The kinds of message, in the order they are tried."""

    COMMAND = "command"
    TYPO = "typo"
    BOT = "bot"
    PROCEDURE = "procedure"
    STEPPLAN = "stepplan"
    GUIDE = "guide"


@dataclass(frozen=True)
class Classified:
    """The kind of a message with what the responder needs.

    COMMAND: `command` is the line to run ("klaar 2a"); TYPO: `command` is the corrected line and
    `typed` the word as typed; BOT: `detail` is a command name or "overview"; PROCEDURE: `detail` is
    the intent; STEPPLAN: `detail` is "about", "after", "before", "which" or "overview".
    """

    kind: Kind
    command: str = ""
    typed: str = ""
    detail: str = ""


def classify(text: str, plan: Plan, vocab: Vocabulary) -> Classified:
    """Classify one message (not a slash command) before anything searches the guide."""
    text = _QUOTED.sub(r"\1", text.strip())  # `klaar 1c`, copied from a reply with its backticks
    prefixed = bool(re.match(r"^\s*(?:@werving\b[:,]?\s*)?/werving\b", text, re.IGNORECASE))
    rest = _PREFIX.sub("", text.strip(), count=1).strip()
    slash = _SLASH_WORD.match(rest)
    if not prefixed and slash and OSA.distance(slash.group(1).lower(), "werving") <= 2:
        rest = rest[slash.end() :].strip()  # '/wervng klaar 3b': a mistyped prefix is still a prefix
    if prefixed:
        return Classified(Kind.COMMAND, command=rest)
    if _BARE_NUMBER.match(rest):
        return Classified(Kind.BOT, detail="choice")
    command = as_command(rest, plan, vocab) or natural_command(rest, plan, vocab)
    if command is not None:
        return command
    norm = normalize(rest)
    asked = _ABOUT_COMMAND.search(rest) or _WHAT_DOES.search(norm)
    if asked and ALIASES.get(asked.group(1).lower(), asked.group(1).lower()) in COMMANDS:
        return Classified(Kind.BOT, detail=ALIASES.get(asked.group(1).lower(), asked.group(1).lower()))
    return classify_question(norm, plan, vocab)


def as_command(text: str, plan: Plan, vocab: Vocabulary) -> Classified | None:
    """The message as a command (or a mistyped one) when its first word and argument shape say so."""
    words = text.split(None, 1)
    if not words:
        return None
    question = text.rstrip().endswith("?")
    first = words[0].lower().lstrip("/").strip(_PUNCT + "?") or words[0]
    args = words[1].strip() if len(words) > 1 else ""
    glued = _GLUED.match(first)
    if glued and ALIASES.get(glued.group(1), glued.group(1)) in COMMANDS:
        first, args = glued.group(1), (glued.group(2) + " " + args).strip()
    name = ALIASES.get(first, first)
    if name in COMMANDS:
        fitted = fit_args(name, args, question, plan, vocab)
        if fitted is None and attempted(name, args, text, vocab):
            fitted = args  # 'rol piet burgemeester', 'klaar': the command's own error names what is allowed
        return None if fitted is None else Classified(Kind.COMMAND, command=f"{name} {fitted}".strip())
    corrected = nearest_command(first, short=bool(args))
    entry = vocab.commands.get(corrected) if corrected else None
    if corrected and len(first) == 3 and (entry is None or entry.args not in _STRICT_SHAPES):
        corrected = None
    fitted = fit_args(corrected, args, question, plan, vocab) if corrected else None
    if corrected and fitted is not None:
        return Classified(Kind.TYPO, command=f"{corrected} {fitted}".strip(), typed=first)
    return None


def attempted(name: str, args: str, text: str, vocab: Vocabulary) -> bool:
    """True when a command word with arguments that do not fit it still reads as an attempt at the command:
    no question mark, a few words at most, not starting with a function word ('Rol van de OR ...'), and
    for `vraag` (whose text is a question anyway) no text at all."""
    words = [w.strip(_PUNCT).lower() for w in args.split()]
    entry = vocab.commands.get(name)
    if "?" in text or len(words) > _ATTEMPT_WORDS or (entry is not None and entry.args == "text" and words):
        return False
    return not words or words[0] not in vocab.grammar["function_words"]


def natural_command(text: str, plan: Plan, vocab: Vocabulary) -> Classified | None:
    """A command said in ordinary words about one sub-step ("vink 3b af", "3b klaar", "sla 4c over, geen
    search"), never a question; after nvt the rest of the message is the reason.

    Several ids ("3c en 3d zijn klaar") become the command with all of them, which its handler refuses
    with the commands to type one by one."""
    if text.rstrip().endswith("?"):
        return None
    listed = _ID_LIST.search(text)
    if listed is not None:
        after = re.sub(r"^\s*zijn\b", " is", text[listed.end() :], flags=re.IGNORECASE)  # '3c en 3d zijn klaar'
        found = natural_command(text[: listed.start()] + listed.group(1) + after, plan, vocab)
        if found is None:
            return None
        name, first = found.command.split()[:2]
        more = re.findall(_ID, listed.group(2), re.IGNORECASE)
        return Classified(Kind.COMMAND, command=" ".join([name, first, *(m.lower() for m in more)]))
    norm = normalize(text)
    polite = vocab.grammar["politeness"]
    for name, patterns in vocab.natural_commands.items():
        for pattern in patterns:
            match = pattern.match(norm)
            if match is None or plan.substep(match.group("id")) is None:
                continue
            rest = match.group("rest").split()
            if name != "nvt":
                if any(w not in polite for w in rest):
                    continue
                return Classified(Kind.COMMAND, command=f"{name} {match.group('id')}")
            words = text.split()
            reason = " ".join(words[len(words) - len(rest) :]).lstrip(_PUNCT + " -") if rest else ""
            return Classified(Kind.COMMAND, command=f"{name} {match.group('id')} {reason}".strip())
    return None


def fit_args(name: str, args: str, question: bool, plan: Plan, vocab: Vocabulary) -> str | None:
    """The arguments as the command takes them when they have the shape it expects without /werving, else None.

    A question mark never runs a command that changes something; 'klaar stap 3b' becomes 'klaar 3b'.
    """
    entry = vocab.commands.get(name)
    shape = entry.args if entry else ("none" if COMMANDS[name].usage == name else "word")
    if COMMANDS[name].writes and question:
        return None
    words = [w.strip(_PUNCT) for w in args.split()]
    if shape in ("substep", "step") and len(words) > 1 and words[0].lower() in _FILLERS:
        args = args.split(None, 1)[1]
        words = words[1:]
    if shape in ("substep", "step") and len(words) > 1 and words[0].isdigit() and re.fullmatch(r"[a-z]", words[1]):
        words = [words[0] + words[1], *words[2:]]  # 'klaar 3 b'
        args = " ".join(words)
    first = words[0] if words else ""
    bare = args.strip().rstrip("?").strip()
    if shape == "school":
        bare = bare.rstrip(_PUNCT).strip()  # 'school Breed!'
    checks = {
        "none": lambda: not bare or (len(words) <= 2 and not question),
        "command": lambda: not bare or not question,
        "substep": lambda: (
            plan.substep(first) is not None
            or bool(_ID_LIKE.match(first.lower()))
            or (name == "heropen" and bare.lower() == "procedure")  # 'heropen procedure' reopens a closed one
        ),
        "step": lambda: len(bare.split()) == 1 and bool(_STEP_OR_SUBSTEP.match(bare.lower())),
        "mention": lambda: first.startswith(("@", "<@")) and len(words) >= 2,
        "school": lambda: not bare or plan.school(bare) is not None,
        "date": lambda: not bare or (not question and len(words) <= 7 and _date_like(words)),
        "name": lambda: (
            not question and len(words) <= 4 and not (words and words[0].lower() in vocab.grammar["not_a_name"])
        ),
        "word": lambda: not bare or (len(words) == 1 and not question),
        "phrase": lambda: not question and not (words and words[0].lower() in vocab.grammar["function_words"]),
        "text": lambda: False,  # `vraag ...` without /werving is simply a question
    }
    if not checks[shape]():
        return None
    if shape == "none":
        return ""  # 'status graag': the command itself, without the extra words
    if (
        shape == "command"
    ):  # 'help klaar' asks about a command, 'help foo' about an unknown one; 'help me' is plain help
        word = bare.lower().strip(_PUNCT)
        return word if len(words) == 1 and word.isalpha() and word not in vocab.grammar["help_fillers"] else ""
    return bare if shape in ("step", "school") else args.strip()


_DATE_WORDS = frozenset(
    {"vandaag", "morgen", "overmorgen", "volgende", "aanstaande", "voorstel", "vastleggen", "wis", "doorschuiven"}
)


def _date_like(words: list[str]) -> bool:
    """Arguments that read as a planning: a digit somewhere (`6a 15 maart 2027`) or a date word (`morgen`)."""
    return any(c.isdigit() for w in words for c in w) or any(w.lower() in _DATE_WORDS for w in words)


def classify_question(norm: str, plan: Plan, vocab: Vocabulary) -> Classified:
    """A (normalized) question: about the bot, this procedure, the step plan, or else the guide."""
    if vocab.bot_overview.hit(norm):
        return Classified(Kind.BOT, detail="overview")
    if vocab.bot_markers.hit(norm):
        command = _asked_command(norm, vocab)
        if command:
            return Classified(Kind.BOT, detail=command)
    for kind in ("after", "before"):  # "wat is de volgende stap na het assessment?" is about the plan
        if vocab.stepplan[kind].hit(norm) and (
            step_reference(norm, plan)
            or find_topic(norm, plan, vocab.stopwords, prefer_step=True, weak=vocab.grammar["ordinal"])
        ):
            return Classified(Kind.STEPPLAN, detail=kind)
    if not _conditional(norm, plan, vocab):
        has_ref = step_reference(norm, plan) is not None
        for intent in vocab.procedure:
            if intent == "substep_status" and not has_ref:
                continue
            if intent == "topic_status" and (has_ref or find_topic(norm, plan, vocab.stopwords) is None):
                continue  # "is het profiel al vastgesteld?" only when a step or sub-step is named by its title
            if vocab.procedure[intent].hit(norm):
                return Classified(Kind.PROCEDURE, detail=intent)
    ref = step_reference(norm, plan)
    if (ref is None or isinstance(ref, Phase)) and not _conditional(norm, plan, vocab):
        short_intent = _short_procedure_question(norm, plan, vocab)
        if short_intent:
            return Classified(Kind.PROCEDURE, detail=short_intent)
    flagged = vocab.stepplan["flagged"].hit(norm)  # "welke substappen zijn optioneel (in fase 2)?"
    if ref is not None and not (flagged and isinstance(ref, Phase)):
        return Classified(Kind.STEPPLAN, detail="about")
    if flagged:
        return Classified(Kind.STEPPLAN, detail="flagged")
    for kind in ("which",):
        if (
            vocab.stepplan[kind].hit(norm)
            and find_topic(norm, plan, vocab.stopwords, weak=vocab.grammar["ordinal"]) is not None
        ):
            return Classified(Kind.STEPPLAN, detail=kind)
    if vocab.stepplan["overview"].hit(norm):
        return Classified(Kind.STEPPLAN, detail="overview")
    return Classified(Kind.GUIDE)


def _short_procedure_question(norm: str, plan: Plan, vocab: Vocabulary) -> str | None:
    """The intent of a short question about this procedure with no topic of its own, else None."""
    words = _PHASE_REF.sub(" ", norm).split()
    known = vocab.short_question
    role_words = {
        w for role in plan.roles if role.assignable for name in (role.id, *role.aliases) for w in name.split()
    }
    about_us = set(words) & known["deixis"] or (  # "heeft de portefeuillehouder nu iets te doen?"
        set(words) & (role_words - known["filler"]) and set(words) & vocab.grammar["now"]
    )
    if not words or not about_us or not set(words) & known["progress"]:
        return None
    allowed = known["deixis"] | known["progress"] | known["filler"] | role_words
    if any(w not in allowed for w in words):
        return None
    if set(words) & {"ik", "mij", "me", "mijn"} or any(w in role_words - known["filler"] for w in words):
        return "my_part"
    if "wie" in words:
        return "turn"
    return "next" if "volgende" in words else "status"


def _asked_command(norm: str, vocab: Vocabulary) -> str | None:
    """The command whose trigger phrase matches, preferring the longest phrase."""
    best: tuple[int, str] | None = None
    for name, entry in vocab.commands.items():
        phrase = entry.triggers.hit(norm)
        if phrase and (best is None or len(phrase) > best[0]):
            best = (len(phrase), name)
    return best[1] if best else None


def _conditional(norm: str, plan: Plan, vocab: Vocabulary) -> bool:
    """True for 'wat moet ik doen als een kandidaat afhaakt': a situation, so a guide question.

    'wat moet ik als burgemeester doen' is not conditional: there `als` names a role.
    """
    conditional = re.compile(
        r"(?<![\w'-])(?:"
        + "|".join(map(re.escape, sorted(vocab.grammar["conditional"])))
        + r")(?![\w'-])\s*(\S+(?:\s+\S+)?)?"
    )
    for match in conditional.finditer(norm):
        following = (match.group(1) or "").split()
        if following and following[0] in vocab.grammar["ordinal"]:
            continue  # "wat moet de burgemeester als volgende doen"
        candidates = [" ".join(following[:n]) for n in (2, 1)] + [" ".join(following[1:2])]
        if not any(c and (role := plan.role(c)) is not None and role.assignable for c in candidates):
            return True
    return False
