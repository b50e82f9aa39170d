"""Transcripts: questions about the bot, this procedure and the step plan, and the guide's three outcomes."""

from __future__ import annotations

import random

import pytest
from conversation_support import as_user, outcomes, say, statuses

from bot.adapters.console import ConsoleSession
from bot.core.messages import Incoming
from bot.core.state import Status


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("hoe vink ik iets af?", "`klaar 3b`"),
        ("kan ik een stap terugdraaien?", "`heropen 3a`"),  # the most recently done one
        ("hoe plan ik een datum?", "`planning 3b 01-03-2027`"),
        ("hoe geef ik iemand een rol?", "`rol @naam burgemeester`"),
        ("Hoe markeer ik 2c als afgerond?", "`klaar 2c`"),
        ("hoe sla ik een stap over?", "`nvt 4c <reden>`"),  # an optional one, not the next
    ],
)
def test_questions_about_the_bot_get_the_command_to_type(committee, guide, question, command):
    out = say(committee, question)
    assert command in out
    assert outcomes(committee) == ["answer"]
    assert guide.questions == []  # the guide was not searched


def test_what_can_you_do_lists_the_commands(committee):
    out = say(committee, "wat kun jij?")
    assert "`status`" in out and "`klaar`" in out and "vraag" in out


def test_where_are_we_comes_from_the_state(committee):
    out = say(committee, "waar staan we?")
    assert "stap 3" in out and "*3b*" in out and "1a–1d, 2a–2c, 3a" in out
    assert outcomes(committee) == ["answer"]


def test_next_step_and_whose_turn(committee):
    out = say(committee, "wat is de volgende stap?")
    assert out.startswith("De volgende stap is *3b*") and "`klaar 3b`" in out
    out = say(committee, "wie is aan zet?")
    assert "Burgemeester (@els)" in out and "Manager P&O (@jan)" in out


def test_who_has_which_role_names_the_asker_first(committee):
    out = say(committee, "wie heeft welke rol?")
    assert out.startswith("Jij bent Manager P&O en Proceseigenaar.")
    assert "@els" in out and "@piet" in out and "@karin" in out


def test_my_part_follows_the_askers_role_now_and_next(topic_app, committee):
    mayor = say(as_user(topic_app, "els"), "wat moet ik als burgemeester doen?")
    assert mayor.startswith("Als burgemeester ben je nu aan zet bij *3b*")
    assert "Daarna: *6d*" in mayor
    works_council = say(as_user(topic_app, "piet"), "wat moet ik nu doen?")
    assert "niet aan zet" in works_council and "*7d*" in works_council
    assert "*7d*" in say(committee, "wat moet de OR nu doen?")


def test_a_conditional_what_should_i_do_is_a_guide_question(committee, guide):
    say(committee, "wat moet ik doen als een kandidaat zich terugtrekt?")
    assert guide.questions == ["wat moet ik doen als een kandidaat zich terugtrekt?"]


def test_procedure_questions_without_a_procedure_say_how_to_start(topic_app):
    session = ConsoleSession(topic_app, channel="C9", user="jan")
    out = say(session, "waar staan we?")
    assert "nog geen procedure" in out and "`start <gemeente>`" in out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("wat gebeurt er in stap 6b?", "*6b* Kandidaten afbellen of uitnodigen voor tweede gespreksronde"),
        ("welke stap komt na de adviesronde?", "komt *stap 8 Assessment*"),
        ("in welke stap leg je het type assessment vast?", "Dat gebeurt in stap *3d*"),
        ("wat komt er na stap 5?", "komt *stap 6 Gespreksrondes*"),
        ("welke stappen zijn er?", "3 fasen, 10 stappen en 37 substappen"),
    ],
)
def test_step_plan_questions_are_answered_from_the_plan(committee, guide, question, expected):
    assert expected in say(committee, question)
    assert outcomes(committee) == ["answer"] and guide.questions == []


def test_a_guide_question_is_not_taken_for_a_procedure_question(committee, guide):
    out = say(committee, "wie benoemt de secretaris?")
    assert guide.questions == ["wie benoemt de secretaris?"]
    assert "college" in out and outcomes(committee) == ["answer"]


