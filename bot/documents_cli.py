"""`python -m bot document <soort> --channel ID [--docx FILE] [--markdown FILE]`: a document for a procedure."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.content.documents import unknown_kind_message
from bot.documents.library import DocumentLibrary


def run_document(
    settings: Settings,
    kind: str,
    channel: str,
    *,
    docx: str | None,
    markdown: str | None,
    out: TextIO,
    now: datetime | None = None,
) -> int:
    """Render one document for the channel's procedure (open, else the last closed one); returns the exit code."""
    from bot.bootstrap import load_content, load_documents, open_store

    plan = load_content(settings)
    library: DocumentLibrary = load_documents(settings, plan)
    spec = library.spec(kind)
    if spec is None:
        print(f"Fout: {unknown_kind_message(kind, library.kinds)}", file=sys.stderr)
        return 1
    store = open_store(settings)
    try:
        with store.unit_of_work(write=False) as uow:
            state = uow.latest_procedure(channel)
            answers = uow.document_answers(channel, include_closed=True)
    finally:
        store.close()
    if state is None:
        print(
            f"Fout: in kanaal '{channel}' is geen procedure gevonden. Start er een met `start <gemeente>`.",
            file=sys.stderr,
        )
        return 1
    document = library.render(spec.kind, state, answers, settings.timezone, now or datetime.now(UTC))
    try:
        if markdown:
            Path(markdown).write_text(document.markdown, encoding="utf-8")
        if docx:
            from bot.documents.word import write_docx

            title = f"{spec.title} - {state.municipality}"
            write_docx(document.markdown, title, Path(docx), confidential=not spec.for_candidates)
    except OSError as err:
        print(f"Fout: kan het bestand niet schrijven: {err.strerror or err}.", file=sys.stderr)
        return 1
    if not markdown and not docx:
        out.write(document.markdown)
    else:
        written = ", ".join(p for p in (markdown, docx) if p)
        out.write(f"{spec.title} voor {state.municipality} geschreven naar {written}.\n")
    return 0
