"""The three outcomes of a guide question (answer, clarify, refuse) over the real knowledge, and the
classes of question they must hold up on: long messages with context, members' own words, typing
errors against real Dutch words, English, yes/no questions."""

from __future__ import annotations

import re

import pytest
from qa_support import REPO_ROOT

from bot.qa.answerer import Answerer
from bot.qa.compose import ENGLISH_NOTE
from bot.qa.index import open_index
from bot.qa.spelling import Speller


@pytest.fixture(scope="module")
def answerer() -> Answerer:
    return Answerer(open_index(REPO_ROOT / "knowledge", None))


def test_answer_outcome_is_matched(answerer: Answerer) -> None:
    answer = answerer.answer("Wat doet de adviescommissie?")
    assert answer.outcome == "answer" and answer.matched and answer.item_id == "rol-adviescommissie"


def test_clarify_offers_topics_that_each_give_their_answer(answerer: Answerer) -> None:
    answer = answerer.answer("En de OR?")
    assert answer.outcome == "clarify" and not answer.matched
    assert 1 <= len(answer.suggestions) <= 3 and answer.text.startswith("Ik weet niet zeker wat je bedoelt")
    for label in answer.suggestions:
        assert f". {label}" in answer.text
        chosen = answerer.answer(label)
        assert chosen.outcome == "answer" and chosen.item_id is not None
        assert answerer.index.by_id[chosen.item_id].title == label


@pytest.mark.parametrize(
    "question",
    [
        "De printer op de tweede verdieping doet het niet",
        "Kun je een mop vertellen?",
        "Hoe wordt een nieuwe burgemeester eigenlijk benoemd?",
        "hoe werven we een nieuwe burgemeester?",
        "What time does the town hall open?",
        "Gaat het morgen regenen in Utrecht?",
        "Hoeveel gemeenten telt Nederland?",
        "Kun je de agenda van de raad doorsturen?",
    ],
)
def test_off_topic_and_near_misses_are_refused_without_suggestions(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "refuse" and not answer.matched and answer.suggestions == ()


@pytest.mark.parametrize(
    ("question", "item"),
    [
        (
            "We zijn een gemeente van 30.000 inwoners en onze secretaris gaat na de zomer met pensioen. Voordat "
            "we een vacature maken willen we eerst scherp hebben wat voor opvolger we nodig hebben. Met wie "
            "moeten we daarvoor gaan praten, en heeft het zin om ook mensen buiten het gemeentehuis te spreken?",
            "profiel-gesprekken-betrokkenen",
        ),
        ("Die secretaris heeft toch allerlei petten op? Welke zijn dat precies?", "profiel-drie-rollen"),
        ("Kan de adviescommissie een kandidaat afschieten?", "rol-adviescommissie"),
        ("Wie houdt straks de jaargesprekken met de directeuren?", "profiel-bevoegdheden-functioneringsgesprekken"),
        ("Can we require the new town clerk to move to our town?", "profiel-woonplaats-verhuizen"),
        ("wat moet er in het profeil staan over de gemeente zelf?", "profiel-kenschets-gemeente"),
    ],
)
def test_members_own_words(answerer: Answerer, question: str, item: str) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "answer" and answer.item_id == item


def test_english_question_is_answered_in_dutch_with_a_note(answerer: Answerer) -> None:
    answer = answerer.answer("Does the mayor have to sit on the selection committee?")
    assert answer.matched and answer.text.startswith(ENGLISH_NOTE + "\n")


def test_yes_no_question_gets_the_verdict_first_and_others_do_not(answerer: Answerer) -> None:
    answer = answerer.answer("Mag ik de cv's hier in het kanaal zetten?")
    assert answer.matched and answer.text.startswith("Nee. ")
    other = answerer.answer("Wat doen we met cv's in het kanaal?")
    assert other.item_id == answer.item_id and not other.text.startswith("Nee")


def test_typing_errors_are_repaired_against_real_dutch_words(answerer: Answerer) -> None:
    speller = Speller(answerer.index.lexicon, answerer.index.vocabulary)
    assert speller.correct_word("regenen") == "regenen"  # a real word, never turned into "regelen"
    assert speller.correct_word("stiekum") == "stiekem"  # a Dutch word the guide never uses
    assert speller.correct_word("profeil") == "profiel"  # a guide word


def test_answers_have_no_doubled_words_in_brackets_and_stay_short(answerer: Answerer) -> None:
    for entry in answerer.index.entries.values():
        assert "(tenminste)" not in entry.answer and "(plus- en minpunten)" not in entry.answer
        if entry.kind == "item":
            assert len(answerer.answer(entry.title).text) <= 1200


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("Welke stap komt na de voorselectie?", "stap-6-gespreksrondes"),
        ("Wat gebeurt er in de stap na het assessment?", "stap-9-arbeidsvoorwaarden"),
    ],
)
def test_question_about_the_following_step(answerer: Answerer, question: str, item: str) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "answer" and answer.item_id == item


