"""Answer committee questions from the encoded guide: search, decide whether the guide covers it, compose.

A question counts as covered when its best item ranks well (BM25 over title, example questions, keywords
and answer), contains most of the question's known content words weighted by rarity (generic words such
as gemeente or raad occur everywhere and weigh little), and the words the guide never uses are
outnumbered by specific words the item does contain: "Hoeveel inwoners heeft Amsterdam?" shares one
word with the guide and adds one it has never seen, so it is refused. Before the search, typing errors
are corrected and split verbs joined (bot.qa.spelling); questions about a subject or a job the guide
leaves alone are refused outright (bot.qa.scope).

Ranking re-weighs BM25 by focus (bot.qa.ranking.focus): an item one of whose example questions shares
the question's rare words, or that puts the question's word pairs side by side, is about the question; a
broad item that merely lists the words is not. "Hoeveel X ...?" needs an item that gives a number of X.

A long message is split into its question and the context around it (scope.split_focus): the context
helps rank but weighs less. The outcome is an answer, a "Bedoel je ...?" with two or three item titles
(each gives that item when asked back), or a refusal that says the guide leaves the topic alone only
when the bot is sure of that. An English question is translated word by word through the glossary and
answered in Dutch with a one-line note; a verdict (Ja, Nee, Formeel niet) opens only answers to yes/no
questions.
"""

from __future__ import annotations

import re
from collections import Counter
from operator import itemgetter
from pathlib import Path

from bot.config import Settings
from bot.core.messages import Answer
from bot.core.text import MAX_INPUT_CHARS, clean_input
from bot.qa import compose, scope
from bot.qa.index import CACHE_NAME, Entry, SearchIndex, open_index
from bot.qa.normalize import Analyzer, Term, fold, word_pair, words
from bot.qa.ranking import (
    CLARIFY_RATIO,
    CONTEXT_WEIGHT,
    HEAD_BOOST,
    MIN_SCORE,
    PAIR_BOOST,
    PAIR_SPREAD,
    SEE_ALSO_RATIO,
    SPECIFIC_IDF,
    SUGGEST_COVERAGE,
    UNKNOWN_WEIGHT,
    VAGUE_IDF,
    VAGUE_RATIO,
    Candidate,
    focus,
    joined,
    rank,
)
from bot.qa.spelling import Speller, rejoin_particles
from bot.qa.wordlists import NUMBER_WORDS
from bot.qa.wordlists import words as words_of

ORDINALS = NUMBER_WORDS | words_of("eerste tweede derde vierde vijfde laatste 1 2 3 4 5 6 7 8 9 10")

# token, known parts, number of parts, weight, specific, and the first part of a compound when the guide knows it
_Weighed = tuple[str, tuple[str, ...], int, float, bool, str]
_STEP_ID = re.compile(r"stap-(\d+)-")  # ids of the step-plan items: stap-6-gespreksrondes
STEP_SEARCH_LIMIT = 40  # items searched for the step a "Welke stap komt na X?" question names
_PROPER_NAME = re.compile(r"[A-Z][a-z]{2,}")  # Gouda, Nederland; not OR, MT or P&O
_WORD_CASED = re.compile(r"[^\W\d_]+")
_SENTENCE_OPENER = re.compile(r"(?:^|[.!?:])[\W\d_]*?([^\W\d_]+)")  # the first word of each sentence


def _inner_words(text: str) -> list[str]:
    """The words of a text that do not open a sentence: only there does a capital mark a name."""
    openers = {m.start(1) for m in _SENTENCE_OPENER.finditer(text)}
    return [m.group() for m in _WORD_CASED.finditer(text) if m.start() not in openers]


