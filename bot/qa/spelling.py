"""Repairs of question words before the search: typing errors and split verbs.

A long word the guide never uses is checked against a general Dutch word list (bot.qa.dictionary): a
common Dutch word ("regenen", "printer") is left alone, so it cannot be turned into a guide word
("regelen") and still counts as a word the guide does not use; anything else is replaced by the nearest
guide word or common Dutch word one or two typing errors away ("gemeentesecretris" ->
"gemeentesecretaris", "stiekum" -> "stiekem"), a guide word winning a tie. A separable verb is put back
together ("besteed je de werving uit" -> "uitbesteed").

Only words of at least MIN_LENGTH letters are corrected, one edit for words up to 8 letters and two for
longer ones, so short words and names are left alone. Guide words are looked up by length and first two
letters (typing errors there are rare), Dutch words by one indexed query on the same key.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.qa.dictionary import Vocabulary
from bot.qa.normalize import Lexicon
from bot.qa.wordlists import NEUTRAL, STOPWORDS, words

MIN_LENGTH = 5
LONG_WORD = 9  # from this length two edits are allowed
REAL_WORD_ZIPF = 3.0  # a Dutch word at least this common (once per million words) is no typing error
RARE_WORD_ZIPF = 2.3  # a rarer listed word is kept unless a guide word or a much commoner word is one edit away
COMMONER = 1.5  # how much commoner (Zipf) a correction of a rare listed word must be


def max_edits(word: str) -> int:
    """How many typing errors a word of this length may contain and still be corrected."""
    return 2 if len(word) >= LONG_WORD else 1


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, substitute, swap two neighbours); `limit` + 1 once it exceeds limit.

    rapidfuzz's optimal string alignment distance (imported only when a word needs correcting)."""
    from rapidfuzz.distance import OSA

    return OSA.distance(a, b, score_cutoff=limit)


class Speller:
    """Corrects unknown question words against the guide's vocabulary (built on first use)."""

    def __init__(self, lexicon: Lexicon, vocabulary: Vocabulary | None = None) -> None:
        self.lexicon = lexicon
        self.vocabulary = vocabulary
        self._buckets: dict[tuple[int, str], list[str]] | None = None
        self._memo: dict[str, str] = {}

    def _candidates(self) -> dict[tuple[int, str], list[str]]:
        if self._buckets is None:
            known = self.lexicon.idf
            canonical = frozenset(self.lexicon.phrases.values())
            buckets: dict[tuple[int, str], list[str]] = {}
            for word, token in self.lexicon.stems.items():
                if len(word) >= MIN_LENGTH - 1 and word.isalpha() and (token in known or token in canonical):
                    buckets.setdefault((len(word), word[:2]), []).append(word)
            self._buckets = buckets
        return self._buckets

    def needs_correction(self, word: str) -> bool:
        """A long alphabetic word that is neither a guide word nor a stop word or common word."""
        return (
            len(word) >= MIN_LENGTH
            and word.isalpha()
            and word not in self.lexicon.stems
            and word not in STOPWORDS
            and word not in NEUTRAL
        )

    def correct_word(self, word: str) -> str:
        """The word itself when it is a common Dutch word, else the closest guide word or common Dutch word
        within the allowed edits (fewest edits first, then guide words, then the commonest), else `word`."""
        memo = self._memo.get(word)
        if memo is not None:
            return memo
        best = self._best(word)
        if len(self._memo) >= 10_000:
            self._memo.clear()
        self._memo[word] = best
        return best

    def _best(self, word: str) -> str:
        vocabulary = self.vocabulary
        zipf = vocabulary.zipf(word) if vocabulary is not None else 0.0
        if zipf >= REAL_WORD_ZIPF:
            return word
        limit = max_edits(word)
        buckets = self._candidates()
        idf = self.lexicon.idf
        best, best_key = word, (limit + 1, 0, 0.0)
        for length in range(len(word) - limit, len(word) + limit + 1):
            for start in {word[:2], word[1] + word[0]}:  # the first two letters, or them swapped
                for candidate in buckets.get((length, start), ()):
                    d = distance(word, candidate, limit)
                    key = (d, 0, idf.get(self.lexicon.stems[candidate], 0.0))
                    if d <= limit and key < best_key:
                        best, best_key = candidate, key
        if zipf >= RARE_WORD_ZIPF:  # a listed but rare word: only an obvious slip is corrected
            limit = 1
            if best_key[0] > 1:
                best, best_key = word, (2, 0, 0.0)
        if vocabulary is not None:
            floor = max(REAL_WORD_ZIPF, zipf + COMMONER) if zipf else REAL_WORD_ZIPF
            for candidate, frequency in vocabulary.near(word, limit, floor):
                key = (distance(word, candidate, limit), 1, -frequency)
                if key < best_key:
                    best, best_key = candidate, key
        return best

    def correct(self, folded_words: list[str], is_known: Callable[[str], bool]) -> list[str]:
        """The words with unknown ones corrected; `is_known` tells which words the guide already knows
        in another form (an inflection whose stem it uses), and those are kept as they are."""
        return [self.correct_word(w) if self.needs_correction(w) and not is_known(w) else w for w in folded_words]


