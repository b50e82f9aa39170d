"""Repairs of question words before the search: typing errors and split verbs.

A long word the guide never uses is replaced by a guide word one or two typing errors away
("gemeentesecretris" -> "gemeentesecretaris"), and a separable verb is put back together
("besteed je de werving uit" -> "uitbesteed").

Only words of at least MIN_LENGTH letters are corrected, one edit for words up to 8 letters and two for
longer ones, so short words and names are left alone. The candidates are the guide's own content words
(those that reach the index), looked up by length and first two letters (typing errors there are rare),
which keeps the check to a few dozen comparisons for the rare question that needs it.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.qa.normalize import Lexicon
from bot.qa.wordlists import NEUTRAL, STOPWORDS, words

MIN_LENGTH = 6
LONG_WORD = 9  # from this length two edits are allowed


def max_edits(word: str) -> int:
    """How many typing errors a word of this length may contain and still be corrected."""
    return 2 if len(word) >= LONG_WORD else 1


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, substitute, swap two neighbours); `limit` + 1 once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class Speller:
    """Corrects unknown question words against the guide's vocabulary (built on first use)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
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
        """The closest guide word within the allowed edits (the most frequent one on a tie), else `word`."""
        memo = self._memo.get(word)
        if memo is not None:
            return memo
        limit = max_edits(word)
        buckets = self._candidates()
        idf = self.lexicon.idf
        best, best_key = word, (limit + 1, 0.0)
        for length in range(len(word) - limit, len(word) + limit + 1):
            for start in {word[:2], word[1] + word[0]}:  # the first two letters, or them swapped
                for candidate in buckets.get((length, start), ()):
                    d = distance(word, candidate, limit)
                    key = (d, idf.get(self.lexicon.stems[candidate], 0.0))
                    if d <= limit and key < best_key:
                        best, best_key = candidate, key
        if len(self._memo) >= 10_000:
            self._memo.clear()
        self._memo[word] = best
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


def _forms(verb: str) -> tuple[str, ...]:
    """Infinitive guesses for a verb stem, then the stem itself: opstel -> opstellen, uitbesteed -> uitbesteden."""
    if len(verb) > 3 and verb[-2] == verb[-3] and verb[-2] in "aeou":  # a long vowel: besteed -> besteden
        return (verb[:-2] + verb[-1] + "en", verb)
    return (verb + verb[-1] + "en", verb + "en", verb)
