"""Transcripts for findings 7, 8, 9, 12, 17 and 19 of the newcomer review: small talk and English bot
questions, a member without a role, examples that work, questions about time, punctuation after titles,
and ticking a sub-step the school dropped. Driven through the console session like a committee member."""

from __future__ import annotations

import re

import pytest
from conversation_support import as_user, outcomes, say, statuses

from bot.adapters.console import ConsoleSession
from bot.core.state import Status

# --- 7: greetings, thanks and English questions about the bot ---------------------------------------


@pytest.mark.parametrize("line", ["hallo", "Goedemorgen!", "hoi allemaal", "hello", "Hallo bot"])
def test_a_greeting_gets_a_short_friendly_reply(committee, guide, line):
    out = say(committee, line)
    assert out.startswith("Hallo!") and "`help`" in out and len(out.splitlines()) == 1
    assert "handreiking niet over" not in out
    assert guide.questions == [] and outcomes(committee) == ["answer"]


@pytest.mark.parametrize("line", ["dank je wel", "bedankt!", "thanks", "top, dank", "Dank je wel voor de hulp!"])
def test_thanks_gets_graag_gedaan(committee, guide, line):
    assert say(committee, line) == "Graag gedaan."
    assert guide.questions == []


def test_a_greeting_with_a_question_is_a_question(committee, guide):
    say(committee, "hallo, wat doet de OR bij het profiel?")
    assert guide.questions  # the guide was asked: more than small talk


def test_small_talk_also_in_a_channel_without_a_procedure(topic_app):
    chat = ConsoleSession(topic_app, channel="C9", user="sanne")
    assert say(chat, "hallo").startswith("Hallo!")
    assert say(chat, "bedankt") == "Graag gedaan."


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is this bot for?", "Ik help jullie door het stappenplan"),
        ("how do I tick a step?", "Typ `klaar 3b`."),
        ("how do I undo a step?", "Typ `heropen 3a`."),
        ("wat kun jij?", "Ik help jullie door het stappenplan"),
    ],
)
def test_english_bot_questions_work_like_the_dutch_ones(committee, guide, question, expected):
    assert say(committee, question).startswith(expected)
    assert guide.questions == []


# --- 8: a member without a role -------------------------------------------------------------------


def test_without_a_role_ask_the_process_owner_not_yourself(topic_app, committee):
    sanne = as_user(topic_app, "sanne")
    out = say(sanne, "wat moet ik nu doen?")
    assert "Vraag de proceseigenaar (@jan) om een rol" in out and "`rol @sanne <rol>`" in out
    assert "Geef jezelf" not in out
    out = say(sanne, "wie heeft welke rol?")
    assert "Jij hebt nog geen rol. Vraag de proceseigenaar (@jan)" in out


def test_the_owner_named_is_who_started_the_procedure(topic_app):
    ConsoleSession(topic_app, channel="C2", user="jan").say("/werving start Zeist")
    out = say(ConsoleSession(topic_app, channel="C2", user="els"), "wat moet ik nu doen?")
    assert "Vraag de proceseigenaar (@jan) om een rol" in out


# --- 9: examples that work ----------------------------------------------------------------------


def test_undo_example_is_the_most_recently_done_sub_step(topic_app, committee):
    out = say(committee, "kan ik een stap terugdraaien?")
    assert "`heropen 3a`" in out  # 3a was ticked last; 3b is open
    as_user(topic_app, "karin").say("/werving klaar 3b")
    assert "`heropen 3b`" in say(committee, "hoe draai ik een stap terug?")
    assert "`heropen 1c`" in say(committee, "kan ik 1c terugdraaien?")  # the one named
    out = say(committee, "heropen 3b")
    assert statuses(topic_app, "C1")["3b"] is Status.OPEN, out  # following the advice works


def test_undo_with_nothing_done_says_there_is_nothing_to_reopen(topic_app):
    chat = ConsoleSession(topic_app, channel="C3", user="jan")
    chat.say("/werving start Zeist")
    assert "nog niets afgevinkt" in say(chat, "kan ik een stap terugdraaien?")


def test_what_nvt_means_with_an_optional_example(committee):
    out = say(committee, "wat betekent nvt?")
    assert "niet van toepassing" in out and "overgeslagen" in out and "reden" in out
    example = re.search(r"`nvt (\w+) <reden>`", out)
    assert example is not None and example.group(1) != "3b"  # not the step they are working on
    assert example.group(1) in ("2c", "4c")


# --- 12: questions about time -------------------------------------------------------------------


def test_when_is_the_appointment_without_a_planning_says_how_to_get_one(committee):
    out = say(committee, "wanneer is de benoeming?")
    assert "nog geen planning" in out and "`planning voorstel 11-01-2027`" in out
    assert out == say(committee, "wanneer benoemen we?")


