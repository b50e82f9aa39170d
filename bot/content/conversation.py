"""The conversation vocabulary of procedures/conversation.yaml: how the bot tells commands and questions apart."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.content.errors import ContentError
from bot.content.yamlfile import read_yaml

ARG_SHAPES = frozenset(
    {"none", "command", "substep", "step", "mention", "school", "date", "name", "word", "phrase", "text"}
)
PROCEDURE_INTENTS = (
    "appointment",
    "duration",
    "substep_date",
    "substep_status",
    "topic_status",
    "municipality",
    "counts",
    "committees",
    "school",
    "planning",
    "roles",
    "turn",
    "my_part",
    "next",
    "status",
)
GRAMMAR = ("not_a_name", "now", "ordinal", "conditional", "politeness", "calendar", "function_words", "help_fillers")
STEPPLAN_KINDS = ("after", "before", "flagged", "which", "overview")
_PATTERN_CHARS = re.compile(r"^[a-z0-9 .*'&/$^-]+$")
_SUBSTEP = re.compile(r"^([1-9]|10)[a-z]$")


def normalize(text: str) -> str:
    """Lower-case, accents removed, punctuation (except ' & / -) turned into spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w'&/-]+", " ", plain).split())


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """A phrase as a regex over normalized text: whole words, `..` for any words between, `word*` for a prefix,
    a final `$` for the end of the message and a leading `^` for its start."""
    parts: list[str] = []
    gap = False
    words = phrase.split()
    starts = bool(words) and words[0] == "^"
    anchored = bool(words) and words[-1] == "$"
    for word in words[int(starts) : len(words) - int(anchored)]:
        if word == "..":
            gap = True
            continue
        body = re.escape(word[:-1]) + r"[\w'-]*" if word.endswith("*") else re.escape(word)
        if parts:
            parts.append(r"(?:\s+\S+)*?\s+" if gap else r"\s+")
        parts.append(body)
        gap = False
    head = r"^\s*" if starts else r"(?<![\w'-])"
    return re.compile(head + "".join(parts) + (r"\s*$" if anchored else r"(?![\w'-])"))


@dataclass(frozen=True)
class Phrases:
    """A list of phrases, matched against normalized text."""

    source: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def hit(self, text: str) -> str | None:
        """The first phrase found in the (normalized) text, or None."""
        for phrase, pattern in zip(self.source, self.patterns, strict=True):
            if pattern.search(text):
                return phrase
        return None


@dataclass(frozen=True)
class CommandVocabulary:
    """How one command looks when typed without /werving, and how people ask about it."""

    name: str
    args: str
    triggers: Phrases
    example: str


@dataclass(frozen=True)
class Vocabulary:
    """Everything procedures/conversation.yaml says."""

    commands: dict[str, CommandVocabulary]
    bot_markers: Phrases
    bot_overview: Phrases
    procedure: dict[str, Phrases]
    stepplan: dict[str, Phrases]
    stopwords: frozenset[str]
    short_question: dict[str, frozenset[str]]  # deixis, progress and filler words of a short procedure question
    grammar: dict[str, frozenset[str]]  # word lists by GRAMMAR key (not_a_name, now, ordinal, ...)
    school_dependent: tuple[str, ...]
    document_kinds: dict[str, Phrases]  # document kind -> the words people use for it ("persbericht")
    natural_commands: dict[str, tuple[re.Pattern[str], ...]]  # command -> "vink {id} af" and the like
    small_talk: SmallTalk


@dataclass(frozen=True)
class SmallTalk:
    """Greetings and thanks ("hallo", "dank je wel"): a short friendly reply instead of a search in the guide."""

    kinds: dict[str, tuple[Phrases, str]]  # kind (greeting, thanks) -> its phrases and its reply
    words: frozenset[str]  # every word a small-talk message may consist of

    def reply(self, norm: str) -> str | None:
        """The reply when the (normalized) message is only small talk, else None. A later kind in the file
        wins ("hallo, bedankt!" is a thank-you); one word outside the list ("hallo, wat is een assessment")
        makes it a question."""
        words = norm.split()
        if not words or any(w not in self.words for w in words):
            return None
        found = [reply for phrases, reply in self.kinds.values() if phrases.hit(norm)]
        return found[-1] if found else None


