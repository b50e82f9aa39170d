"""Question repairs and focus checks: typing errors, split verbs, subjects and jobs the guide leaves alone."""

from __future__ import annotations

import pytest
from qa_support import FIXTURE_KNOWLEDGE, fixture_settings

from bot.qa.answerer import Answerer, build_answerer
from bot.qa.knowledge import load_knowledge
from bot.qa.lexicon import build_lexicon
from bot.qa.spelling import Speller, distance, max_edits, rejoin_particles


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return build_answerer(fixture_settings(tmp_path_factory.mktemp("qa")))


@pytest.fixture(scope="module")
def speller() -> Speller:
    lexicon, _ = build_lexicon(load_knowledge(FIXTURE_KNOWLEDGE))
    return Speller(lexicon)


def test_edit_distance_counts_swaps_as_one() -> None:
    assert distance("secretris", "secretaris", 2) == 1
    assert distance("ondernemignsraad", "ondernemingsraad", 2) == 1  # two letters swapped
    assert distance("advertentie", "advertenties", 2) == 1
    assert distance("kandidaat", "referentie", 2) == 3  # beyond the limit: limit + 1
    assert max_edits("burgemeestr") == 2 and max_edits("referent") == 1


def test_unknown_long_words_are_corrected_to_guide_words(speller: Speller) -> None:
    assert speller.correct_word("gemeentesecretris") == "gemeentesecretaris"
    assert speller.correct_word("advertenite") == "advertentie"
    assert speller.correct_word("hondenbelasting") == "hondenbelasting"  # nothing near it: kept
    never = speller.correct(["wie", "benoemt", "de", "gemeentesecretris"], lambda w: False)
    assert never == ["wie", "benoemt", "de", "gemeentesecretaris"]
    kept = speller.correct(["gemeentesecretris", "tesla"], lambda w: w == "gemeentesecretris")
    assert kept == ["gemeentesecretris", "tesla"]  # known in another form, and too short to correct


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("Wie benoemt de gemeentesecretris?", "wie-benoemt"),
        ("Wanneer werkt een advertenite?", "advertentie"),
        ("Wat zegt de ondernemignsraad over de benoeming?", "or-advies"),
    ],
)
def test_typing_errors_still_find_the_item(answerer: Answerer, question: str, item: str) -> None:
    answer = answerer.answer(question)
    assert answer.matched and answer.item_id == item


def test_split_verbs_are_joined_when_the_guide_knows_them() -> None:
    known = {"uitbesteden"}.__contains__
    assert rejoin_particles(["wanneer", "besteed", "je", "search", "uit"], known) == [
        "wanneer",
        "uitbesteden",
        "je",
        "search",
        "uit",
    ]
    # "in de advertentie" is a preposition with its noun, not a particle
    assert rejoin_particles(["wat", "besteed", "je", "in", "de", "advertentie"], {"inbesteden"}.__contains__) == [
        "wat",
        "besteed",
        "je",
        "in",
        "de",
        "advertentie",
    ]


def test_split_verb_question_finds_the_item(answerer: Answerer) -> None:
    answer = answerer.answer("Wanneer besteed je de search uit?")
    assert answer.matched and answer.item_id == "search-wat-is-het"


@pytest.mark.parametrize(
    "question",
    ["Wat verdient een gemeentesecretaris?", "Hoe word ik lid van de ondernemingsraad?"],
)
def test_subjects_the_guide_leaves_alone_are_refused(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert not answer.matched and answer.text.startswith("Daar gaat de handreiking niet over.")


def test_a_job_the_guide_never_mentions_is_refused(answerer: Answerer) -> None:
    answer = answerer.answer("Hoe schrijf ik een vacaturetekst voor een beleidsmedewerker?")
    assert not answer.matched and "niet over de benoeming of werving van een beleidsmedewerker" in answer.text
    assert answer.text == answerer.answer("Wanneer werkt een advertentie voor een beleidsmedewerker?").text
    assert answerer.answer("Wanneer werkt een vacaturetekst?").matched  # the same words without the job


def test_compound_whose_first_part_the_item_lacks_is_refused(answerer: Answerer) -> None:
    assert answerer.answer("Wanneer werkt een advertentie?").matched
    assert not answerer.answer("Wanneer werkt een referentieadvertentie?").matched  # a kind the item never names
    assert answerer.answer("Wanneer werkt een advertentiekandidaat?").matched  # the item speaks of both parts


def test_a_particle_joins_only_a_verb() -> None:
    # "gaan we daar netjes mee om": "netjes" is no verb stem, so no "meenetjes" (whose stem is a guide word)
    known = {"meenetjes", "meenemen"}.__contains__
    folded = ["hoe", "gaan", "we", "daar", "netjes", "mee", "om"]
    assert rejoin_particles(folded, known) == folded
    # an infinitive joins as it is: "zoeken ... uit" -> "uitzoeken"
    assert rejoin_particles(["wie", "gaat", "dat", "zoeken", "uit"], {"uitzoeken"}.__contains__)[3] == "uitzoeken"
