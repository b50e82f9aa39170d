"""Dutch text analysis for the guide search: markup removal, folding, tokens, stems, synonyms, compounds.

The same analysis runs over the knowledge items (when the index is built) and over a question, so a
question matches an item when both reduce to the same tokens. A token is a Snowball stem, or the
canonical token of a glossary group ("OR", "ondernemingsraad" and "ondernemingsraden" all become one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bot.qa.wordlists import ENGLISH_STOPWORDS, META, NEUTRAL, STOPWORDS

_MARKUP = re.compile(r"<[^<>\s][^<>]*>")  # Slack/HTML markup: <@U123>, <!channel>, <#C1|x>, <b>, <http…>
_WORD = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
_MEMO_LIMIT = 50_000  # bound the per-process stem memo, so odd input cannot grow it without end


def strip_markup(text: str) -> str:
    """Remove mentions, channel links, URLs and tags, then undo Slack's &amp;/&lt;/&gt; escaping."""
    if "<" not in text and "&" not in text:
        return text
    text = _MARKUP.sub(" ", text)
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return _MARKUP.sub(" ", text)


def fold(text: str) -> str:
    """Lower-case and drop accents (é -> e, ï -> i)."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words of `text`, markup removed; single letters dropped (digits kept: stap 5)."""
    return [w for w in _WORD.findall(fold(strip_markup(text))) if len(w) > 1 or w.isdigit()]


def word_pair(a: str, b: str) -> str:
    """Two neighbouring tokens as one key, in either order: "stel je het profiel op" = "profiel opstellen"."""
    return f"{a}_{b}" if a <= b else f"{b}_{a}"