class Answerer:
    """Answers questions from a search index; implements bot.core.messages.QuestionAnswerer."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.analyzer = Analyzer(index.lexicon)
        self.speller = Speller(index.lexicon, index.vocabulary)
        # A suggestion asked back ("Bedoel je ...?" offers item titles) gets exactly that item.
        # Numbers and ordinals ("de tweede verdieping") say which one, not what about: never specific.
        self._ordinal = frozenset(self.analyzer.stem(w) for w in ORDINALS)
        self._titles = {" ".join(words(e.title)): e for e in index.entries.values() if e.kind == "item"}
        # In how many items' titles and example questions each word pair occurs.
        self._pair_spread = Counter(pair for entry in index.entries.values() for pair in entry.pairs)

    def _known_token(self, word: str) -> bool:
        """Whether the word, or the glossary group it belongs to, is an index token."""
        stem = self.analyzer.stem(word)
        return self.index.lexicon.phrases.get((stem,), stem) in self.index.lexicon.idf

    def _known_form(self, word: str) -> bool:
        """Whether the guide uses this word in another form (its stem is an index token), or it is a
        compound of guide words that is not a typing error of a guide word ("gesprekronden" is one of
        "gespreksrondes", not gesprek + ronden): then it is left as it is."""
        idf = self.index.lexicon.idf
        if self.analyzer.stem(word) in idf:
            return True
        parts = self.analyzer.split(word)
        if not parts or not all(p in idf for p in parts):
            return False
        corrected = self.speller.correct_word(word)
        return corrected == word or self.analyzer.stem(corrected) not in idf

    def _analyse(
        self, text: str, lang: str, folded: list[str] | None = None
    ) -> tuple[list[str], list[tuple[str, str]], list[Term]]:
        """Folded words (translated, repaired), walked tokens and content terms of one piece of text
        (`folded`: its words, when already at hand)."""
        folded = words(text) if folded is None else folded
        if lang == "en":
            folded = self.analyzer.translate(folded)
        folded = rejoin_particles(self.speller.correct(folded, self._known_form), self._known_token)
        walked = self.analyzer.walk(folded)
        terms = self.analyzer.terms(walked)
        return folded, walked, terms

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
        chosen = self._titles.get(" ".join(folded))
        if chosen is not None:
            return self._matched(question, Candidate(chosen, MIN_SCORE, 1.0, 1, 0, MIN_SCORE), [], "nl")
        lang = scope.language(folded)
        if lang == "other":
            return Answer(question=question, matched=False, text=compose.OTHER_LANGUAGE)
        focus_text, context_text = scope.split_focus(text)
        folded, walked, terms = self._analyse(focus_text, lang, None if context_text else folded)
        context: list[Term] = []
        long = bool(context_text)
        asked = folded  # the question's own words: only they can name a subject the guide leaves alone
        if context_text:
            context_folded, context_walked, context = self._analyse(context_text, lang)
            folded, walked = context_folded + folded, context_walked + walked
            idf = self.index.lexicon.idf
            own = self.index.lexicon.own_office  # "voor de nieuwe secretaris" says nothing on its own
            if scope.points_back(focus_text) or not any(
                t.token in idf and not t.neutral and t.token not in own for t in terms
            ):
                # "Wat is wijsheid?", "Hoe kunnen we dat garanderen?": the whole message is what it asks
                terms, context = context + terms, []
                long = True
                asked = folded
        if scope.asks_errand(folded):
            return self._refusal(question, [], lang, confident=True)  # an errand, not a question
        office = scope.foreign_office([t for t, _ in walked], self.index.lexicon)
        if office is not None:
            return Answer(question=question, matched=False, text=compose.foreign_office(office))
        if scope.outside_topic([self.analyzer.stem(w) for w in asked], self.index.lexicon):
            return self._refusal(question, [], lang, confident=True)  # understood, and not in the guide
        if not terms:
            return Answer(question=question, matched=False, text=compose.NO_TOPIC)
        if scope.asks_next_step(folded):
            following = self._step_after(terms)
            if following is not None:
                return self._matched(question, following, [], lang)
        definition = self._definition(terms, folded) if not context else None
        if definition is not None:
            return self._matched(question, definition, [], lang)
        idf = self.index.lexicon.idf
        strange = any(t.token not in idf and not t.neutral for t in terms)  # only then can a name matter
        candidates = self.candidates(
            terms, names=self._names(text) if strange else frozenset(), context=context, long=long
        )
        counted = scope.counted_word(folded)
        if counted and any(_PROPER_NAME.fullmatch(w) for w in _inner_words(focus_text)):
            # "Hoeveel gemeenten telt Nederland?", "Hoeveel inwoners heeft Gouda?": facts about a place
            return self._refusal(question, [], lang, confident=True)
        if counted:  # "Hoeveel X ...?" is answered only by an item that gives a number of X
            token = self.analyzer.walk([counted])[0][0]
            candidates = [c if token in c.entry.counted else c._replace(missing=c.missing + 1) for c in candidates]
        if not candidates or not candidates[0].covers:
            # "Wat is een gemeenschappelijke regeling?" names a term the glossary lacks: nothing to offer
            return self._refusal(question, candidates, lang, unsure_only=scope.asks_definition(folded))
        if self._vague(terms, candidates):
            labels = tuple(dict.fromkeys(c.entry.title for c in candidates if c.covers and c.entry.kind == "item"))
            return Answer(
                question=question,
                matched=False,
                text=compose.clarify(labels[:3]),
                suggestions=labels[:3],
                outcome="clarify",
            )
        return self._matched(question, candidates[0], candidates[1:], lang)

    def _step_after(self, terms: list[Term]) -> Candidate | None:
        """For "Welke stap komt na X?": the step-plan item of the step after the step that is about X."""
        skip = {self.analyzer.stem(w) for w in ("stap", "stappen", "fase", "komt", "volgt", "volgende", "daarna")}
        tokens = [t.token for t in terms if t.token not in skip and not t.neutral]
        for entry, _ in self.index.search(tokens, STEP_SEARCH_LIMIT) if tokens else ():
            match = _STEP_ID.match(entry.id)
            if match is None:
                continue
            prefix = f"stap-{int(match.group(1)) + 1}-"
            following = next((e for e in self.index.entries.values() if e.id.startswith(prefix)), None)
            return Candidate(following, MIN_SCORE, 1.0, 1, 0, MIN_SCORE) if following is not None else None
        return None

    def _vague(self, terms: list[Term], candidates: list[Candidate]) -> bool:
        """Whether a question about one broad word ("En de OR?", "Hoe zit het met de gesprekken?") fits
        several items about as well: then the bot asks which one is meant instead of picking one."""
        content = [t for t in terms if not t.neutral]
        if len(content) != 1 or len(candidates) < 2 or self.index.lexicon.idf.get(content[0].token, 0.0) >= VAGUE_IDF:
            return False
        best, runner = candidates[0], candidates[1]
        return runner.covers and runner.entry.kind == "item" and runner.score >= VAGUE_RATIO * best.score

    def candidates(
        self,
        terms: list[Term],
        limit: int = 5,
        names: frozenset[str] = frozenset(),
        context: list[Term] | None = None,
        long: bool = False,
    ) -> list[Candidate]:
        """Items for the terms, best first; `names` are tokens of capitalised words (Amsterdam, VVD).

        `context` holds the terms of the sentences around the question of a long message: they help
        rank (at CONTEXT_WEIGHT) and count less for coverage; `long` says the question came with context
        (then a lower coverage will do, see Candidate.covers)."""
        tokens = [t.token for t in terms] + [p for t in terms for p in t.parts]
        weights: dict[str, float] = {}
        if context:
            extra = [t.token for t in context] + [p for t in context for p in t.parts]
            weights = {t: CONTEXT_WEIGHT for t in extra if t not in tokens}
            tokens += list(weights)
        weighed = self._weigh(terms, names, context)
        found = [self._judge(weighed, terms, entry, bm25) for entry, bm25 in self.index.search(tokens, limit, weights)]
        if long or context:
            found = [c._replace(long=True) for c in found]
        if len(terms) > 1:
            spread = self._pair_spread.get
            pairs = {
                pair: min(1.0, PAIR_SPREAD / spread(pair, 1))
                for pair in (word_pair(a.token, b.token) for a, b in zip(terms, terms[1:], strict=False))
            }
            weights = {token: weight for token, known, _, weight, _, _ in weighed[0] if not known}
            # Focus at most multiplies a score by `bound`: an item that stays below the best plain score
            # even then cannot win, and keeps its plain score (it is too far behind for "Zie ook" as well).
            bound = (1 + PAIR_BOOST * len(pairs)) * (1 + HEAD_BOOST)
            top = max((c.score for c in found), default=0.0)
            found.sort(
                key=lambda c: c.score * focus(c.entry, pairs, weights) if c.score * bound >= top else c.score,
                reverse=True,
            )
        else:
            found.sort(key=itemgetter(5), reverse=True)
        return found

    def _names(self, text: str) -> frozenset[str]:
        """Tokens of the words written with a capital after the first word: names of places, parties, people."""
        capitalised = [w for w in _inner_words(text) if w[0].isupper()]
        return frozenset(self.analyzer.stem(fold(w)) for w in capitalised)

    def _weigh(
        self, terms: list[Term], names: frozenset[str], context: list[Term] | None = None
    ) -> tuple[list[_Weighed], float]:
        """Once per question: each judged term's weight, and how many words are foreign to the guide.

        Context terms (the sentences around the question of a long message) weigh CONTEXT_WEIGHT, never
        count as specific, and a context word the guide does not use does not count against it."""
        idf = self.index.lexicon.idf
        weighed: list[_Weighed] = []
        unknown = 0.0
        asked = {t.token for t in terms}
        for term in context or ():
            if term.neutral or term.token in asked:
                continue
            weight = idf.get(term.token)
            if weight is not None:
                weighed.append((term.token, (), 0, weight * CONTEXT_WEIGHT, False, ""))
                continue
        for term in terms:
            if term.neutral:
                continue
            weight = idf.get(term.token)
            if weight is not None:
                specific = weight >= SPECIFIC_IDF and term.token not in self._ordinal
                weighed.append((term.token, (), 0, weight, specific, ""))
                continue
            known = tuple(p for p in term.parts if p in idf)
            if known:  # a compound the guide lacks: weighed by its known parts
                modifier = term.parts[0] if term.parts[0] in idf else ""
                weight = sum(idf[p] for p in known) / len(known)
                weighed.append((term.token, known, len(term.parts), weight, False, modifier))
            else:
                unknown += 2 if term.token in names else 1  # a name the guide never mentions: Amsterdam
                if UNKNOWN_WEIGHT:  # no item contains it: it lowers every item's coverage
                    weighed.append((term.token, (), 0, UNKNOWN_WEIGHT, False, ""))
        return weighed, unknown

    @staticmethod
    def _judge(weighed: tuple[list[_Weighed], float], terms: list[Term], entry: Entry, bm25: float) -> Candidate:
        """How well one item covers the question (see Candidate)."""
        judged, unknown = weighed
        have = entry.tokens
        total = got = 0.0
        specific = missing = 0
        for token, known, size, weight, is_specific, modifier in judged:
            total += weight
            if not known:
                if token in have:
                    got += weight
                    specific += is_specific
                continue
            present: float = sum(p in have for p in known)
            if present == size == 2 and not joined(entry, known):
                present = 1.5  # both halves occur, but apart: "veiligheid" and "regionale" are no "veiligheidsregio"
            got += weight * present / size
            unknown += present / size <= 0.5  # a compound whose other half is foreign: gemeenteraads|verkiezingen
            # The first part of a compound says which kind it is: an item about some periode, but not about
            # the raad, does not answer a question about the "raadsperiode".
            missing += bool(modifier) and modifier not in have
        # Only neutral words ("Waar gaat deze handreiking over?"): the ranking decides.
        coverage = got / total if total else float(any(t.token in have for t in terms))
        return Candidate(entry, bm25, coverage, specific, unknown, rank(entry, bm25, coverage), missing)

    def _definition(self, terms: list[Term], folded: list[str]) -> Candidate | None:
        """For "Wat betekent Wor?" and the like: the item that defines the term (or its glossary entry)."""
        if len(terms) != 1 or not scope.asks_definition(folded):
            return None
        item_id = self.index.lexicon.definitions.get(terms[0].token)
        entry = self.index.by_id.get(item_id) if item_id else None
        return Candidate(entry, MIN_SCORE, 1.0, 1, 0, MIN_SCORE) if entry is not None else None

    def _matched(self, question: str, best: Candidate, others: list[Candidate], lang: str) -> Answer:
        entry = best.entry
        see = [self.index.by_id[i].title for i in entry.see if i in self.index.by_id]
        for other in others:
            if len(see) >= 2 or other.score < SEE_ALSO_RATIO * best.score:
                break
            if other.entry.kind == "item" and other.entry.title not in see and other.covers:
                see.append(other.entry.title)
        body = compose.lead(entry.answer, lambda: scope.is_yes_no(question))
        return Answer(
            question=question,
            matched=True,
            text=compose.matched(body, entry.sections, entry.steps, see[:2], english=lang == "en"),
            sources=entry.sections,
            steps=entry.steps,
            item_id=entry.id,
            outcome="answer",
        )

    def _refusal(
        self, question: str, candidates: list[Candidate], lang: str, confident: bool = False, unsure_only: bool = False
    ) -> Answer:
        """A "Bedoel je ...?" when the best items come close, else a refusal, worded "Daar gaat de
        handreiking niet over" only when confident: the question names a subject the guide leaves alone,
        nothing comes near, or its words the guide never uses clearly outweigh the ones it shares."""
        near = [c for c in candidates if c.entry.kind == "item" and c.coverage >= SUGGEST_COVERAGE]
        best = candidates[0] if candidates else None
        # "Wat moet er in het profiel?": only words the guide uses, all in the best item, but too broad to
        # pick one item (no specific word, a low score): the main items on it are offered, not refused.
        broad = best is not None and best.coverage >= 1.0 and best.unknown == 0 and best.missing == 0
        if not confident and not unsure_only and best is not None and near and (best.clarifies or broad):
            labels = tuple(dict.fromkeys(c.entry.title for c in near if c.score >= CLARIFY_RATIO * near[0].score))
            return Answer(
                question=question,
                matched=False,
                text=compose.clarify(labels[:3]),
                suggestions=labels[:3],
                outcome="clarify",
            )
        # Topics that did not come close enough to offer are no help after a refusal: none are suggested.
        confident = confident or best is None or best.coverage < SUGGEST_COVERAGE or best.foreign
        text = compose.not_covered(()) if confident else compose.unsure(())
        return Answer(question=question, matched=False, text=text, outcome="refuse")


def cache_path(settings: Settings) -> Path:
    """Where the built index is cached: next to the bot's database."""
    return settings.db_path.parent / CACHE_NAME


def build_answerer(settings: Settings) -> Answerer:
    """An Answerer over the knowledge in settings.knowledge_dir, from the cached index when fresh."""
    return Answerer(open_index(settings.knowledge_dir, cache_path(settings)))