def test_a_guide_answer_says_what_the_chosen_school_means(committee):
    out = say(committee, "moet de OR bij ons nog formeel advies geven?")
    assert "school van de zuivere rol" in out and "7d" in out


def test_under_broad_support_the_works_councils_advice_lapses(committee):
    say(committee, "/werving school breed")
    out = say(committee, "moet de OR bij ons nog formeel advies geven?")
    assert "school van het brede draagvlak" in out and "vervalt 7d" in out


def test_an_unsure_guide_answer_offers_topics_to_choose(committee, guide):
    out = say(committee, "hoe houden we kandidaten tevreden?")
    assert "Bedoel je" in out and "[1] De rol van de OR" in out and "[3] Het profiel" in out
    assert outcomes(committee) == ["clarify"]
    chosen = say(committee, "1")
    assert "formeel advies" in chosen and guide.questions[-1] == "De rol van de OR"


def test_an_off_topic_message_is_refused(committee, app):
    before = statuses(app, "C1")
    out = say(committee, "De printer op de tweede verdieping doet het niet")
    assert "niet over" in out and outcomes(committee) == ["refuse"]
    assert statuses(app, "C1") == before


def test_a_procedure_question_in_a_direct_message_points_to_the_channel(topic_app, committee):
    incoming = Incoming("console", "D1", "jan", "waar staan we?", is_command=False, is_direct=True)
    [reply] = topic_app.bot.handle(incoming, topic_app.clock())
    assert "kanaal van de procedure" in reply.text and reply.outcome == "answer"


def test_no_message_crashes_the_classifier(committee):
    rng = random.Random(9)
    alphabet = "abcdeklmnoprstuvz 0123456789?!.,:@/<>&*_-'éë\n\t"
    words = ["klaar", "Status", "stap", "rol", "@els", "3b", "10c", "11z", "wat", "hoe", "als", "?", "/werving"]
    # and the words the step-plan questions look for: titles, participles, particles, ordinals
    words += ["is", "al", "zijn", "hebben we", "in welke stap", "vastgesteld", "afgebeld", "gegeven", "af", "op"]
    words += [w for sub in committee.app.plan.substeps() for w in sub.title.split()[:3]]
    for _ in range(600):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.5:
            line = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) + " " + line
        incoming = Incoming("console", "C1", "jan", line, is_command=False)
        for reply in committee.app.bot.handle(incoming, committee.app.clock()):
            assert reply.text


def test_where_the_procedure_stands_only_when_it_matters(committee):
    assert "📍 Daar zijn jullie nu mee bezig: stap 3 (3b)." in say(committee, "hoe stel je de commissie samen?")
    assert "📍 Bij jullie is dat al gedaan (1b)." in say(committee, "wat zet je in het profiel?")
    assert "📍" not in say(committee, "wie benoemt de secretaris?")


def test_a_question_after_the_slash_command_is_answered_to_the_asker(committee):
    out = say(committee, "/werving wie is aan zet?")
    assert out.startswith("[alleen voor jou] Aan zet: Burgemeester (@els)")
    assert "ken ik niet" in say(committee, "/werving dansen")


@pytest.mark.parametrize(
    "message",
    [
        "Hoe plan ik mijn vakantie?",
        "Hoe sluit ik mijn laptop af?",
        "Hoe exporteer ik een Excel-bestand?",
        "Wat is de status van mijn paspoortaanvraag?",
        "Wat is de volgende stap in mijn carrière?",
        "Kun je een datum prikken voor de borrel?",
        "mag ik de cv's in dit kanaal zetten?",
    ],
)
def test_near_misses_are_left_to_the_guide(committee, guide, message):
    say(committee, message)
    assert guide.questions == [message]


