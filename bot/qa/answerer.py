"""Answer committee questions from the encoded guide: search, decide whether the guide covers it, compose.

A question is covered when the best item both ranks well (BM25 over title, example questions, keywords
and answer) and contains most of the question's content words, weighted by how rare they are in the
guide. The second test matters because generic words (gemeente, raad, nieuw) occur everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings
from bot.core.messages import Answer
from bot.core.text import MAX_INPUT_CHARS, clean_input
from bot.qa import compose, scope
from bot.qa.index import CACHE_NAME, Entry, SearchIndex, open_index
from bot.qa.normalize import Analyzer, Term, words

# Calibrated on the development set and tests/qa_questions.yaml (see tests/test_qa_quality.py).
MIN_COVERAGE = 0.6  # share of the question's (idf-weighted) content the best item must contain
MIN_SCORE = 2.0  # BM25 score the best item must reach
TERM_FACTOR = 0.8  # a glossary explanation yields to a full item that matches about as well
SEE_ALSO_RATIO = 0.75  # a runner-up this close to the best one is offered under "Zie ook"
SUGGEST_COVERAGE = 0.25  # a refused question still gets nearby topics above this coverage


@dataclass(frozen=True)
class Candidate:
    """An item found for a question, with the figures that decide whether it answers it."""

    entry: Entry
    bm25: float
    coverage: float

    @property
    def score(self) -> float:
        """Ranking score: BM25 damped by how much of the question the item leaves unexplained."""
        factor = compose_factor(self.entry)
        return self.bm25 * factor * (0.5 + self.coverage)


def compose_factor(entry: Entry) -> float:
    """Items outrank glossary explanations of equal strength."""
    return TERM_FACTOR if entry.kind == "term" else 1.0


class Answerer:
    """Answers questions from a search index; implements bot.core.messages.QuestionAnswerer."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.analyzer = Analyzer(index.lexicon)
        self._max_idf = max(index.lexicon.idf.values(), default=1.0) + 1.0

    def answer(self, question: str) -> Answer:
        """The guide's answer to `question`; never raises on odd input, never echoes it."""
        text = clean_input(question or "")
        if not text:
            return Answer(question=question, matched=False, text=compose.EMPTY)
        if len(text) > MAX_INPUT_CHARS:
            return Answer(question=question, matched=False, text=compose.too_long(len(text), MAX_INPUT_CHARS))
        folded = words(text)
        if not folded:
            return Answer(question=question, matched=False, text=compose.NO_WORDS)
        lang = scope.language(folded)
        if lang == "other":
            return Answer(question=question, matched=False, text=compose.OTHER_LANGUAGE)
        if lang == "en":
            folded = self.analyzer.translate(folded)
        walked = self.analyzer.walk(folded)
        office = scope.foreign_office([t for t, _ in walked], self.index.lexicon)
        if office is not None:
            return Answer(question=question, matched=False, text=compose.foreign_office(office))
        terms = self.analyzer.terms(walked)
        if not terms:
            return Answer(question=question, matched=False, text=compose.NO_TOPIC)
        candidates = self.candidates(terms)
        if not candidates or not self._covers(candidates[0]):
            return self._refusal(question, candidates, lang)
        return self._matched(question, candidates)

    def candidates(self, terms: list[Term], limit: int = 8) -> list[Candidate]:
        """Items for the terms, best first."""
        tokens = [t.token for t in terms] + [p for t in terms for p in t.parts]
        found = [
            Candidate(entry, bm25, self.coverage(terms, entry)) for entry, bm25 in self.index.search(tokens, limit)
        ]
        found.sort(key=lambda c: c.score, reverse=True)
        return found

    def coverage(self, terms: list[Term], entry: Entry) -> float:
        """Share of the question's content, weighted by rarity, that the entry contains."""
        idf = self.index.lexicon.idf
        have = entry.tokens
        total = got = 0.0
        for term in terms:
            weight = idf.get(term.token, self._max_idf)
            total += weight
            if term.token in have:
                got += weight
            elif term.parts:
                got += weight * sum(p in have for p in term.parts) / len(term.parts)
        return got / total if total else 0.0

    def _covers(self, best: Candidate) -> bool:
        return best.coverage >= MIN_COVERAGE and best.bm25 >= MIN_SCORE

    def _matched(self, question: str, candidates: list[Candidate]) -> Answer:
        best = candidates[0]
        entry = best.entry
        see = [self.index.by_id[i].title for i in entry.see if i in self.index.by_id]
        for other in candidates[1:]:
            if len(see) >= 2 or other.score < SEE_ALSO_RATIO * best.score:
                break
            if other.entry.kind == "item" and other.entry.title not in see and self._covers(other):
                see.append(other.entry.title)
        return Answer(
            question=question,
            matched=True,
            text=compose.matched(entry.answer, entry.sections, entry.steps, see[:2]),
            sources=entry.sections,
            steps=entry.steps,
            item_id=entry.id,
        )

    def _refusal(self, question: str, candidates: list[Candidate], lang: str) -> Answer:
        near = [c.entry.title for c in candidates if c.entry.kind == "item" and c.coverage >= SUGGEST_COVERAGE]
        suggestions = tuple(dict.fromkeys(near))[:3]
        text = compose.OTHER_LANGUAGE if lang == "en" and not suggestions else compose.not_covered(suggestions)
        return Answer(question=question, matched=False, text=text, suggestions=suggestions)


def cache_path(settings: Settings) -> Path:
    """Where the built index is cached: next to the bot's database."""
    return settings.db_path.parent / CACHE_NAME


def build_answerer(settings: Settings) -> Answerer:
    """An Answerer over the knowledge in settings.knowledge_dir, from the cached index when fresh."""
    return Answerer(open_index(settings.knowledge_dir, cache_path(settings)))