def test_answers_use_one_form_of_address(answerer: Answerer) -> None:
    for entry in answerer.index.entries.values():
        found = set(re.findall(r"\b(je|jij|jouw|jullie|u|uw)\b", entry.answer.lower()))
        assert not found & {"u", "uw"}, entry.id
        assert not ("jullie" in found and found & {"je", "jij", "jouw"}), entry.id


def test_every_topic_label_fits_a_button_and_gives_its_own_answer(answerer: Answerer) -> None:
    # Titles are what "Bedoel je ...?" offers: Slack buttons hold at most 75 characters.
    for entry in answerer.index.entries.values():
        if entry.kind == "item":
            assert len(entry.title) <= 75, entry.id
            assert answerer.answer(entry.title).item_id == entry.id


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("Who decides on the appointment of the new municipal secretary?", "wie-benoemt"),
        ("Should we use a headhunter or recruit ourselves?", "werving-zelf-of-bureau"),
        ("How long does the whole recruitment procedure usually take?", "doorlooptijd"),
        ("What is the difference between the two schools of selection committees?", "scholen-verschil"),
        ("Can an internal candidate apply confidentially?", "discretie-interne-belangstelling"),
    ],
)
def test_english_questions_are_answered(answerer: Answerer, question: str, item: str) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "answer" and answer.item_id == item and answer.text.startswith(ENGLISH_NOTE)


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("How many interview rounds would you recommend?", "aantal-gespreksrondes"),
        ("Honestly, when is a job advertisement actually effective?", "werving-advertentie"),
        ("What are the basic tasks of a municipal secretary?", "algemeen-profiel-basistaken"),
        ("How do we judge the CVs and cover letters objectively?", "selectie-objectiveren"),
    ],
)
def test_english_in_everyday_words_is_answered(answerer: Answerer, question: str, item: str) -> None:
    # Filler (honestly, actually, would you) carries no topic; recommend, effective, basic are translated.
    answer = answerer.answer(question)
    assert answer.outcome == "answer" and answer.item_id == item


@pytest.mark.parametrize(
    "question",
    [
        "What is the pension age for civil servants?",
        "How do I claim my travel expenses?",
        "What is the probation period for a new civil servant?",
        "Any tips for a good holiday destination this summer?",
    ],
)
def test_english_everyday_words_leave_off_topic_refused(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).outcome == "refuse"


@pytest.mark.parametrize(
    "question",
    ["How do we hire a new city clerk?", "How do I reset my password?", "What is the salary of the mayor?"],
)
def test_english_off_topic_is_refused_in_dutch(answerer: Answerer, question: str) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "refuse" and not answer.text.startswith("Ik begrijp alleen")


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("hoeveel gesprekronden zijn er", "aantal-gespreksrondes"),  # a slip, not gesprek + ronden
        ("mogen we referneties bellen zonder toestemmig", "referenties"),
        ("wat is het verchil tussen de zuivere rol en breed draagvlak", "scholen-verschil"),
    ],
)
def test_typing_errors_in_questions(answerer: Answerer, question: str, item: str) -> None:
    assert answerer.answer(question).item_id == item


@pytest.mark.parametrize(
    ("question", "item"),
    [
        ("Is het verstandig om een bureau in te huren?", "werving-zelf-of-bureau"),  # "in te huren" is inhuren
        ("Wat is de eerste stap?", "stap-1-profiel-opstellen"),
        ("Mag de OR meebeslissen over wie er benoemd wordt?", "or-adviesrecht"),
    ],
)
def test_yes_no_and_step_questions(answerer: Answerer, question: str, item: str) -> None:
    assert answerer.answer(question).item_id == item