@pytest.mark.parametrize(
    ("user", "question", "expected"),
    [
        ("jan", "hoe ver is de procedure?", "Jullie zijn bij stap 3"),
        ("els", "wat staat er voor mij open?", "Als burgemeester ben je nu aan zet bij *3b*"),
        ("jan", "wie moet bij ons nu iets oppakken?", "Aan zet: Burgemeester (@els)"),
    ],
)
def test_short_procedure_questions_without_a_known_phrase(topic_app, committee, guide, user, question, expected):
    assert expected in say(as_user(topic_app, user), question)
    assert guide.questions == []


def test_a_wrong_id_after_a_command_word_gets_the_commands_own_error(committee, app):
    out = say(committee, "klaar 3x")
    assert "bestaat niet" in out and "Geldige substappen" in out


def test_what_a_quoted_command_does(committee):
    out = say(committee, "wat doet 'nvt' precies?")
    assert out.startswith("`nvt` staat voor 'niet van toepassing'") and "`nvt 4c <reden>`" in out


def test_a_role_named_with_now_is_about_the_procedure_but_its_task_in_general_is_for_the_guide(committee, guide):
    assert "9a" in say(committee, "heeft de portefeuillehouder nu iets te doen?")
    say(committee, "Wat is de taak van de selectiecommissie?")
    assert guide.questions == ["Wat is de taak van de selectiecommissie?"]


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("kan de bot een concept maken voor de bekendmaking?", "`document bekendmaking`"),
        ("Kun jij een opzet voor het B&W-voorstel schrijven?", "`document bw-voorstel`"),
        ("maakt de bot ook een gespreksplan voor de selectiecommissie?", "`document gesprekken`"),
        ("can the bot make a draft profile?", "`document profiel`"),
    ],
)
def test_asking_whether_the_bot_drafts_a_document_names_that_kind(committee, guide, question, command):
    out = say(committee, question)
    assert command in out
    assert guide.questions == []


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("oeps, 3a te vroeg afgevinkt. kan dat terug?", "`heropen 3a`"),
        ("how do I tick off a step?", "`klaar 3b`"),
        ("Hoe plannen we de datum van de eerste gespreksronde?", "`planning"),
    ],
)
def test_undo_english_and_planning_questions_get_the_command(committee, guide, question, command):
    out = say(committee, question)
    assert command in out
    assert statuses(committee.app, "C1")["3a"] is Status.DONE  # asking changes nothing


def test_which_municipality_names_it(committee, guide):
    out = say(committee, "Voor welke gemeente doen we dit ook alweer?")
    assert "Zaanstad" in out and outcomes(committee) == ["answer"] and guide.questions == []


def test_how_many_sub_steps_are_left_counts_them(committee):
    out = say(committee, "hoeveel substappen staan er nog open?")
    assert "Nog 29 van de 37 substappen staan open; 8 zijn afgerond" in out


@pytest.mark.parametrize("question", ["Which step are we on right now?", "what is the next step?"])
def test_english_questions_about_the_procedure_are_answered_from_its_state(committee, guide, question):
    assert "3b" in say(committee, question)
    assert guide.questions == []


def test_my_role_gives_the_part_of_the_asker(topic_app, committee):
    out = say(as_user(topic_app, "piet"), "Ik zit namens de OR in dit kanaal. Wat is mijn rol in deze procedure?")
    assert "Als ondernemingsraad ben je" in out and "7d" in out


def test_optional_sub_steps_are_listed_with_their_status(committee, guide):
    out = say(committee, "welke substappen zijn optioneel?")
    assert "Optioneel:" in out and "*2c*" in out and "(afgerond)" in out
    assert guide.questions == []


def test_a_phase_named_by_its_title_lists_its_steps(committee, guide):
    out = say(committee, "Uit welke stappen bestaat de selectiefase?")
    assert "Voorselectie" in out and "Assessment" in out and guide.questions == []


def test_when_did_we_start_gives_the_start_date_and_how_long_ago(committee, clock):
    out = say(committee, "hoe lang loopt deze procedure al?")
    assert "gestart op" in out and "Zaanstad" in out


def test_are_we_on_schedule_without_dates_says_how_to_plan(committee, guide):
    out = say(committee, "liggen we op schema?")
    assert "nog geen datums gepland" in out and "`planning voorstel" in out and guide.questions == []


