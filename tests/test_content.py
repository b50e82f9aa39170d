"""The step plan as data: counts, order, cross-references, and errors that name file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.bootstrap import load_content
from bot.config import Settings
from bot.content.errors import ContentError
from bot.content.plan import load_plan, load_sections

ROOT = Path(__file__).resolve().parents[1]
GUIDE_ORDER = [
    "1a",
    "1b",
    "1c",
    "1d",
    "2a",
    "2b",
    "2c",
    "3a",
    "3b",
    "3c",
    "3d",
    "3e",
    "3f",
    "4a",
    "4b",
    "4c",
    "5a",
    "5b",
    "6a",
    "6b",
    "6c",
    "6d",
    "6e",
    "7a",
    "7b",
    "7c",
    "7d",
    "7e",
    "8a",
    "8b",
    "8c",
    "9a",
    "9b",
    "9c",
    "10a",
    "10b",
    "10c",
]


@pytest.fixture(scope="module")
def plan():
    return load_content(Settings())


def test_three_phases_ten_steps_37_substeps_in_guide_order(plan):
    assert len(plan.phases) == 3
    assert [s.id for s in plan.steps()] == list(range(1, 11))
    assert [s.id for s in plan.substeps()] == GUIDE_ORDER
    assert [p.title for p in plan.phases] == ["Profiel", "Werving / Search", "Selectie"]


def test_every_named_role_exists_and_every_substep_has_actors(plan):
    role_ids = {r.id for r in plan.roles}
    assert role_ids == {
        "college",
        "burgemeester",
        "portefeuillehouder-po",
        "selectiecommissie",
        "adviescommissie",
        "or",
        "gemeenteraad",
        "griffier",
        "manager-po",
        "directie",
        "extern-bureau",
        "kandidaten",
        "proceseigenaar",
    }
    for sub in plan.substeps():
        assert sub.acts and set(sub.acts) <= role_ids and set(sub.involve) <= role_ids
        assert sub.explanation and sub.section


def test_flags_are_where_the_guide_sets_them(plan):
    flagged = {s.id: set(s.flags) for s in plan.substeps() if s.flags}
    assert flagged == {
        "1b": {"diversiteit"},
        "3b": {"diversiteit"},
        "5b": {"diversiteit"},
        "2c": {"optioneel"},
        "4c": {"optioneel"},
        "7b": {"indien-nodig"},
    }


def test_schools_change_the_plan(plan):
    assert plan.school("breed").not_applicable == {"7a", "7b", "7d"}
    assert plan.school("zuiver").not_applicable == frozenset()
    assert plan.school("tussen").not_applicable == frozenset()
    assert plan.school("brede draagvlak") is not None or plan.school("breed draagvlak") is not None


def test_candidates_role_cannot_be_assigned(plan):
    assert not plan.role("kandidaten").assignable


def test_sections_cited_exist(plan):
    sections = load_sections(ROOT / "knowledge")
    for sub in plan.substeps():
        assert sub.section in sections


def copy_content(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    return tmp_path


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "change", "key", "problem"),
    [
        (
            "plan.yaml",
            lambda d: d["phases"][0]["steps"][0]["substeps"][0]["acts"].append("koning"),
            "phases.1.steps.1.substeps.1a.acts",
            "onbekende rol 'koning'",
        ),
        (
            "plan.yaml",
            lambda d: d["phases"][0]["steps"][0]["substeps"][1].update(id="1a"),
            "phases.1.steps.1.substeps.1a.id",
            "dubbel",
        ),
        (
            "plan.yaml",
            lambda d: d["phases"][0]["steps"][0]["substeps"][0].pop("title"),
            "phases.1.steps.1.substeps.1a.title",
            "ontbreekt",
        ),
        (
            "plan.yaml",
            lambda d: d["phases"][0]["steps"][0]["substeps"][0].update(section="9.9 Niets"),
            "phases.1.steps.1.substeps.1a.section",
            "onbekende paragraaf",
        ),
        (
            "plan.yaml",
            lambda d: d["phases"][0]["steps"][0]["substeps"][0].update(flags=["vet"]),
            "phases.1.steps.1.substeps.1a.flags",
            "onbekende vlag",
        ),
        ("roles.yaml", lambda d: d["roles"][1].update(aliases=["college"]), "roles.burgemeester", "komt al eerder"),
        ("schools.yaml", lambda d: d["schools"][1].update(not_applicable=["7z"]), "schools.breed", "onbekende substap"),
    ],
)
def test_broken_content_names_file_and_key(tmp_path, file, change, key, problem):
    root = copy_content(tmp_path)
    edit_yaml(root / "procedures" / file, change)
    with pytest.raises(ContentError) as info:
        load_plan(root / "procedures", load_sections(root / "knowledge"))
    assert info.value.file.endswith(file)
    assert info.value.key == key
    assert problem in info.value.problem


def test_malformed_and_missing_files(tmp_path):
    root = copy_content(tmp_path)
    (root / "procedures" / "plan.yaml").write_text("phases: [\n  - id: 1\n", encoding="utf-8")
    with pytest.raises(ContentError, match="plan.yaml: regel"):
        load_plan(root / "procedures", load_sections(root / "knowledge"))
    (root / "procedures" / "plan.yaml").unlink()
    with pytest.raises(ContentError, match="bestand ontbreekt"):
        load_plan(root / "procedures", load_sections(root / "knowledge"))
