"""Build the search lexicon and the per-item search fields from the knowledge (only when the cache is stale)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from bot.content.errors import ContentError
from bot.qa.knowledge import GLOSSARY_FILE, Knowledge, KnowledgeItem, term_item_id
from bot.qa.normalize import (
    NEUTRAL,
    STOPWORDS,
    Analyzer,
    Lexicon,
    clean_token,
    merge_suffix,
    snowball_stem,
    word_pair,
    words,
)
from bot.qa.scope import asks_definition, language
from bot.qa.wordlists import COUNT_FILLERS, NUMBER_WORDS

_COUNT_REACH = 4  # words looked at after a number for the thing it counts
_CLAUSE = re.compile(r"[.;:?!•()\n]+")  # word pairs in an answer are taken within one clause


@dataclass(frozen=True)
class Fields:
    """An item's search fields, each a space-separated run of tokens."""

    title: str
    questions: str
    keywords: str
    body: str
    pairs: str = ""  # adjacent content-word pairs of the title and example questions ("manager_rol")
    heads: str = ""  # the tokens of the title and of each example question, one run per text, "|" between
    counted: str = ""  # tokens of the words the item gives a number of ("twee gespreksrondes": gesprekronde)
    near: str = ""  # adjacent content-word pairs of the answer and keywords ("functie_vertegenwoordig")

    def tokens(self) -> frozenset[str]:
        """Every token of the item, for coverage checks."""
        return frozenset(f"{self.title} {self.questions} {self.keywords} {self.body}".split())


def _corpus(knowledge: Knowledge) -> list[str]:
    texts: list[str] = []
    for item in knowledge.items:
        texts += [item.title, item.answer, *item.keywords, *item.questions]
    glossary = knowledge.glossary
    for term in glossary.terms:
        texts += [term.term, *term.also, term.explanation]
    for group in glossary.word_groups:
        texts += group
    texts += [dutch for _, dutch in glossary.english]
    texts += [*glossary.other_offices, *glossary.appointment_words, *glossary.own_office, *glossary.outside_topics]
    texts += glossary.office_traits
    texts += glossary.procedure_words
    return texts


def build_lexicon(knowledge: Knowledge) -> tuple[Lexicon, list[Fields]]:
    """The lexicon for the knowledge, and the search fields of each item (in knowledge order)."""
    english = {tuple(words(en)): " ".join(words(nl)) for en, nl in _english_pairs(knowledge) if words(en)}
    knowledge = _dutch_questions(knowledge, english)
    vocab = frozenset(w for text in _corpus(knowledge) for w in words(text) if w.isalpha() and len(w) > 1)
    raw = {w: snowball_stem(w) for w in vocab if w not in STOPWORDS}
    base = frozenset(raw.values())
    stems = {w: merge_suffix(s, base) for w, s in raw.items()}
    heads = frozenset(w for w in vocab if w not in STOPWORDS)
    lexicon = Lexicon(
        stems=stems,
        base_stems=base,
        vocab=heads,
        prefixes=frozenset(w[:4] for w in vocab | NEUTRAL) | frozenset(s[:4] for s in stems.values()),
        phrases={},
        english={},
        idf={},
    )
    analyzer = Analyzer(lexicon)
    lexicon.phrases = _phrases(knowledge, analyzer)
    lexicon.english = english
    analyzer = Analyzer(lexicon)  # fresh: phrase tables are read at construction
    # Glossary words keep their meaning whole: "ondernemingsraad" must not also count as "raad".
    whole = {key[0] for key in lexicon.phrases if len(key) == 1}
    lexicon.splits = {
        w: parts for w in heads if len(w) >= 8 and analyzer.stem(w) not in whole and (parts := analyzer.split(w))
    }
    analyzer = Analyzer(lexicon)
    glossary = knowledge.glossary
    lexicon.offices = {_token(analyzer, name): name for name in glossary.other_offices}
    lexicon.appointment = frozenset(_token(analyzer, w) for w in glossary.appointment_words)
    lexicon.traits = frozenset(_token(analyzer, w) for w in glossary.office_traits)
    lexicon.own_office = frozenset(_token(analyzer, w) for w in glossary.own_office)
    lexicon.neutral = frozenset(analyzer.stem(w) for w in NEUTRAL)
    lexicon.outside = [found for text in glossary.outside_topics if (found := tuple(map(analyzer.stem, words(text))))]
    lexicon.procedure = frozenset(analyzer.stem(w) for text in glossary.procedure_words for w in words(text))
    lexicon.definitions = _definitions(knowledge, analyzer)
    fields = [_fields(item, analyzer) for item in knowledge.items]
    lexicon.idf = _idf([f.tokens() for f in fields])
    return lexicon, fields


def _dutch_questions(knowledge: Knowledge, english: dict[tuple[str, ...], str]) -> Knowledge:
    """The knowledge with English example questions translated as an English question is when asked: so
    they add Dutch words to the index (and none to the speller's word list), never English ones."""
    empty: frozenset[str] = frozenset()
    translator = Analyzer(
        Lexicon(stems={}, base_stems=empty, vocab=empty, prefixes=empty, phrases={}, english=english, idf={})
    )

    def dutch(question: str) -> str:
        folded = words(question)
        return " ".join(translator.translate(folded)) if language(folded) == "en" else question

    items = tuple(replace(item, questions=tuple(map(dutch, item.questions))) for item in knowledge.items)
    return replace(knowledge, items=items)


