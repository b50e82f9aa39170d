"""Ranking and focus signals: which item is about the question, quantity questions, compounds, outside topics."""

from __future__ import annotations

import pytest
from qa_support import FIXTURE_KNOWLEDGE, REPO_ROOT

from bot.qa import scope
from bot.qa.answerer import Answerer
from bot.qa.index import Entry, open_index
from bot.qa.knowledge import load_knowledge
from bot.qa.lexicon import build_lexicon, counted_tokens
from bot.qa.normalize import Analyzer, words
from bot.qa.ranking import focus as _focus
from bot.qa.ranking import joined as _joined
from bot.qa.spelling import rejoin_particles


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(open_index(REPO_ROOT / "knowledge", None))


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    lexicon, _ = build_lexicon(load_knowledge(FIXTURE_KNOWLEDGE))
    return Analyzer(lexicon)


def _entry(
    item_id: str, heads: list[set[str]], pairs: frozenset[str] = frozenset(), near: frozenset[str] = frozenset()
) -> Entry:
    tokens = frozenset(t for head in heads for t in head)
    return Entry(
        num=1,
        id=item_id,
        title=item_id,
        answer="",
        sections=(),
        steps=(),
        see=(),
        kind="item",
        tokens=tokens,
        pairs=frozenset(pairs),
        heads=tuple(frozenset(h) for h in heads),
        near=frozenset(near),
    )


def test_one_example_question_sharing_the_rare_words_beats_a_scatter() -> None:
    weights = {"vraag": 1.3, "stel": 1.6, "referent": 2.5}
    about = _entry("about", [{"referent"}, {"vraag", "referent"}])
    scattered = _entry("scattered", [{"bureau"}, {"stel"}, {"vraag"}])
    assert _focus(about, {}, weights) > _focus(scattered, {}, weights) > 1.0
    assert _focus(_entry("none", [{"bureau"}]), {}, weights) == 1.0


def test_word_pairs_count_most_in_questions_and_less_in_the_answer() -> None:
    pairs = {"functie_vertegenwoordig": 1.0}
    in_questions = _entry("q", [{"x"}], pairs=frozenset({"functie_vertegenwoordig"}))
    in_answer = _entry("a", [{"x"}], near=frozenset({"functie_vertegenwoordig"}))
    assert _focus(in_questions, pairs, {}) > _focus(in_answer, pairs, {}) > _focus(_entry("n", [{"x"}]), pairs, {})
    stock = {"functie_vertegenwoordig": 0.25}  # a pair that many items ask about weighs less
    assert _focus(in_questions, stock, {}) < _focus(in_questions, pairs, {})


def test_compound_parts_count_as_joined_only_side_by_side() -> None:
    assert _joined(_entry("a", [{"x"}], near=frozenset({"regio_veil"})), ("veil", "regio"))
    assert not _joined(_entry("b", [{"veil"}, {"regio"}]), ("veil", "regio"))


def test_counted_words_follow_a_number(analyzer: Analyzer) -> None:
    tokens = counted_tokens(
        analyzer, "Houd twee à drie gespreksrondes en nodig ongeveer een kwart van de kandidaten uit."
    )
    assert set(tokens) == {analyzer.stem("gespreksrondes"), analyzer.stem("kandidaten")}
    assert counted_tokens(analyzer, "De selectiecommissie spreekt de kandidaten (stap 6a).") == []


def test_quantity_question_names_what_it_counts() -> None:
    assert scope.counted_word(words("Hoeveel ambtenaren werken er bij de gemeente?")) == "ambtenaren"
    assert scope.counted_word(words("Uit hoeveel stappen bestaat het stappenplan?")) == "stappen"
    assert scope.counted_word(words("Wie benoemt de gemeentesecretaris?")) == ""


def test_quantity_questions_need_an_item_that_gives_that_number(answerer: Answerer) -> None:
    assert answerer.answer("Hoeveel gespreksrondes houden we meestal?").matched
    assert answerer.answer("Hoeveel kandidaten nodigen we uit voor de eerste ronde?").matched
    assert not answerer.answer("Hoeveel medewerkers heeft de afdeling P&O?").matched
    assert not answerer.answer("Hoeveel ambtenaren werken er in onze gemeente?").matched


def test_procedure_words_keep_an_outside_topic_inside(answerer: Answerer) -> None:
    assert not answerer.answer("Hoeveel verdient een gemeentesecretaris?").matched
    assert answerer.answer("Mag de toelage hoger als de kandidaat elders meer verdient?").matched
    assert not answerer.answer("Welke opleiding moet je hebben voor dit vak?").matched


def test_the_item_about_the_rare_word_wins_over_a_checklist(answerer: Answerer) -> None:
    assert answerer.answer("Welke vragen leg je referenten voor?").item_id == "referenties"
    assert answerer.answer("Wie zit er in de collegedelegatie?").item_id == "college-invulling"
    assert answerer.answer("Hoe maken we de keuze tussen zuivere rol en breed draagvlak?").item_id == "welke-school"


def test_english_sit_and_instead_of_are_understood(answerer: Answerer) -> None:
    answer = answerer.answer("Can the works council take a seat on the advisory committee?")
    assert answer.matched and answer.item_id == "or-in-selectiecommissie"


def test_a_particle_before_a_noun_is_a_preposition() -> None:
    known = {"aanstellen", "uitbesteden"}.__contains__
    assert rejoin_particles(["welke", "vragen", "stel", "je", "aan", "referenten"], known)[2] == "stel"
    assert rejoin_particles(["wanneer", "stel", "je", "hem", "aan"], known)[1] == "aanstellen"
    assert rejoin_particles(["besteed", "je", "het", "uit", "aan", "een", "bureau"], known)[0] == "uitbesteden"
