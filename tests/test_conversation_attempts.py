"""Transcripts: commands typed without /werving whose arguments do not fit, several ids, bare numbers, help."""

from __future__ import annotations

import pytest
from conversation_support import say, set_up, statuses

from bot.adapters.console import ConsoleSession
from bot.core.state import Status


@pytest.fixture
def committee(chat: ConsoleSession) -> ConsoleSession:
    set_up(chat)
    return chat


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("rol piet burgemeester", "'piet' is geen persoon; noem iemand met @"),
        ("rol @jan", "Noem een persoon en een rol"),
        ("rol", "Noem een persoon en een rol"),
        ("klaar", "Noem een substap"),
        ("KLAAR", "Noem een substap"),
        ("nvt", "Noem een substap"),
        ("heropen", "Noem een substap"),
        ("stap", "Noem een substap"),
        ("stap 12", "Stap 12 bestaat niet"),
        ("school gemengd", "De school 'gemengd' ken ik niet. Kies uit:"),
        ("school", "Kies een school"),
        ("vraag", "Stel je vraag na `vraag`"),
    ],
)
def test_a_command_word_with_arguments_that_do_not_fit_gets_the_command_error(committee, app, line, expected):
    before = statuses(app, "C1")
    out = say(committee, line)
    assert expected in out, out
    assert out == say(committee, "/werving " + line)
    assert statuses(app, "C1") == before
    assert app.store.procedure("C1").school == "zuiver"


def test_a_school_with_punctuation_is_set(committee, app):
    say(committee, "school Breed!")
    assert app.store.procedure("C1").school == "breed"


@pytest.mark.parametrize(
    "line",
    ["Rol van de OR bij de selectie", "Status van de kandidaat", "Afsluiten van de procedure", "klaar 3b?"],
)
def test_a_command_word_that_starts_a_question_or_title_stays_a_question(committee, app, line):
    before = statuses(app, "C1")
    out = say(committee, line)
    assert "Noem een" not in out and "bestaat niet" not in out and "Je sluit de procedure" not in out, out
    assert committee.last_replies[0].outcome is not None
    assert statuses(app, "C1") == before


def test_a_mistyped_command_still_asks(committee):
    assert "Bedoel je `klaar`?" in say(committee, "klaaar 3b")


@pytest.mark.parametrize("line", ["heropen procedure", "Heropen procedure", "HEROPEN PROCEDURE"])
def test_a_closed_procedure_is_reopened_without_the_prefix(committee, app, line):
    say(committee, "afsluiten")
    say(committee, "bevestig")
    assert app.store.procedure("C1") is None
    out = say(committee, line)
    assert "weer" in out and "bevestig" in out, out
    say(committee, "bevestig")
    assert app.store.procedure("C1") is not None


@pytest.mark.parametrize(
    "reason", ["kandidaat benoemd", "procedure afgerond", "wegens herindeling", "we stoppen ermee"]
)
def test_closing_without_the_prefix_keeps_the_reason(committee, app, reason):
    out = say(committee, f"afsluiten {reason}")
    assert f"met als reden: {reason}" in out, out
    out = say(committee, "bevestig")
    assert f"Reden: {reason}" in out
    assert app.store.procedure("C1") is None
    assert reason in say(committee, "export")


@pytest.mark.parametrize(
    ("line", "ids", "commands"),
    [
        ("klaar 4c, 4b, 4a", "4c, 4b en 4a", ["`klaar 4c`", "`klaar 4b`", "`klaar 4a`"]),
        ("klaar 1a en 1d", "1a en 1d", ["`klaar 1a`", "`klaar 1d`"]),
        ("klaar 3c en 3d", "3c en 3d", ["`klaar 3c`", "`klaar 3d`"]),
        ("Klaar 3c & 3d", "3c en 3d", ["`klaar 3c`", "`klaar 3d`"]),
        ("klaar 3c/3d", "3c en 3d", ["`klaar 3c`", "`klaar 3d`"]),
        ("nvt 2a, 2b gedaan", "2a en 2b", ["`nvt 2a gedaan`", "`nvt 2b gedaan`"]),
        ("nvt 4c 4d", "4c en 4d", ["`nvt 4c <reden>`", "`nvt 4d <reden>`"]),
        ("3c en 3d zijn klaar", "3c en 3d", ["`klaar 3c`", "`klaar 3d`"]),
        ("vink 3c en 3d af", "3c en 3d", ["`klaar 3c`", "`klaar 3d`"]),
        ("heropen 1a, 1b", "1a en 1b", ["`heropen 1a`", "`heropen 1b`"]),
        ("/werving klaar 4c, 4b", "4c en 4b", ["`klaar 4c`", "`klaar 4b`"]),
    ],
)
def test_several_ids_change_nothing_and_say_how_to_do_them_one_by_one(committee, app, line, ids, commands):
    before = statuses(app, "C1")
    out = say(committee, line)
    assert f"meer dan één substap ({ids})" in out and "niets veranderd" in out, out
    for command in commands:
        assert command in out, (command, out)
    assert statuses(app, "C1") == before


def test_a_note_that_mentions_another_step_later_stays_a_note(committee, app):
    say(committee, "klaar 3b, afgestemd met de griffier over 3c")
    record = app.store.procedure("C1").record("3b")
    assert record.status is Status.DONE and record.note == "afgestemd met de griffier over 3c"
    assert statuses(app, "C1")["3c"] is Status.OPEN


def test_a_comma_after_the_id_is_not_part_of_the_note(committee, app):
    say(committee, "nvt 4c, doen we niet")
    assert app.store.procedure("C1").record("4c").note == "doen we niet"


@pytest.mark.parametrize("line", ["1", "2", "7", "3."])
def test_a_bare_number_without_an_open_choice_says_so(committee, app, line):
    before = statuses(app, "C1")
    out = say(committee, line)
    assert "Er staat geen keuze open" in out and "`help`" in out, out
    assert statuses(app, "C1") == before


def test_a_bare_step_number_points_to_the_step_command(committee):
    assert "`stap 7`" in say(committee, "7")


def test_a_number_outside_the_open_choices_names_the_range_and_keeps_them(committee, app):
    assert "[1] klaar 3b" in say(committee, "klaaar 3b")
    out = say(committee, "7")
    assert "Kies een nummer van 1 tot en met 1" in out
    assert statuses(app, "C1")["3b"] is Status.OPEN
    say(committee, "1")
    assert statuses(app, "C1")["3b"] is Status.DONE


def test_help_for_an_unknown_command_says_so_and_lists_the_commands(committee):
    out = say(committee, "help foo")
    assert "De opdracht 'foo' ken ik niet" in out and "`klaar`" in out and "`afsluiten`" in out
    assert "[toelichting]" not in out  # the short list, not the whole help
    assert "Bedoel je `klaar`?" in say(committee, "help klaaar")
    assert out == say(committee, "/werving help foo")


@pytest.mark.parametrize("line", ["help me", "help", "Help graag", "hulp"])
def test_plain_help_stays_the_whole_help(committee, line):
    assert "`klaar <id> [toelichting]`" in say(committee, line)
