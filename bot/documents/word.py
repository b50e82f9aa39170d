"""Turns a rendered Markdown document into a real Word file: headings, lists, tables and emphasis.

markdown-it-py parses the Markdown (CommonMark plus tables); python-docx writes the document. The
template stays the single source: an HR adviser edits one .md.j2 and gets both formats.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark").enable("table")


CONFIDENTIAL_HEADER = "Vertrouwelijk: alleen voor de commissie"


def markdown_to_docx(markdown: str, title: str, *, confidential: bool = False) -> DocxDocument:
    """Build a Word document from the Markdown of one rendered document; internal ones get a header saying so."""
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = "nl-NL"
    if confidential:
        doc.sections[0].header.paragraphs[0].text = CONFIDENTIAL_HEADER
    tokens = _PARSER.parse(markdown)
    i = 0
    list_styles: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            level = int(tok.tag[1])
            _add_inline(doc.add_heading("", level=0 if level == 1 else min(level - 1, 9)), tokens[i + 1])
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            list_styles.append("List Bullet" if tok.type == "bullet_list_open" else "List Number")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_styles.pop()
        elif tok.type == "paragraph_open":
            style = list_styles[-1] if list_styles else None
            _add_inline(doc.add_paragraph(style=style), tokens[i + 1])
            i += 3
            continue
        elif tok.type == "table_open":
            i = _add_table(doc, tokens, i)
            continue
        elif tok.type in ("fence", "code_block"):
            doc.add_paragraph(tok.content.rstrip("\n"))
        i += 1
    return doc


def write_docx(markdown: str, title: str, path: Path, *, confidential: bool = False) -> None:
    """Write the Word version of a document to `path`."""
    markdown_to_docx(markdown, title, confidential=confidential).save(str(path))


def docx_bytes(markdown: str, title: str, *, confidential: bool = False) -> bytes:
    """The Word version of a document as bytes (for an upload)."""
    buffer = BytesIO()
    markdown_to_docx(markdown, title, confidential=confidential).save(buffer)
    return buffer.getvalue()


def _add_inline(paragraph: Paragraph, inline: Token) -> None:
    """Add the runs of one inline token, keeping bold, italics and code."""
    bold = italic = False
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" " if child.type == "softbreak" else "\n")


def _add_table(doc: DocxDocument, tokens: list[Token], start: int) -> int:
    """Add the table starting at tokens[start]; returns the index after it."""
    rows: list[list[Token]] = []
    header_rows = 0
    i = start + 1
    in_head = False
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            rows.append([])
            header_rows += 1 if in_head else 0
        elif tok.type == "inline":
            rows[-1].append(tok)
        i += 1
    width = max((len(r) for r in rows), default=0)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, inline in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_inline(paragraph, inline)
            if r < header_rows:
                for run in paragraph.runs:
                    run.bold = True
    return i + 1