def test_are_we_on_schedule_names_late_sub_steps(committee, clock):
    say(committee, "planning 3b 15-01-2027")
    clock.advance(days=60)
    out = say(committee, "lopen we achter?")
    assert "3b" in out and "(te laat)" in out and "Achter op de planning: 3b." in out


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("kan ik een overzicht van alles downloaden?", "`export`"),
        ("hoe sluiten we de procedure af als de benoeming rond is?", "`afsluiten <reden>`"),
    ],
)
def test_export_and_closing_questions_get_the_command(committee, guide, question, command):
    assert command in say(committee, question)
    assert guide.questions == []


def test_the_last_step_is_described_not_the_whole_plan(committee):
    out = say(committee, "wat is de laatste stap van het stappenplan?")
    assert "10c" in out and "Het stappenplan heeft" not in out


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("where can I see the progress?", "`status`"),
        ("how do I assign a role?", "`rol @naam"),
        ("ik snap niet hoe ik dit ding moet gebruiken", "`klaar`"),
    ],
)
def test_english_and_puzzled_questions_about_the_bot_get_the_command(committee, guide, question, command):
    assert command in say(committee, question)
    assert guide.questions == []


def test_a_role_named_in_english_gets_that_roles_part(topic_app, committee):
    out = say(as_user(topic_app, "piet"), "what does the works council need to do now?")
    assert "ondernemingsraad" in out.lower() and "7d" in out


def test_a_question_about_making_a_planning_is_for_the_guide(committee, guide):
    say(committee, "Hoe maken we een goede planning voor de procedure?")
    assert guide.questions  # asked of the guide, not answered with the command help


def test_a_calendar_question_gets_the_calendar_file_command(committee, guide):
    assert "`planning ics`" in say(committee, "kan ik de planning als agenda in outlook zetten?")
    assert guide.questions == []


def test_a_phase_question_in_a_procedure_lists_what_is_still_open(committee):
    out = say(committee, "wat moet er nog gebeuren in fase 2?")
    assert "Nog open bij jullie:" in out and "*3b*" in out and "*3a*" not in out


def test_sub_steps_that_ask_for_diversity_are_listed(committee, guide):
    out = say(committee, "in welke substappen moeten we op diversiteit letten?")
    assert "diversiteit" in out and "*1b*" in out and guide.questions == []


def test_who_has_which_role_here_and_when_the_or_comes_in(topic_app, committee, guide):
    assert "piet" in say(committee, "wie heeft hier welke rol?")
    assert "7d" in say(as_user(topic_app, "piet"), "Wanneer kom ik als OR eigenlijk aan bod in onze procedure?")
    assert guide.questions == []


def test_a_calendar_word_alone_is_no_question_about_the_bot(committee, guide):
    say(committee, "Mijn Outlook loopt steeds vast, hoe los ik dat op?")
    assert guide.questions  # left to the guide, which refuses it


@pytest.mark.parametrize(
    "question",
    ["Wie vormt bij onze gekozen opzet de selectiecommissie?", "Wie zitten er bij ons in de adviescommissie?"],
)
def test_committee_make_up_follows_the_chosen_school(committee, guide, question):
    out = say(committee, question)
    assert "zuivere rol" in out and "delegatie van het college" in out and guide.questions == []


def test_is_a_phase_done_answers_yes_or_names_what_is_open(committee):
    assert say(committee, "is het profielgedeelte al helemaal klaar?").startswith("Ja, fase 1 Profiel")
    assert "3b" in say(committee, "is fase 2 al klaar?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is het profiel al door B&W vastgesteld?",
            "*1d* Definitief profiel vaststellen door het college van B&W is afgerond",
        ),
        ("zijn de kandidaten al afgebeld?", "*6b* Kandidaten afbellen of uitnodigen voor tweede gespreksronde is open"),
        ("zijn de commissies al samengesteld?", "*3b* Commissie(s) samenstellen is open. Klaar? `klaar 3b`"),
        ("hebben we de advertentie al geplaatst?", "*4b* Advertentie plaatsen"),
        ("is er al een bureau gekozen?", "*2c* Keuze voor een bureau maken is afgerond"),  # not 3f Gekozen ...
    ],
)
def test_whether_a_sub_step_named_by_its_title_is_done(committee, guide, question, expected):
    assert expected in say(committee, question)
    assert guide.questions == [] and outcomes(committee) == ["answer"]


