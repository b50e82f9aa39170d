"""The Word version: a real .docx, opened again with python-docx, with headings, lists, tables and filled fields."""

from __future__ import annotations

import re

import docx

from bot.content.documents import KINDS
from bot.documents.word import CONFIDENTIAL_HEADER, docx_bytes, write_docx


def rendered(app, kind, channel="C1"):
    state = app.store.latest_procedure(channel)
    with app.store.unit_of_work(write=False) as uow:
        answers = uow.document_answers(channel)
    return app.bot.documents.render(kind, state, answers, app.settings.timezone, app.clock())


def test_every_document_as_word_keeps_headings_and_fields(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    chat.say("/werving school zuiver")
    chat.say("/werving document profiel opgaven een herindeling met twee buurgemeenten")
    for kind in KINDS:
        document = rendered(app, kind)
        path = tmp_path / f"{kind}.docx"
        write_docx(document.markdown, document.spec.title, path)
        word = docx.Document(str(path))
        headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        expected = [line.lstrip("#").strip() for line in document.markdown.splitlines() if line.startswith("#")]
        assert headings == expected, kind
        assert word.core_properties.title == document.spec.title
        body = "\n".join(p.text for p in word.paragraphs)
        body += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
        assert "Zaanstad" in body, kind
        assert "**" not in body and "{{" not in body, kind
        # the open fields of the Markdown are open in Word as well
        assert len(re.findall(r"nog in te vullen", body)) == document.markdown.count("nog in te vullen"), kind


def test_profile_in_word_has_bullets_a_table_and_the_answer(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    chat.say("/werving document profiel opgaven een herindeling met twee buurgemeenten")
    document = rendered(app, "profiel")
    path = tmp_path / "profiel.docx"
    path.write_bytes(docx_bytes(document.markdown, document.spec.title))
    word = docx.Document(str(path))
    styles = {p.style.name for p in word.paragraphs}
    assert {"Title", "Heading 1", "List Bullet"} <= styles
    assert any("een herindeling met twee buurgemeenten" in p.text for p in word.paragraphs)
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Rol", "Wat het algemene profiel erover zegt", "Hoe het hier zit"]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)
    assert len(table.rows) == 4
    assert table.rows[1].cells[2].text.startswith("[nog in te vullen:")
    sources = [p for p in word.paragraphs if p.text.startswith("Bron: handreiking")]
    assert sources and all(r.italic for r in sources[0].runs)


def test_reference_form_lists_numbered_questions_and_a_yes_no_table(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    document = rendered(app, "referenties")
    path = tmp_path / "referenties.docx"
    write_docx(document.markdown, document.spec.title, path)
    word = docx.Document(str(path))
    numbered = [p.text for p in word.paragraphs if p.style.name == "List Number"]
    assert len(numbered) >= 5
    consent = word.tables[0]
    assert [c.text for c in consent.rows[0].cells] == ["Vraag", "Ja", "Nee"]
    assert "medeweten" in "\n".join(p.text for p in word.paragraphs)


def test_a_pipe_in_an_answer_does_not_break_a_table(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    chat.say("/werving document werving capaciteit nee | te weinig mensen")
    document = rendered(app, "werving")
    path = tmp_path / "werving.docx"
    write_docx(document.markdown, document.spec.title, path)
    table = docx.Document(str(path)).tables[0]
    assert len(table.columns) == 2
    assert table.rows[1].cells[1].text == "nee | te weinig mensen"


def test_internal_documents_carry_a_confidential_header(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    for kind, internal in (("gesprekken", True), ("profiel", False)):
        document = rendered(app, kind)
        path = tmp_path / f"{kind}.docx"
        write_docx(document.markdown, document.spec.title, path, confidential=not document.spec.for_candidates)
        header = docx.Document(str(path)).sections[0].header.paragraphs[0].text
        assert (header == CONFIDENTIAL_HEADER) is internal, kind


def test_markdown_typed_in_an_answer_stays_text(chat, app, tmp_path):
    chat.say("/werving start Zaanstad")
    chat.say("/werving document profiel cultuur # collegiaal, open")
    document = rendered(app, "profiel")
    path = tmp_path / "profiel.docx"
    write_docx(document.markdown, document.spec.title, path)
    word = docx.Document(str(path))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "collegiaal, open" not in headings
    assert any(p.text == "# collegiaal, open" and p.style.name == "Normal" for p in word.paragraphs)