def load_vocabulary(
    path: Path,
    command_names: Iterable[str],
    substep_ids: Iterable[str],
    document_kinds: Iterable[str] | None = None,
) -> Vocabulary:
    """Load and validate conversation.yaml; every command it names must exist, and every document kind
    it names must be one of `document_kinds` (when given).

    A command without an entry still works typed without /werving: bare, or with one word after it.
    """
    data = read_yaml(path)
    if not isinstance(data, Mapping):
        raise ContentError(path, "(bestand)", "het bestand moet een mapping zijn")
    names = set(command_names)
    raw_commands = _mapping(path, data, "commands")
    commands: dict[str, CommandVocabulary] = {}
    for name, entry in raw_commands.items():
        where = f"commands.{name}"
        if name not in names:
            raise ContentError(path, where, f"onbekende opdracht; kies uit {sorted(names)}")
        if not isinstance(entry, Mapping):
            raise ContentError(path, where, "moet een mapping zijn met args en triggers")
        args = entry.get("args")
        if args not in ARG_SHAPES:
            raise ContentError(path, f"{where}.args", f"onbekende vorm {args!r}; kies uit {sorted(ARG_SHAPES)}")
        example = entry.get("example") or ""
        if not isinstance(example, str):
            raise ContentError(path, f"{where}.example", "moet tekst zijn")
        commands[name] = CommandVocabulary(name, args, _phrases(path, entry, "triggers", where), example.strip())
    bot = _mapping(path, data, "bot_questions")
    proc = _mapping(path, data, "procedure_questions")
    plan = _mapping(path, data, "stepplan_questions")
    procedure = {key: _phrases(path, proc, key, "procedure_questions", required=True) for key in PROCEDURE_INTENTS}
    stepplan = {key: _phrases(path, plan, key, "stepplan_questions", required=True) for key in STEPPLAN_KINDS}
    for extra, known, where in ((proc, PROCEDURE_INTENTS, "procedure_questions"), (plan, STEPPLAN_KINDS, "")):
        unknown = set(extra) - set(known) - {"stopwords"}
        if unknown:
            raise ContentError(path, where or "stepplan_questions", f"onbekende soort(en) {sorted(unknown)}")
    stopwords = _strings(path, plan, "stopwords", "stepplan_questions")
    short = _mapping(path, data, "short_procedure_questions")
    short_question = {
        key: frozenset(normalize(w) for w in _strings(path, short, key, "short_procedure_questions"))
        for key in ("deixis", "progress", "filler")
    }
    for key, words in short_question.items():
        if not words:
            raise ContentError(path, f"short_procedure_questions.{key}", "ontbreekt of is leeg")
    grammar_data = _mapping(path, data, "grammar")
    grammar = {key: frozenset(normalize(w) for w in _strings(path, grammar_data, key, "grammar")) for key in GRAMMAR}
    for key, found in grammar.items():
        if not found:
            raise ContentError(path, f"grammar.{key}", "ontbreekt of is leeg")
    dependent = _strings(path, data, "school_dependent_substeps", "")
    known_ids = set(substep_ids)
    for ref in dependent:
        if not _SUBSTEP.match(ref) or ref not in known_ids:
            raise ContentError(path, "school_dependent_substeps", f"onbekende substap '{ref}'")
    raw_kinds = _mapping(path, data, "document_kinds")
    known_kinds = set(document_kinds) if document_kinds is not None else None
    kinds: dict[str, Phrases] = {}
    for kind in raw_kinds:
        if known_kinds is not None and kind not in known_kinds:
            raise ContentError(path, f"document_kinds.{kind}", f"onbekend document; kies uit {sorted(known_kinds)}")
        kinds[str(kind)] = _phrases(path, raw_kinds, kind, "document_kinds", required=True)
    natural = _natural_commands(path, data, names)
    return Vocabulary(
        commands=commands,
        bot_markers=_phrases(path, bot, "markers", "bot_questions", required=True),
        bot_overview=_phrases(path, bot, "overview", "bot_questions", required=True),
        procedure=procedure,
        stepplan=stepplan,
        stopwords=frozenset(normalize(w) for w in stopwords),
        short_question=short_question,
        grammar=grammar,
        school_dependent=dependent,
        document_kinds=kinds,
        natural_commands=natural,
        small_talk=_small_talk(path, data),
    )


