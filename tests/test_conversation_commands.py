"""Transcripts: commands typed without /werving, capitalised, after a mention, or mistyped."""

from __future__ import annotations

import pytest
from conversation_support import outcomes, say, set_up, statuses

from bot.adapters.console import ConsoleSession
from bot.core.state import Status


@pytest.fixture
def committee(chat: ConsoleSession) -> ConsoleSession:
    set_up(chat)
    return chat


@pytest.mark.parametrize("line", ["klaar 3b", "Klaar 3b", "KLAAR 3B", "/Werving klaar 3b", "@werving klaar 3b"])
def test_a_tick_without_the_prefix_is_carried_out(committee, app, line):
    out = say(committee, line)
    assert "3b" in out and "afgevinkt" in out
    assert statuses(app, "C1")["3b"] is Status.DONE


def test_a_note_and_the_word_stap_are_allowed(committee, app):
    say(committee, "klaar stap 3b commissie is rond")
    state = app.store.procedure("C1")
    assert state.record("3b").status is Status.DONE and state.record("3b").note == "commissie is rond"


def test_read_only_commands_run_capitalised_and_with_a_question_mark(committee):
    assert "Volgende: *3b*" in say(committee, "Status?")
    assert "@els" in say(committee, "Rollen")
    assert "tweede gespreksronde" in say(committee, "Stap 6b")


def test_help_and_hulp_show_the_commands(committee):
    for line in ("help", "Help", "hulp", "help me"):
        out = say(committee, line)
        assert "`klaar <id> [toelichting]`" in out and "`status`" in out, line
    assert say(committee, "help klaar").count("klaar <id>") == 1


@pytest.mark.parametrize(
    ("line", "word", "choice"),
    [("klaaar 3b", "klaar", "klaar 3b"), ("statsu", "status", "status"), ("heropne 2a", "heropen", "heropen 2a")],
)
def test_a_mistyped_command_asks_and_changes_nothing(committee, app, line, word, choice):
    before = statuses(app, "C1")
    out = say(committee, line)
    assert f"Bedoel je `{word}`?" in out and "niets veranderd" in out
    assert f"[1] {choice}" in out
    assert outcomes(committee) == ["clarify"]
    assert statuses(app, "C1") == before


def test_choosing_the_corrected_command_runs_it(committee, app):
    say(committee, "klaaar 3b")
    out = say(committee, "1")
    assert "afgevinkt" in out and statuses(app, "C1")["3b"] is Status.DONE


def test_a_mistyped_slash_command_asks_too(committee, app):
    before = statuses(app, "C1")
    out = say(committee, "/werving klaaar 3b")
    assert "Bedoel je `klaar`?" in out and statuses(app, "C1") == before


def test_a_question_that_starts_with_a_command_word_is_a_question(committee, app):
    before = statuses(app, "C1")
    for line in ("Start de procedure pas na de zomer?", "Klaar 3b?", "Rol van de burgemeester in de commissie?"):
        out = say(committee, line)
        assert "afgevinkt" not in out and "heeft nu de rol" not in out, line
        assert outcomes(committee) and all(o is not None for o in outcomes(committee)), line
    assert statuses(app, "C1") == before
    assert app.store.procedure("C1").municipality == "Zaanstad"


def test_a_second_start_without_prefix_is_refused_as_a_command(committee):
    out = say(committee, "start Haarlem")
    assert "loopt al" in out or "al een procedure" in out


def test_short_and_slashed_variants(committee, app):
    assert "Bedoel je `stap`?" in say(committee, "stp 6b")
    say(committee, "/wervng klaar 3b")
    assert statuses(app, "C1")["3b"] is Status.DONE
    assert "`klaar <id> [toelichting]`" in say(committee, "/help")


@pytest.mark.parametrize(
    ("line", "substep", "status"),
    [
        ("3b klaar", "3b", "done"),
        ("vink 3b af graag", "3b", "done"),
        ("3b is afgerond.", "3b", "done"),
        ("done 3b", "3b", "done"),
        ("mark 3b as done", "3b", "done"),
        ("sla 4c over, we doen geen search", "4c", "skipped"),
        ("zet 3a weer open", "3a", "open"),
    ],
)
def test_commands_in_ordinary_words_are_carried_out(committee, line, substep, status):
    say(committee, line)
    assert statuses(committee.app, "C1")[substep].value == status


@pytest.mark.parametrize("line", ["is 3b klaar?", "3b klaar?", "3b is klaar maar de rest niet", "vink 12z af"])
def test_questions_and_longer_sentences_about_a_sub_step_change_nothing(committee, line):
    before = statuses(committee.app, "C1")
    say(committee, line)
    assert statuses(committee.app, "C1") == before


def test_the_reason_of_a_skip_in_ordinary_words_is_kept(committee):
    say(committee, "Sla 4c over: geen search nodig")
    state = committee.app.store.procedure("C1")
    assert state.record("4c").note == "geen search nodig"