@pytest.mark.parametrize(
    ("question", "item"),
    [
        (
            "Moeten we de top van de ambtelijke organisatie laten meepraten over het profiel?",
            "profiel-gesprekken-betrokkenen",
        ),
        ("Wat als de favoriet te veel wil verdienen?", "arbeidsvoorwaarden"),
        ("Hoe zorgen we dat het profiel niet een saai compromis wordt?", "profiel-grootste-gemene-deler"),
    ],
)
def test_paraphrases_in_members_words(answerer: Answerer, question: str, item: str) -> None:
    assert answerer.answer(question).item_id == item


def test_earnings_of_other_offices_stay_outside(answerer: Answerer) -> None:
    assert answerer.answer("Wat verdient een kandidaat wethouder?").outcome == "refuse"


@pytest.mark.parametrize(
    ("question", "item"),
    [
        (
            "Een van onze kandidaten is nu secretaris in een buurgemeente en wil absoluut niet dat zijn naam "
            "uitlekt. Hoe kunnen we dat garanderen?",
            "lekken-voorkomen",
        ),
        (
            "Ik heb een vraag over het assessment. De kandidaat wil de uitslag eerst zelf zien voordat wij die "
            "krijgen. Is dat gebruikelijk?",
            "stap-8-assessment",
        ),
    ],
)
def test_short_question_pointing_back_at_its_context(answerer: Answerer, question: str, item: str) -> None:
    assert answerer.answer(question).item_id == item


@pytest.mark.parametrize(
    ("question", "item"),
    [
        # an office merely named is no appointment to another post: she may be a candidate
        ("Een van onze afdelingshoofden wil solliciteren. Ze is bang dat het uitlekt. Hoe pakken we dat aan?", None),
        # a capital that opens a sentence is no place name
        ("Onze secretaris vertrekt over vier maanden. Hoe lang duurt zo'n procedure meestal?", "doorlooptijd"),
        # "Hoeveel nodigen we uit": a verb follows, the thing counted goes unsaid
        ("Hoeveel nodigen we uit voor de eerste ronde?", "aantal-eerste-ronde"),
    ],
)
def test_questions_that_only_look_out_of_scope_are_answered(
    answerer: Answerer, question: str, item: str | None
) -> None:
    answer = answerer.answer(question)
    assert answer.outcome == "answer"
    assert item is None or answer.item_id == item


def test_order_is_not_the_works_council(answerer: Answerer) -> None:
    assert answerer.answer("can you order pizza for the committee?").outcome == "refuse"


@pytest.mark.parametrize(
    "question",
    [
        "Welke competenties heeft een goede wethouder nodig?",
        "Mag een wethouder buiten de gemeente wonen?",
        "Wie stelt de profielschets op als we een nieuwe griffier zoeken?",
        "Welke vertrekvergoeding krijgt een secretaris die na een conflict opstapt?",
    ],
)
def test_what_another_office_needs_and_severance_are_refused(answerer: Answerer, question: str) -> None:
    assert answerer.answer(question).outcome == "refuse"


def test_the_secretarys_own_traits_are_still_answered(answerer: Answerer) -> None:
    assert answerer.answer("Moet de secretaris in de gemeente wonen?").item_id == "profiel-woonplaats-verhuizen"


def test_english_without_the_commonest_markers_is_still_read_as_english(answerer: Answerer) -> None:
    answer = answerer.answer("Will a big panel scare off good applicants?")
    assert answer.text.startswith("(Je vraag was in het Engels")


def test_a_question_about_one_broad_topic_gets_its_main_items_to_choose(answerer: Answerer) -> None:
    answer = answerer.answer("wat moet er in het profiel?")
    assert answer.outcome == "clarify" and len(answer.suggestions) >= 2
    assert all("profiel" in topic.lower() for topic in answer.suggestions)


def test_a_subject_outside_the_guide_in_the_context_does_not_refuse_the_question(answerer: Answerer) -> None:
    context = "Ik zit in de raad namens een oppositiepartij. "
    answer = answerer.answer(context + "Wat is formeel de rol van de raad bij de benoeming van de secretaris?")
    assert answer.outcome == "answer" and "102" in answer.text
    refused = answerer.answer("We krijgen een nieuwe coalitie. Welke politieke partij levert straks de burgemeester?")
    assert refused.outcome == "refuse"  # asked in the question itself, it is still outside


def test_a_greeting_or_thanks_around_a_question_does_not_make_it_unknown(answerer: Answerer) -> None:
    plain = answerer.answer("wat is search?")
    for question in ("hoi, wat is search?", "wat is search? bedankt", "thanks, what is executive search?"):
        answer = answerer.answer(question)
        assert answer.outcome == "answer" and answer.item_id == plain.item_id, question