SMALL_TALK_KINDS = ("greeting", "thanks")


def _small_talk(path: Path, data: Mapping[str, Any]) -> SmallTalk:
    """The small_talk section: per kind its phrases and reply, and the filler words that may come with them."""
    raw = _mapping(path, data, "small_talk")
    unknown = set(raw) - set(SMALL_TALK_KINDS) - {"filler"}
    if unknown:
        choices = list(SMALL_TALK_KINDS)
        raise ContentError(path, "small_talk", f"onbekende soort(en) {sorted(unknown)}; kies uit {choices} en filler")
    kinds: dict[str, tuple[Phrases, str]] = {}
    words: set[str] = {normalize(w) for w in _strings(path, raw, "filler", "small_talk")}
    for kind in SMALL_TALK_KINDS:
        where = f"small_talk.{kind}"
        entry = raw.get(kind)
        if not isinstance(entry, Mapping):
            raise ContentError(path, where, "ontbreekt of is geen mapping met phrases en reply")
        reply = entry.get("reply")
        if not isinstance(reply, str) or not reply.strip():
            raise ContentError(path, f"{where}.reply", "ontbreekt of is geen tekst")
        phrases = _phrases(path, entry, "phrases", where, required=True)
        for i, phrase in enumerate(phrases.source):
            if any(w in ("..", "$", "^") or w.endswith("*") for w in phrase.split()):
                raise ContentError(path, f"{where}.phrases[{i}]", f"'{phrase}' moet uit gewone woorden bestaan")
        words.update(w for phrase in phrases.source for w in phrase.split())
        kinds[kind] = (phrases, reply.strip())
    return SmallTalk(kinds, frozenset(words))


def _natural_commands(path: Path, data: Mapping[str, Any], names: set[str]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """The sentences that carry out a command on one sub-step ("vink {id} af"), as patterns over the whole
    normalized message with the sub-step in group `id`; text after the sentence is kept in group `rest`."""
    raw = _mapping(path, data, "natural_commands")
    found: dict[str, tuple[re.Pattern[str], ...]] = {}
    for name in raw:
        where = f"natural_commands.{name}"
        if name not in names:
            raise ContentError(path, where, f"onbekende opdracht; kies uit {sorted(names)}")
        patterns = []
        for i, phrase in enumerate(_strings(path, raw, name, "natural_commands")):
            if phrase.count("{id}") != 1 or not _PATTERN_CHARS.match(phrase.replace("{id}", "x")):
                raise ContentError(
                    path, f"{where}[{i}]", f"'{phrase}' moet precies één {{id}} bevatten en verder alleen woorden"
                )
            body = compile_phrase("^ " + phrase.replace("{id}", "substapid")).pattern.removesuffix(r"(?![\w'-])")
            body = body.replace("substapid", r"(?P<id>\d{1,2}[a-z])")
            patterns.append(re.compile(body + r"(?P<rest>(?:\s.*)?)$"))
        found[str(name)] = tuple(patterns)
    return found


def _mapping(path: Path, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping) or not value:
        raise ContentError(path, key, "moet een niet-lege mapping zijn")
    return value


def _strings(path: Path, entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    full = f"{where}.{key}" if where else key
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and str(v).strip() for v in value):
        raise ContentError(path, full, "moet een lijst met tekst zijn")
    return tuple(str(v).strip().lower() for v in value)


def _phrases(path: Path, entry: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> Phrases:
    full = f"{where}.{key}"
    items = _strings(path, entry, key, where)
    if required and not items:
        raise ContentError(path, full, "ontbreekt of is leeg")
    for i, phrase in enumerate(items):
        if not _PATTERN_CHARS.match(phrase) or phrase.startswith("..") or phrase.endswith(".."):
            raise ContentError(path, f"{full}[{i}]", f"ongeldig patroon '{phrase}'")
    cleaned = tuple(" ".join(_clean_word(w) for w in p.split()) for p in items)
    return Phrases(source=cleaned, patterns=tuple(compile_phrase(p) for p in cleaned))


def _clean_word(word: str) -> str:
    """One word of a phrase normalized like message text, keeping the `..` gap and a trailing `*`."""
    if word in ("..", "$", "^"):
        return word
    if word.endswith("*"):
        return normalize(word[:-1]) + "*"
    return normalize(word)