def test_a_done_question_that_names_no_sub_step_is_left_to_the_guide(committee, guide):
    say(committee, "is de sfeer in het college al verbeterd?")
    assert guide.questions == ["is de sfeer in het college al verbeterd?"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("waar in het plan zit het assessment", "*8b*"),
        ("In welke stap benoemt het college de nieuwe secretaris?", "*10b*: Benoeming door college van B&W"),
        ("wat ligt er nog open in fase 2?", "*4c*"),
    ],
)
def test_where_in_the_plan_something_happens(committee, guide, question, expected):
    assert expected in say(committee, question)
    assert guide.questions == []


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("Als alles achter de rug is, hoe sluiten we dit traject in de bot netjes af?", "`afsluiten"),
        ("Kan de bot een opzetje maken voor het OR-advies?", "`document or-advies`"),
        ("De bot vraagt me iets te bevestigen, wat moet ik dan intikken?", "`bevestig`"),
    ],
)
def test_closing_drafting_and_confirming_in_own_words(committee, guide, question, command):
    assert command in say(committee, question)
    assert guide.questions == []


def test_the_own_municipality_after_a_preposition_is_asked_as_ours(committee, guide):
    say(committee, "Moet de nieuwe secretaris in Zaanstad komen wonen?")
    say(committee, "Hoeveel inwoners heeft Zaanstad?")
    say(committee, "Wie wordt de nieuwe burgemeester van Zaanstad?")
    assert guide.questions == [
        "Moet de nieuwe secretaris in onze gemeente komen wonen?",
        "Hoeveel inwoners heeft Zaanstad?",  # a question about the place itself keeps its name
        "Wie wordt de nieuwe burgemeester van Zaanstad?",
    ]


def test_who_holds_a_named_role_comes_first(committee, guide):
    out = say(committee, "wie heeft hier de rol van burgemeester?")
    assert out.startswith("Burgemeester (@els).") and guide.questions == []


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("hoe geef ik hier aan dat de commissies rond zijn?", "`klaar 3b`"),
        ("Stel dat we toch naar breed draagvlak overstappen, hoe pas ik dat aan?", "`school breed`"),
    ],
)
def test_marking_done_and_changing_school_in_own_words(committee, guide, question, command):
    assert command in say(committee, question)
    assert statuses(committee.app, "C1")["3b"] is Status.OPEN  # asking changes nothing


def test_what_is_expected_of_me_as_mayor_now(topic_app, committee, guide):
    out = say(as_user(topic_app, "els"), "wat wordt er op dit moment van mij als burgemeester verwacht?")
    assert out.startswith("Als burgemeester ben je nu aan zet bij *3b*") and guide.questions == []


def test_a_phase_says_how_many_steps_and_sub_steps_it_has(committee):
    assert "6 stappen met samen 21 substappen" in say(committee, "hoeveel substappen telt fase 3 eigenlijk?")


def test_an_ordinal_alone_does_not_pick_the_step(committee):
    assert "*6d*: Tweede gespreksronde" in say(committee, "in welke stap komt de tweede gespreksronde?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wie heeft deze procedure eigenlijk opgestart?", "door @jan"),
        ("Hebben we al besloten of er een bureau bij komt?", "*2c* Keuze voor een bureau maken is afgerond"),
        ("Waar vul ik de startdatum in zodat de bot een planning maakt?", "`planning voorstel <startdatum>`"),
        ("In welke stap bellen we de mensen af die na de eerste ronde afvallen?", "*6b*: Kandidaten afbellen"),
    ],
)
def test_who_started_decided_start_date_and_split_verbs(committee, guide, question, expected):
    assert expected in say(committee, question)
    assert guide.questions == []
