"""Loading and validating the encoded guide: every problem names its file and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from qa_support import FIXTURE_KNOWLEDGE, REPO_ROOT, copy_fixture

from bot.content.errors import ContentError
from bot.qa.knowledge import load_knowledge, term_item_id
from bot.qa.lexicon import build_lexicon


def test_fixture_loads_items_and_glossary_terms() -> None:
    knowledge = load_knowledge(FIXTURE_KNOWLEDGE)
    ids = [item.id for item in knowledge.items]
    assert ids[:2] == ["wie-benoemt", "or-advies"]
    assert "begrip-wor" in ids and term_item_id("P&O") == "begrip-p-o"
    wor = next(item for item in knowledge.items if item.id == "begrip-wor")
    assert wor.kind == "term" and "Wat betekent Wor?" in wor.questions
    assert wor.sections == ("1.2.2 Wettelijk kader",)
    assert knowledge.glossary.other_offices == ("burgemeester", "griffier", "beleidsmedewerker")
    assert knowledge.glossary.outside_topics == ("verdienen", "verdient", "lid worden", "word ik lid")


def test_real_knowledge_loads() -> None:
    knowledge = load_knowledge(REPO_ROOT / "knowledge")
    items = [item for item in knowledge.items if item.kind == "item"]
    assert len(items) >= 50
    assert all(item.questions for item in items), "every item has example questions"


def _break(tmp_path: Path, old: str, new: str, file: str = "items.yaml") -> Path:
    knowledge = copy_fixture(tmp_path) / "knowledge"
    path = knowledge / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return knowledge


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        (
            'section: ["1.2.2 Wettelijk kader"]',
            'section: ["9.9 Bestaat niet"]',
            "items.wie-benoemt.section",
            "sections",
        ),
        ('section: ["1.2.2 Wettelijk kader"]', "section: []", "items.wie-benoemt.section", "ontbreekt"),
        ("steps: [10b]", "steps: [11z]", "items.wie-benoemt.steps", "substap"),
        ("title: Wie benoemt de gemeentesecretaris?", "titel: x", "items.wie-benoemt.titel", "onbekend veld"),
        ("id: or-advies", "id: wie-benoemt", "items.wie-benoemt", "twee keer"),
        ("id: or-advies", "id: OR advies", "items[1].id", "a-z"),
        (
            "keywords: [benoemen, schorsen, ontslaan, gemeentewet]",
            "keywords: benoemen",
            "items.wie-benoemt.keywords",
            "lijst",
        ),
    ],
)
def test_item_errors_name_file_and_key(tmp_path: Path, old: str, new: str, key: str, problem: str) -> None:
    knowledge = _break(tmp_path, old, new)
    with pytest.raises(ContentError) as err:
        load_knowledge(knowledge)
    assert err.value.file.endswith("items.yaml")
    assert err.value.key.startswith(key)
    assert problem in err.value.problem


def test_answer_too_long(tmp_path: Path) -> None:
    knowledge = _break(tmp_path, "Search is actieve werving:", "Search is actieve werving: " + "heel lang " * 120)
    with pytest.raises(ContentError, match=r"items\.search-wat-is-het\.answer: te lang"):
        load_knowledge(knowledge)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    knowledge = copy_fixture(tmp_path) / "knowledge"
    (knowledge / "extra.yaml").write_text(
        "items:\n  - id: search-wat-is-het\n    title: T\n    section: ['2 Stappenplan']\n    answer: A\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="id komt ook al voor in extra.yaml") as err:
        load_knowledge(knowledge)  # files load in name order: extra.yaml first
    assert err.value.file.endswith("items.yaml") and err.value.key == "items.search-wat-is-het"


def test_invalid_yaml_and_missing_items(tmp_path: Path) -> None:
    knowledge = copy_fixture(tmp_path) / "knowledge"
    (knowledge / "kapot.yaml").write_text("items: [\n", encoding="utf-8")
    with pytest.raises(ContentError, match="geen geldige YAML") as err:
        load_knowledge(knowledge)
    assert err.value.file.endswith("kapot.yaml")
    (knowledge / "kapot.yaml").write_text("onderwerpen: []\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"kapot\.yaml: items: ontbreekt"):
        load_knowledge(knowledge)


def test_glossary_errors(tmp_path: Path) -> None:
    knowledge = _break(tmp_path, "see: [or-advies]", "see: [bestaat-niet]", "glossary.yaml")
    with pytest.raises(ContentError, match=r"glossary\.yaml: terms\[2\]\.see: onbekend item 'bestaat-niet'"):
        load_knowledge(knowledge)


def test_synonym_in_two_groups_is_refused(tmp_path: Path) -> None:
    knowledge = _break(tmp_path, "also: [bm]", "also: [bm, headhunting]", "glossary.yaml")
    with pytest.raises(ContentError) as err:
        build_lexicon(load_knowledge(knowledge))
    assert err.value.file.endswith("glossary.yaml")
    assert "headhunting" in err.value.problem and "terms[4]" in err.value.problem
