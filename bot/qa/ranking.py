"""How well a knowledge item fits a question: the thresholds, the Candidate that carries an item's
figures, and the focus factor that re-ranks BM25 (see bot.qa.answerer for how they are used).

An item answers a question when it ranks well (BM25), contains most of the question's known content
words weighted by rarity (coverage), and the question's words the guide never uses are outnumbered by
specific words the item does contain. A question that comes with sentences of context (a long message)
needs a lower coverage; one that comes close but not close enough gets "Bedoel je ...?".
"""

from __future__ import annotations

from typing import NamedTuple

from bot.qa.index import Entry
from bot.qa.normalize import word_pair

# Calibrated on the development set and tests/qa_questions.yaml (see tests/test_qa_quality.py).
MIN_SCORE = 1.0  # BM25 score the best item must reach
MIN_COVERAGE = 0.5  # share of the question's known content (idf-weighted) the best item must contain
SPECIFIC_IDF = 1.2  # a word in fewer items than this idf implies is specific enough to count
TERM_FACTOR = 0.8  # a glossary explanation yields to a full item that matches about as well
PAIR_BOOST = 0.3  # ranking bonus per word pair shared with an item's title or example questions
PAIR_SPREAD = 3  # a pair found in the questions of more items than this counts proportionally less
NEAR_BOOST = 0.15  # the same for a word pair within one clause of the answer or keywords
HEAD_BOOST = 0.5  # ranking bonus for the share of the question's words found in one example question
SEE_ALSO_RATIO = 0.75  # a runner-up this close to the best one is offered under "Zie ook"
SUGGEST_COVERAGE = 0.25  # a refused question still gets nearby topics above this coverage
CLARIFY_COVERAGE = 0.3  # below MIN_COVERAGE but at least this: the item is offered under "Bedoel je ...?"
CLARIFY_RATIO = 0.6  # other items offered with it must rank at least this close to the best one
LONG_MIN_COVERAGE = 0.35  # MIN_COVERAGE for a question that comes with sentences of context
LONG_SCORE_FACTOR = 3.0  # ... which must also reach this multiple of MIN_SCORE
VAGUE_IDF = 1.5  # ... and only when that word is broad (in many items): OR, profiel, gesprek, not search
VAGUE_RATIO = 0.97  # a one-word question whose runner-up scores this close to the best gets "Bedoel je ...?"
CONTEXT_WEIGHT = 0.5  # share of the ranking score of words in the sentences around a long message's question
UNKNOWN_WEIGHT = 1.5  # idf-like weight of a word the guide never uses, in the coverage of every item


class Candidate(NamedTuple):
    """An item found for a question, with the figures that decide whether it answers it."""

    entry: Entry
    bm25: float
    coverage: float  # idf-weighted share of the known content words that the item contains
    specific: int  # specific words of the question the item contains
    unknown: float  # words of the question that occur nowhere in the guide (ordinary words count less)
    score: float  # ranking score, see rank()
    missing: int = 0  # unknown compounds whose first part, a guide word, the item lacks (raads|periode)
    long: bool = False  # the question came with sentences of context (see scope.split_focus)

    @property
    def covers(self) -> bool:
        """Whether this item answers the question; with context around the question a lower share of
        all the message's words will do (the context weighs less, and tells more than the item needs)."""
        return (
            self.bm25 >= MIN_SCORE * (LONG_SCORE_FACTOR if self.long else 1)
            and self.coverage >= (LONG_MIN_COVERAGE if self.long else MIN_COVERAGE)
            and (self.unknown == 0 or self.unknown < self.specific)
            and self.missing == 0
        )

    @property
    def clarifies(self) -> bool:
        """Whether this item comes close enough to offer it under "Bedoel je ...?": the question uses only
        words the guide knows (or, in a long message, mostly), and this item shares enough of them."""
        return (
            self.bm25 >= MIN_SCORE
            and self.coverage >= CLARIFY_COVERAGE
            and self.specific >= 1
            and self.missing == 0
            and (self.unknown == 0 or self.long and self.unknown < self.specific)
        )

    @property
    def foreign(self) -> bool:
        """Whether the question's words the guide never uses clearly outweigh the ones this item shares."""
        return self.unknown > self.specific + 1


def focus(entry: Entry, pairs: dict[str, float], weights: dict[str, float]) -> float:
    """How squarely an item is about the question, as a factor on its ranking score.

    BM25 sums over the whole item, so a broad item whose answer happens to list many of the question's
    words ("referenties" in a checklist for choosing a bureau) can outscore the item that is about them.
    Two signals favour the latter: the share (idf-weighted) of the question's words that one single
    example question or the title contains, and word pairs of the question that the item puts side by
    side, as the question does: in its title or example questions ("rol ... manager P&O"), or less
    tellingly in one clause of its answer ("functies vertegenwoordigd"). `pairs` maps each pair of the
    question to its weight: a stock phrase that many items ask about ("vragen stellen") weighs less.
    """
    factor = 1.0
    for pair, weight in pairs.items():
        if pair in entry.pairs:
            factor += PAIR_BOOST * weight
        elif pair in entry.near:
            factor += NEAR_BOOST * weight
    total = sum(weights.values())
    if total:
        shares: dict[int, float] = {}  # head position -> weight of the question's words in that head
        at = entry.head_index.get
        for token, weight in weights.items():
            for i in at(token, ()):
                shares[i] = shares.get(i, 0.0) + weight
        if shares:
            factor *= 1 + HEAD_BOOST * max(shares.values()) / total
    return factor


def joined(entry: Entry, parts: tuple[str, ...]) -> bool:
    """Whether an item puts the two parts of a compound side by side somewhere ("regio ... veiligheid")."""
    pair = word_pair(parts[0], parts[1])
    return pair in entry.pairs or pair in entry.near


def rank(entry: Entry, bm25: float, coverage: float) -> float:
    """Ranking score: BM25, damped by what the item leaves unexplained; full items before glossary terms."""
    return bm25 * (TERM_FACTOR if entry.kind == "term" else 1.0) * (0.5 + coverage)
