"""procedures/conversation.yaml: validated at load, errors naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.conversation import compile_phrase, load_vocabulary, normalize
from bot.content.errors import ContentError
from bot.core.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "procedures" / "conversation.yaml"
IDS = [f"{step}{letter}" for step in range(1, 11) for letter in "abcdef"]


def load(path: Path = SOURCE):
    return load_vocabulary(path, COMMANDS, IDS)


def test_every_command_has_an_argument_shape():
    vocab = load()
    missing = sorted(set(COMMANDS) - set(vocab.commands))
    assert not missing, f"add these commands to procedures/conversation.yaml: {missing}"
    assert vocab.commands["klaar"].args == "substep" and vocab.commands["vraag"].args == "text"


def test_phrases_match_whole_words_gaps_and_prefixes():
    assert compile_phrase("vink .. af").search(normalize("Hoe vink ik dit af?"))
    assert compile_phrase("terugdraai*").search(normalize("kan ik dat terugdraaien"))
    assert not compile_phrase("stap").search(normalize("stappenplan"))
    assert normalize("Wat moet de OR/ondernemingsraad, nú doen?") == "wat moet de or/ondernemingsraad nu doen"


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (lambda d: d["commands"].update(dansen={"args": "none"}), "commands.dansen", "onbekende opdracht"),
        (lambda d: d["commands"]["klaar"].update(args="datum"), "commands.klaar.args", "onbekende vorm"),
        (lambda d: d["procedure_questions"].pop("next"), "procedure_questions.next", "ontbreekt"),
        (lambda d: d["bot_questions"]["markers"].append("hoe (zo)"), "bot_questions.markers[", "ongeldig patroon"),
        (lambda d: d.update(school_dependent_substeps=["7z"]), "school_dependent_substeps", "onbekende substap"),
        (lambda d: d.pop("small_talk"), "small_talk", "niet-lege mapping"),
        (lambda d: d["small_talk"].update(afscheid={}), "small_talk", "onbekende soort"),
        (lambda d: d["small_talk"]["thanks"].pop("reply"), "small_talk.thanks.reply", "geen tekst"),
        (lambda d: d["small_talk"]["greeting"].update(phrases=[]), "small_talk.greeting.phrases", "ontbreekt"),
        (
            lambda d: d["small_talk"]["greeting"]["phrases"].append("hallo .. bot"),
            "small_talk.greeting.phrases[",
            "gewone",
        ),
    ],
)
def test_broken_vocabulary_names_file_and_key(tmp_path, change, key, problem):
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "conversation.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.file.endswith("conversation.yaml")
    assert info.value.key.startswith(key)
    assert problem in info.value.problem


def test_anchors_tie_a_phrase_to_the_start_or_end_of_the_message():
    assert compile_phrase("wat moeten we doen $").search("wat moeten we doen")
    assert not compile_phrase("wat moeten we doen $").search("wat moeten we doen om diversiteit te borgen")
    assert compile_phrase("^ wat nu $").search("wat nu")
    assert not compile_phrase("^ wat nu $").search("een commissielid kent een kandidaat wat nu")


def test_grammar_words_are_data_and_checked(tmp_path):
    vocab = load()
    assert "als" in vocab.grammar["conditional"] and "nu" in vocab.grammar["now"]
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    data["grammar"]["now"] = []
    path = tmp_path / "conversation.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.key == "grammar.now"


def test_document_kinds_must_be_documents_the_bot_makes(tmp_path):
    from bot.content.documents import KINDS

    assert set(load_vocabulary(SOURCE, COMMANDS, IDS, KINDS).document_kinds) == set(KINDS)
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    data["document_kinds"]["notulen"] = ["notulen"]
    path = tmp_path / "conversation.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_vocabulary(path, COMMANDS, IDS, KINDS)
    assert info.value.key == "document_kinds.notulen" and "profiel" in info.value.problem


def test_a_sentence_for_a_command_needs_exactly_one_sub_step(tmp_path):
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    data["natural_commands"]["klaar"].append("vink alles af")
    path = tmp_path / "conversation.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load(path)
    assert info.value.key.startswith("natural_commands.klaar[") and "{id}" in info.value.problem