def test_when_is_the_appointment_uses_the_planning_commands_date(topic_app, committee):
    say(committee, "planning voorstel 11-01-2027 vastleggen")
    planned = say(committee, "planning")
    expected = re.search(r"Verwachte benoeming \(10b\): \*([^*]+)\*", planned)
    assert expected is not None, planned
    out = say(committee, "wanneer is de benoeming?")
    assert f"Verwachte benoeming (10b): *{expected.group(1)}*" in out
    assert "Gepland:" not in out


def test_how_long_does_it_take_gives_the_proposals_estimate(committee):
    proposal = say(committee, "planning voorstel 11-01-2027")
    end = re.search(r"Verwachte benoeming \(10b\): \*([^*]+)\*", proposal)
    assert end is not None
    out = say(committee, "hoe lang duurt zo'n procedure eigenlijk?")
    assert end.group(1) in out and re.search(r"ongeveer \d+ weken", out) and "kort" in out
    assert len(out) < 700 and outcomes(committee) == ["answer"]


def test_how_long_outside_a_procedure_is_for_the_guide(topic_app, guide):
    chat = ConsoleSession(topic_app, channel="C9", user="sanne")
    say(chat, "hoe lang duurt zo'n procedure eigenlijk?")
    assert guide.questions


def test_when_is_a_sub_step_done(committee):
    out = say(committee, "wanneer is 3d klaar?")
    assert "*3d*" in out and "nog geen datum" in out and "`planning 3d <datum>`" in out
    say(committee, "planning 3d 15-02-2027")
    out = say(committee, "wanneer is 3d klaar?")
    assert "staat gepland op" in out and "15 februari 2027" in out
    assert "al afgerond" in say(committee, "wanneer is 2a klaar?")


# --- 17: punctuation after a title --------------------------------------------------------------


def test_no_double_punctuation_after_a_question_title(topic_app):
    chat = ConsoleSession(topic_app, channel="C4", user="jan")
    for line in ("start Zeist", "rol @jan manager-po", "rol @karin portefeuillehouder-po", "klaar 1a", "klaar 1b"):
        chat.say(f"/werving {line}")
    chat.say("/werving klaar 1c")
    as_karin = ConsoleSession(topic_app, channel="C4", user="karin")
    as_karin.say("/werving klaar 1d")
    out = say(chat, "waar staan we?")
    assert "search?" in out and "?." not in out and "?*." not in out
    assert "Fase 1 Profiel" in out and "fase 1 Profiel" not in out
    for question in ("wat is de volgende stap?", "wie is aan zet?", "hoeveel stappen staan nog open?"):
        answer = say(chat, question)
        assert "?." not in answer, answer
    assert "• Fase 1" in say(chat, "hoeveel stappen staan nog open?")


# --- 19: ticking a sub-step the school dropped ---------------------------------------------------


def test_ticking_a_step_the_school_dropped_names_the_school_then_records_it(topic_app, committee):
    say(committee, "/werving school breed")
    out = say(committee, "klaar 7a")
    assert "vervalt bij jullie school (school van het brede draagvlak)" in out
    assert "toch 7a afvinken" not in out and "eerdere" not in out  # no "ver vooruit" question
    assert statuses(topic_app, "C1")["7a"] is Status.OPEN  # nothing changed before confirming
    out = say(committee, "bevestig")
    assert "afgevinkt" in out and statuses(topic_app, "C1")["7a"] is Status.DONE


def test_how_long_with_a_fixed_planning_gives_its_date_not_a_new_estimate(committee):
    say(committee, "planning voorstel 11-01-2027 vastleggen")
    appointment = say(committee, "wanneer is de benoeming?")
    expected = re.search(r"Verwachte benoeming \(10b\): \*([^*]+)\*", appointment)
    assert expected is not None, appointment
    out = say(committee, "hoe lang duurt dit nog?")
    assert out.startswith("Volgens jullie planning") and expected.group(1) in out
    assert "planning voorstel" not in out  # never the advice to replace the agreed dates


def test_a_step_the_school_drops_is_never_called_done(topic_app, committee, guide):
    say(committee, "school breed")
    out = say(committee, "hoe pakt de OR het formeel advies aan?")  # the stand-in answers with step 7d
    assert "vervalt 7d" in out and "al gedaan" not in out


@pytest.mark.parametrize("line", ["`klaar 3b`", "klaar 3b!", "Klaar 3B."])
def test_a_command_copied_with_backticks_or_typed_with_punctuation_is_carried_out(committee, line):
    assert "heeft *3b* Commissie(s) samenstellen" in say(committee, line)
    assert statuses(committee.app, "C1")["3b"] is Status.DONE
