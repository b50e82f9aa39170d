"""The document templates are content an HR adviser edits: broken files fail at start-up, naming file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakes import FakeAnswerer

from bot.bootstrap import build, load_content, load_documents
from bot.config import Settings
from bot.content.documents import KINDS
from bot.content.errors import ContentError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    for folder in ("knowledge", "procedures"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def load(content: Path):
    settings = Settings(db_path=content / "bot.db", content_dir=content)
    return load_documents(settings, load_content(settings))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_templates_load_and_cover_every_kind(content):
    library = load(content)
    assert library.kinds == KINDS
    for kind in KINDS:
        spec = library.spec(kind)
        assert spec.title and spec.sections and spec.substeps
    assert [q.id for q in library.spec("profiel").questions if q.private] == ["voorganger"]


def errors_for(content, change) -> ContentError:
    change(content / "knowledge" / "documents")
    with pytest.raises(ContentError) as info:
        load(content)
    return info.value


def test_unknown_field_in_a_template_names_the_file(content):
    err = errors_for(content, lambda d: edit(d / "gesprekken.md.j2", "{{ gemeente }}", "{{ gemeentenaam }}"))
    assert err.file.endswith("gesprekken.md.j2") and "gemeentenaam" in err.problem


def test_private_answer_in_a_document_for_candidates_is_refused(content):
    err = errors_for(
        content,
        lambda d: edit(d / "bekendmaking.md.j2", "{{ antwoord.profiel.opgaven }}", "{{ antwoord.profiel.voorganger }}"),
    )
    assert err.file.endswith("bekendmaking.md.j2") and "vertrouwelijk" in err.problem


def test_unknown_guide_section_in_a_citation(content):
    err = errors_for(
        content,
        lambda d: edit(d / "assessment.md.j2", 'bron("2 Stappenplan, fase 3 Selectie")', 'bron("9.9 Bestaat niet")'),
    )
    assert err.file.endswith("assessment.md.j2") and err.key == "bron()" and "9.9 Bestaat niet" in err.problem


def test_template_syntax_error_names_the_line(content):
    err = errors_for(
        content, lambda d: edit(d / "referenties.md.j2", "{% if school.id == 'breed' %}", "{% if school.id == %}")
    )
    assert err.file.endswith("referenties.md.j2") and err.key.startswith("regel ")


def test_missing_template_and_missing_definition(content):
    err = errors_for(content, lambda d: (d / "or-advies.md.j2").unlink())
    assert err.file.endswith("or-advies.md.j2") and "ontbreekt" in err.problem


def test_yaml_keys_are_checked(content):
    err = errors_for(content, lambda d: edit(d / "werving.yaml", "    label: kennis van de markt\n", ""))
    assert err.file.endswith("werving.yaml") and err.key == "questions[5].label"
    content2 = content / "again"
    for folder in ("knowledge", "procedures"):
        shutil.copytree(ROOT / folder, content2 / folder)
    err = errors_for(content2, lambda d: edit(d / "profiel.yaml", "substeps: [1a, 1b, 1c, 1d]", "substeps: [1a, 1z]"))
    assert err.key == "substeps[1]" and "1z" in err.problem


def test_duplicate_question_and_unknown_kind(content):
    err = errors_for(content, lambda d: edit(d / "profiel.yaml", "  - id: kernen\n", "  - id: inwoners\n"))
    assert err.key == "questions[1].id" and "twee keer" in err.problem
    other = content / "again"
    for folder in ("knowledge", "procedures"):
        shutil.copytree(ROOT / folder, other / folder)
    err = errors_for(other, lambda d: (d / "sollicitatie.yaml").write_text("title: x\n", encoding="utf-8"))
    assert err.file.endswith("sollicitatie.yaml") and "onbekende documentsoort" in err.problem


def test_bot_does_not_start_with_broken_templates(content):
    edit(content / "knowledge" / "documents" / "profiel.md.j2", "{{ gemeente }}", "{{ gemeente.naam.x }}")
    settings = Settings(db_path=content / "bot.db", content_dir=content)
    with pytest.raises(ContentError):
        build(settings, answerer=FakeAnswerer())