# Particles of Dutch separable verbs: "besteed je de werving uit" is "uitbesteden".
PARTICLES = words("uit in op aan af mee door na terug toe over bij weg")
# After these a particle is a preposition instead: "wat zet je in de advertentie".
_DETERMINERS = words("de het een die dat deze dit mijn onze ons zijn haar hun je jouw uw jullie hem ze")
_UNGOVERNED = STOPWORDS | PARTICLES  # words a preposition does not govern: after them a particle may end


def rejoin_particles(folded_words: list[str], is_known: Callable[[str], bool]) -> list[str]:
    """Put a split verb back together ("besteed ... uit" -> "uitbesteden") when the guide knows the whole
    verb; a particle followed by an article, a pronoun or a noun is a preposition ("in de advertentie",
    "vragen stel je aan referenten") and stays."""
    folded_words = _join_te_infinitives(folded_words, is_known)
    out = list(folded_words)
    joined: dict[int, str] = {}
    for j, particle in enumerate(folded_words):
        if particle not in PARTICLES or j == 0:
            continue
        following = folded_words[j + 1] if j + 1 < len(folded_words) else ""
        if following in _DETERMINERS or following.isalpha() and following not in _UNGOVERNED:
            continue  # "aan een bureau", "aan referenten": a preposition before what it governs
        for i in range(j - 1, -1, -1):
            word = out[i]
            if i in joined or word in STOPWORDS or not word.isalpha() or word in PARTICLES:
                continue
            # "stel ... op" -> "opstellen": try the infinitive first, the guide mostly uses that form
            whole = next((w for w in _forms(particle + word) if is_known(w)), None)
            if whole is not None:
                joined[i] = whole
                break
    return [joined.get(i, word) for i, word in enumerate(out)]


def _join_te_infinitives(folded_words: list[str], is_known: Callable[[str], bool]) -> list[str]:
    """ "in te huren" -> "inhuren", "op te stellen" -> "opstellen" when the guide knows the whole verb."""
    if "te" not in folded_words:
        return folded_words
    out: list[str] = []
    i, n = 0, len(folded_words)
    while i < n:
        word = folded_words[i]
        if word in PARTICLES and i + 2 < n and folded_words[i + 1] == "te" and is_known(word + folded_words[i + 2]):
            out.append(word + folded_words[i + 2])
            i += 3
            continue
        out.append(word)
        i += 1
    return out


def _forms(verb: str) -> tuple[str, ...]:
    """Infinitive guesses for a verb stem, then the word itself when it already is an infinitive:
    opstel -> opstellen, uitbesteed -> uitbesteden, uitzoeken; never "meenetjes" ("netjes ... mee")."""
    itself = (verb,) if verb.endswith("en") else ()
    if len(verb) > 3 and verb[-2] == verb[-3] and verb[-2] in "aeou":  # a long vowel: besteed -> besteden
        return (verb[:-2] + verb[-1] + "en", *itself)
    return (verb + verb[-1] + "en", verb + "en", *itself)