def _token(analyzer: Analyzer, text: str) -> str:
    """The single token a word or glossary phrase reduces to (its last one, for safety)."""
    walked = analyzer.walk(words(text))
    return walked[-1][0] if walked else ""


def _definitions(knowledge: Knowledge, analyzer: Analyzer) -> dict[str, str]:
    """Glossary token -> the item that defines it: a regular item whose title or example question asks
    exactly that ("Wat houdt de school van de zuivere rol in?"), else the glossary explanation itself."""
    found = {_token(analyzer, t.term): term_item_id(t.term) for t in knowledge.glossary.terms}
    claimed: dict[str, str] = {}
    for item in knowledge.items:
        if item.kind != "item":
            continue
        for text in (item.title, *item.questions):
            folded = words(text)
            terms = analyzer.terms(analyzer.walk(folded))
            if len(terms) == 1 and terms[0].token in found and (text == item.title or asks_definition(folded)):
                claimed.setdefault(terms[0].token, item.id)
    return found | claimed


def _english_pairs(knowledge: Knowledge) -> list[tuple[str, str]]:
    pairs = list(knowledge.glossary.english)
    for term in knowledge.glossary.terms:
        pairs += [(en, term.term) for en in term.english]
    return pairs


def _phrases(knowledge: Knowledge, analyzer: Analyzer) -> dict[tuple[str, ...], str]:
    """Map the stems of every synonym to its group's canonical token; a synonym may sit in one group only."""
    glossary = knowledge.glossary
    groups = [(f"terms[{i}]", (t.term, *t.also)) for i, t in enumerate(glossary.terms)]
    groups += [(f"word_groups[{i}]", g) for i, g in enumerate(glossary.word_groups)]
    phrases: dict[tuple[str, ...], str] = {}
    owner: dict[tuple[str, ...], str] = {}
    for key, names in groups:
        canonical = clean_token("".join(analyzer.stem(w) for w in words(names[0])))
        if not canonical:
            raise ContentError(GLOSSARY_FILE, key, f"'{names[0]}' bevat geen woord om op te zoeken")
        for name in names:
            stems = tuple(analyzer.stem(w) for w in words(name))
            if not stems:
                continue
            if stems in phrases and phrases[stems] != canonical:
                raise ContentError(GLOSSARY_FILE, key, f"'{name}' staat ook al in {owner[stems]}")
            phrases[stems] = canonical
            owner[stems] = key
    return phrases


def _fields(item: KnowledgeItem, analyzer: Analyzer) -> Fields:
    def run(texts: tuple[str, ...] | list[str]) -> str:
        return " ".join(t for text in texts for t in analyzer.doc_tokens(text))

    def adjacent(texts: tuple[str, ...] | list[str]) -> set[str]:
        found = set()
        for text in texts:
            tokens = [t.token for t in analyzer.terms(analyzer.walk(words(text)))]
            found |= {word_pair(a, b) for a, b in zip(tokens, tokens[1:], strict=False)}
        return found

    heads = (item.title, *item.questions)
    pairs = adjacent(heads)
    return Fields(
        pairs=" ".join(sorted(pairs)),
        heads="|".join(run([text]) for text in heads),
        near=" ".join(sorted(adjacent([*_CLAUSE.split(item.answer), *item.keywords]) - pairs)),
        counted=" ".join(sorted({t for text in (*heads, item.answer) for t in counted_tokens(analyzer, text)})),
        title=run([item.title]),
        questions=run(item.questions),
        keywords=run([*item.keywords, *item.steps]),  # sub-step ids (7c) only: "stap" is in every step item
        body=run([item.answer]),
    )


def counted_tokens(analyzer: Analyzer, text: str) -> list[str]:
    """Tokens of the words a number in `text` counts: "twee gespreksrondes", "een kwart van de secretarissen",
    "hoeveel kandidaten" (a digit counts too, "10 stappen", but not one inside a step id); and "lang" when the
    text asks "hoe lang", so that an item about how long something takes can answer such a question."""
    folded = words(text)
    found = []
    for i, word in enumerate(folded):
        if word == "lang" and i and folded[i - 1] == "hoe":  # "Hoe lang mag de procedure duren?" is about a length
            found.append(analyzer.stem(word))
        if word not in NUMBER_WORDS and not word.isdigit():
            continue
        for follower in folded[i + 1 : i + 1 + _COUNT_REACH]:
            if follower in NUMBER_WORDS or follower in COUNT_FILLERS or follower in STOPWORDS or follower.isdigit():
                continue
            walked = analyzer.walk([follower])
            if walked and follower.isalpha():
                found.append(walked[0][0])
            break
    return found


def _idf(docs: list[frozenset[str]]) -> dict[str, float]:
    """BM25-style inverse document frequency of every token over the items."""
    df: dict[str, int] = {}
    for tokens in docs:
        for token in tokens:
            df[token] = df.get(token, 0) + 1
    n = len(docs)
    return {t: round(math.log(1 + (n - d + 0.5) / (d + 0.5)), 4) for t, d in df.items()}
