"""Answers from the guide: matched answers cite their sections, refusals are clear, bad input never crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from qa_support import fixture_settings

from bot.core.messages import Answer, QuestionAnswerer
from bot.qa import compose
from bot.qa.answerer import Answerer, build_answerer


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    return build_answerer(fixture_settings(tmp_path_factory.mktemp("qa")))


def ask(answerer: QuestionAnswerer, question: str) -> Answer:
    return answerer.answer(question)


def test_matched_answer_cites_sections_and_steps(answerer: Answerer) -> None:
    answer = ask(answerer, "Wie mag de gemeentesecretaris ontslaan?")
    assert answer.matched and answer.item_id == "wie-benoemt"
    assert answer.text.startswith("Het college van B&W benoemt de gemeentesecretaris")
    assert answer.text.endswith("Bron: handreiking VGS, §1.2.2 Wettelijk kader · stap 10b")
    assert answer.sources == ("1.2.2 Wettelijk kader",) and answer.steps == ("10b",)


def test_synonyms_and_abbreviations_find_the_item(answerer: Answerer) -> None:
    assert ask(answerer, "Heeft de OR adviesrecht bij de benoeming?").item_id == "or-advies"
    assert ask(answerer, "mag de ondernemingsraad adviseren?").item_id == "or-advies"
    assert ask(answerer, "Wanneer werkt een vacaturetekst?").item_id == "advertentie"
    assert ask(answerer, "Bij wie bellen we referenten?").item_id == "referenties"


def test_definition_questions(answerer: Answerer) -> None:
    wor = ask(answerer, "Wat betekent Wor?")
    assert wor.matched and wor.item_id == "begrip-wor" and "Wet op de ondernemingsraden" in wor.text
    assert ask(answerer, "Wat is headhunting?").item_id == "search-wat-is-het"  # an item titled as definition
    glossary_see = ask(answerer, "wat is de OR")
    assert glossary_see.item_id == "begrip-ondernemingsraad"
    assert "Zie ook: Welk advies geeft de OR over de benoeming?" in glossary_see.text


def test_english_question_is_answered_in_dutch(answerer: Answerer) -> None:
    answer = ask(answerer, "Who appoints the municipal secretary?")
    assert answer.matched and answer.item_id == "wie-benoemt" and "college" in answer.text


@pytest.mark.parametrize(
    "question",
    ["Wat is de btw op een fiets?", "Kun je een mop vertellen?", "Hoeveel inwoners heeft Amsterdam?"],
)
def test_off_topic_questions_are_refused(answerer: Answerer, question: str) -> None:
    answer = ask(answerer, question)
    assert not answer.matched and answer.sources == ()
    assert answer.text.startswith("Daar gaat de handreiking niet over.")
    assert "Vraag me bijvoorbeeld naar" in answer.text or answer.suggestions


def test_half_covered_question_is_refused_without_claiming_the_guide_is_silent(answerer: Answerer) -> None:
    # Partly about the guide (referenten), partly not (a taxi): the bot is unsure, so it neither answers
    # nor says the guide leaves the topic alone, and offers no topics that did not come close.
    answer = ask(answerer, "Hoe vaak bellen we referenten en wat kost een taxi ernaartoe?")
    assert not answer.matched and answer.outcome == "refuse" and answer.suggestions == ()
    assert answer.text.startswith("Ik vind in de handreiking geen antwoord dat goed bij je vraag past")
    assert "Daar gaat de handreiking niet over" not in answer.text


@pytest.mark.parametrize(
    ("question", "office"),
    [("Wie benoemt de burgemeester?", "burgemeester"), ("Hoe werf ik een nieuwe griffier?", "griffier")],
)
def test_appointing_someone_else_is_out_of_scope(answerer: Answerer, question: str, office: str) -> None:
    answer = ask(answerer, question)
    assert not answer.matched
    assert f"niet over de benoeming of werving van een {office}" in answer.text
    assert ask(answerer, "Benoemt de burgemeester de secretaris?").matched  # about the secretary after all


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("", compose.EMPTY),
        ("   \n\t ", compose.EMPTY),
        ("?!?... ;-)", compose.NO_WORDS),
        ("<!channel> <@U123>", compose.NO_WORDS),
        ("Wat is het dan?", compose.NO_TOPIC),
        ("Wer ernennt den Bürgermeister und warum ist das wichtig?", compose.OTHER_LANGUAGE),
        ("Qui nomme le secrétaire et pourquoi est-ce important?", compose.OTHER_LANGUAGE),
    ],
)
def test_bad_input_gets_a_clear_dutch_reply(answerer: Answerer, question: str, reply: str) -> None:
    answer = ask(answerer, question)
    assert not answer.matched and answer.text == reply


def test_very_long_input(answerer: Answerer) -> None:
    answer = ask(answerer, "x" * 10_000)
    assert not answer.matched
    assert answer.text.startswith("Je bericht is te lang (10.000 tekens; ik lees er hooguit 2.000). Stel één")


def test_mentions_are_ignored_and_never_echoed(answerer: Answerer) -> None:
    answer = ask(answerer, "<!channel> <@U123> Wat is search? <!everyone>")
    assert answer.matched and answer.item_id == "search-wat-is-het"
    for question in ["<!channel> <@U123> Wat is search?", "<!here> mop <script>", "<@U999> Wie benoemt de bm?"]:
        text = ask(answerer, question).text
        assert "<" not in text and ">" not in text and "U123" not in text and "U999" not in text


def test_replies_never_repeat_the_question(answerer: Answerer) -> None:
    for question in ["Wat kost een parkeervergunning voor mijn Tesla?", "Xyzzy plugh", "Wie benoemt de secretaris?"]:
        assert question.lower() not in ask(answerer, question).text.lower()


def test_answers_stay_within_the_limit(tmp_path: Path) -> None:
    answerer = build_answerer(fixture_settings(tmp_path))
    for entry in answerer.index.entries.values():
        text = compose.matched(entry.answer * 3, entry.sections, entry.steps, ["Een titel"] * 2)
        assert len(text) <= compose.MAX_REPLY_CHARS and text.endswith(compose.trailer(entry.sections, entry.steps))