def clean_token(text: str) -> str:
    """A token safe for an FTS5 query: letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", text)


@dataclass
class Lexicon:
    """Everything the analyser needs at question time; built once from the knowledge, cached as JSON."""

    stems: dict[str, str]  # folded corpus word -> token
    base_stems: frozenset[str]  # raw Snowball stems of the corpus, for the suffix merge rule
    vocab: frozenset[str]  # folded corpus words (for compound splitting)
    prefixes: frozenset[str]  # first four letters of corpus words and stems
    phrases: dict[tuple[str, ...], str]  # sequence of stems -> canonical token (glossary synonyms)
    english: dict[tuple[str, ...], str]  # sequence of English words -> Dutch words
    idf: dict[str, float]  # token -> inverse document frequency over the entries
    splits: dict[str, tuple[str, ...]] = field(default_factory=dict)  # corpus compound -> part tokens
    offices: dict[str, str] = field(default_factory=dict)  # token -> name of an office outside the guide
    appointment: frozenset[str] = frozenset()  # tokens of appointing verbs and nouns (benoemen, werving)
    traits: frozenset[str] = frozenset()  # tokens of what an office is like or needs (competenties, wonen)

    @cached_property
    def outside_starts(self) -> frozenset[str]:
        """The first stems of the outside topics, for a quick check that a question names none."""
        return frozenset(phrase[0] for phrase in self.outside)

    own_office: frozenset[str] = frozenset()  # tokens that name the guide's own office or its candidates
    definitions: dict[str, str] = field(default_factory=dict)  # glossary term token -> its item id
    neutral: frozenset[str] = frozenset()  # tokens of NEUTRAL words
    outside: list[tuple[str, ...]] = field(default_factory=list)  # stems of subjects the guide does not treat
    procedure: frozenset[str] = frozenset()  # stems of words that keep an outside topic inside the procedure

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form of the lexicon."""
        return {
            "stems": self.stems,
            "base_stems": sorted(self.base_stems),
            "vocab": sorted(self.vocab),
            "prefixes": sorted(self.prefixes),
            "phrases": [[list(k), v] for k, v in self.phrases.items()],
            "english": [[list(k), v] for k, v in self.english.items()],
            "idf": self.idf,
            "splits": {k: list(v) for k, v in self.splits.items()},
            "offices": self.offices,
            "appointment": sorted(self.appointment),
            "traits": sorted(self.traits),
            "own_office": sorted(self.own_office),
            "definitions": self.definitions,
            "neutral": sorted(self.neutral),
            "outside": [list(stems) for stems in self.outside],
            "procedure": sorted(self.procedure),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Lexicon:
        """The lexicon from its JSON form."""
        return cls(
            stems=data["stems"],
            base_stems=frozenset(data["base_stems"]),
            vocab=frozenset(data["vocab"]),
            prefixes=frozenset(data["prefixes"]),
            phrases={tuple(k): v for k, v in data["phrases"]},
            english={tuple(k): v for k, v in data["english"]},
            idf=data["idf"],
            splits={k: tuple(v) for k, v in data["splits"].items()},
            offices=data["offices"],
            appointment=frozenset(data["appointment"]),
            traits=frozenset(data.get("traits", ())),
            own_office=frozenset(data["own_office"]),
            definitions=data["definitions"],
            neutral=frozenset(data["neutral"]),
            outside=[tuple(stems) for stems in data.get("outside", ())],
            procedure=frozenset(data.get("procedure", ())),
        )


def english_bases(word: str) -> tuple[str, ...]:
    """Base forms an inflected English word may have, most likely first: meets -> meet, starting -> start,
    making -> make, planned -> plan, parties -> party. Only tried when the word itself is not in the list."""
    if len(word) < 4 or not word.isalpha():
        return ()
    bases: list[str] = []
    if word.endswith("ies"):
        bases.append(word[:-3] + "y")
    if word.endswith("es"):
        bases.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        bases.append(word[:-1])
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            bases += [stem, stem + "e"]
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                bases.append(stem[:-1])  # planned -> plan
    return tuple(dict.fromkeys(bases))


@dataclass(frozen=True)
class Term:
    """One content word of a question: its token, plus part tokens when it is an unknown compound."""

    token: str
    parts: tuple[str, ...] = ()
    neutral: bool = False  # a common word the guide does not use, or a META word: ignored for coverage


_snowball: Any = None


def snowball_stem(word: str) -> str:
    """The Dutch Snowball stem of `word` (the stemmer is imported on first use: it is slow to load)."""
    global _snowball
    if _snowball is None:
        import snowballstemmer

        _snowball = snowballstemmer.stemmer("dutch")
    return _snowball.stemWord(word)


def merge_suffix(stem: str, base: frozenset[str]) -> str:
    """Fold Snowball's leftovers onto a known stem: benoemt/benoemd -> benoem, interne -> intern, cvs -> cv."""
    if len(stem) > 4 and stem[-1] in "tdes" and stem[:-1] in base:
        return stem[:-1]
    return stem


class Analyzer:
    """Turns text into search tokens with a lexicon; memoises stems of words it has not seen before."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._memo: dict[str, str] = {}
        self._splits: dict[str, tuple[str, ...]] = {}
        sizes: dict[str, set[int]] = {}
        for key in lexicon.phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        # per first stem, the lengths of the glossary phrases that start with it, longest first
        self._phrase_sizes = {start: tuple(sorted(found, reverse=True)) for start, found in sizes.items()}
        self._phrase_starts = frozenset(self._phrase_sizes)
        self._english_max = max((len(k) for k in lexicon.english), default=1)

    def stem(self, word: str) -> str:
        """The token for one folded word (stop words, numbers and symbols stay as they are)."""
        known = self.lexicon.stems.get(word)
        if known is not None:
            return known
        memo = self._memo.get(word)
        if memo is not None:
            return memo
        if word in STOPWORDS or not word.isalpha() or not self._may_match(word):
            result = clean_token(word)  # cannot share a stem with the corpus: skip the slow stemmer
        else:
            result = merge_suffix(snowball_stem(word), self.lexicon.base_stems)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[word] = result
        return result

    def _may_match(self, word: str) -> bool:
        prefixes = self.lexicon.prefixes
        return word[:4] in prefixes or (word.startswith("ge") and word[2:6] in prefixes)

    def split(self, word: str) -> tuple[str, ...]:
        """Part tokens of a compound (selectiecommissie -> selectie, commissie), or () if none found."""
        known = self.lexicon.splits.get(word)
        if known is not None:
            return known
        if word in self._splits:
            return self._splits[word]
        parts = split_compound(word, self.lexicon.vocab)
        result = tuple(token for part in parts for token, _ in self.walk([part]))
        if len(self._splits) >= _MEMO_LIMIT:
            self._splits.clear()
        self._splits[word] = result
        return result

    def translate(self, english_words: list[str]) -> list[str]:
        """Replace English words and phrases by Dutch ones (longest phrase first); drop English filler."""
        out: list[str] = []
        i, n = 0, len(english_words)
        table = self.lexicon.english
        while i < n:
            for size in range(min(self._english_max, n - i), 0, -1):
                dutch = table.get(tuple(english_words[i : i + size]))
                if dutch is not None:
                    out.extend(dutch.split())
                    i += size
                    break
            else:
                word = english_words[i]
                if word not in ENGLISH_STOPWORDS:
                    base = next((table[(b,)] for b in english_bases(word) if (b,) in table), None)
                    out.extend(base.split() if base is not None else (word,))
                i += 1
        return out

    @staticmethod
    def _accidental(size: int, stem: str, word: str) -> bool:
        """An abbreviation (OR, MT, bm) matches only as itself, not as the stem of a longer word (orde)."""
        return size == 1 and len(stem) < 4 and stem != clean_token(word)

    def _unclashed(self, stem: str, word: str) -> str:
        """The token of a word whose stem is an abbreviation standing for something else: the word itself.

        The stemmer cuts "order" and "orde" to "or" and "mannen" to "man", which the glossary reads as the
        OR and diversity: those words keep their own form, so they neither match nor mean what they are not.
        """
        canonical = self.lexicon.phrases.get((stem,))
        if canonical is not None and canonical != stem and self._accidental(1, stem, word):
            return clean_token(word)
        return stem

    def walk(self, folded_words: list[str]) -> list[tuple[str, str]]:
        """(token, word) pairs in order; a glossary phrase becomes one canonical token with word ""."""
        known = self.lexicon.stems.get
        stems = [known(w) or self.stem(w) for w in folded_words]
        phrases = self.lexicon.phrases
        out: list[tuple[str, str]] = []
        i, n = 0, len(stems)
        while i < n:
            if stems[i] in self._phrase_starts:
                for size in self._phrase_sizes[stems[i]]:
                    if size > n - i:
                        continue
                    canonical = phrases.get(tuple(stems[i : i + size]))
                    if canonical is not None and not self._accidental(size, stems[i], folded_words[i]):
                        out.append((canonical, "" if size > 1 else folded_words[i]))
                        i += size
                        break
                else:
                    out.append((self._unclashed(stems[i], folded_words[i]), folded_words[i]))
                    i += 1
            else:
                out.append((stems[i], folded_words[i]))
                i += 1
        return out

    def terms(self, walked: list[tuple[str, str]]) -> list[Term]:
        """The content terms of a question: no stop words, no repeats; unknown compounds get parts.

        Words naming the guide (META) only count when the question has nothing else: "Waar gaat deze
        handreiking over?" is about the guide, "Wat zegt de handreiking over search?" is about search.
        """
        terms: list[Term] = []
        meta: list[Term] = []
        seen: set[str] = set()
        idf = self.lexicon.idf
        vocab = self.lexicon.vocab
        for token, word in walked:
            if token in seen or word in STOPWORDS or not token:
                continue
            seen.add(token)
            if word in META:
                meta.append(Term(token, (), neutral=True))
                continue
            parts: tuple[str, ...] = ()
            neutral = False
            if token not in idf:
                neutral = token in self.lexicon.neutral or word in NEUTRAL
                if word and not neutral and word not in vocab:
                    parts = tuple(p for p in self.split(word) if p != token)
            terms.append(Term(token, parts, neutral))
        return terms or meta

    def doc_tokens(self, text: str) -> list[str]:
        """Tokens of an item text for the index: content tokens plus the parts of compounds."""
        out: list[str] = []
        for token, word in self.walk(words(text)):
            if word in STOPWORDS or not token:
                continue
            out.append(token)
            if word:
                out.extend(self.lexicon.splits.get(word, ()))
        return out


def split_compound(word: str, vocab: frozenset[str]) -> tuple[str, ...]:
    """Split a Dutch compound in two (allowing a linking s or e); () when no part is known.

    Both parts known is best (selectie|commissie); else a long known head (raads|vergadering) or a long
    known modifier (privacy|gevoelige). The unknown part is kept, so it still counts as unexplained.
    """
    if len(word) < 8 or not word.isalpha():
        return ()
    for i in range(3, len(word) - 3):  # earliest split = longest head
        left, right = word[:i], word[i:]
        if right in vocab and len(right) >= 4 and _known_left(left, vocab):
            return (left, right)
    for i in range(4, len(word) - 4):
        if word[i:] in vocab and len(word) - i >= 6:
            return (word[:i], word[i:])
    for i in range(len(word) - 4, 4, -1):
        if _known_left(word[:i], vocab):
            return (word[:i], word[i:])
    return ()


def _known_left(left: str, vocab: frozenset[str]) -> bool:
    return (
        left in vocab
        or (left[-1] in "se" and left[:-1] in vocab and len(left) > 3)
        or left + "en" in vocab
        or left + "ing" in vocab
    )
