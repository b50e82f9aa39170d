"""`python -m bot ask`: answer one question, or a file of questions as JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TextIO

from bot.config import Settings
from bot.content.errors import ContentError
from bot.core.messages import Answer

USAGE = (
    "Gebruik: python -m bot ask [--json] [--batch BESTAND] [VRAAG]\n"
    "Geef een vraag over de werving en selectie van een gemeentesecretaris, of met --batch een bestand "
    "met één vraag per regel."
)


def answer_json(answer: Answer) -> dict[str, object]:
    """The JSON form of an answer: question, answer, matched, sources, outcome, suggestions, steps, item."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "matched": answer.matched,
        "sources": list(answer.sources),
        "steps": list(answer.steps),
        "item": answer.item_id,
        "outcome": answer.outcome,
        "suggestions": list(answer.suggestions),
    }


def run_ask(
    question: str | None,
    *,
    as_json: bool,
    batch: str | None,
    settings: Settings,
    out: TextIO,
    err: TextIO | None = None,
    usage: Callable[[str], Answer | None] | None = None,
) -> int:
    """Answer `question`, or every line of the file `batch` ("-" is standard input); returns the exit code.

    `usage`, when given, answers questions about using the bot itself before the guide is asked.
    """
    err = err or sys.stderr
    if batch is not None and question:
        print("Geef óf een vraag óf --batch BESTAND, niet allebei.\n" + USAGE, file=err)
        return 2
    if batch is None and question is None:
        print(USAGE, file=err)
        return 2
    lines: list[str] = []
    if batch is not None:
        try:
            lines = _read_batch(batch)
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or "onleesbaar"
            print(f"Kan het bestand met vragen niet lezen ({reason}).", file=err)
            return 2
    try:
        from bot.qa.answerer import build_answerer

        answerer = build_answerer(settings)
    except ContentError as exc:
        print(f"De kennisbestanden bevatten een fout: {exc}", file=err)
        return 1

    def respond(text: str) -> Answer:
        own = usage(text) if usage is not None else None
        return own if own is not None else answerer.answer(text)

    if batch is not None:
        for line in lines:
            out.write(json.dumps(answer_json(respond(line)), ensure_ascii=False) + "\n")
        out.flush()
        return 0
    answer = respond(question or "")
    if as_json:
        out.write(json.dumps(answer_json(answer), ensure_ascii=False) + "\n")
    else:
        out.write(answer.text + "\n")
    return 0


def _read_batch(batch: str) -> list[str]:
    """One question a line; a trailing newline does not add an empty question, a blank line does."""
    if batch == "-":
        text = sys.stdin.read()
    else:
        with open(batch, encoding="utf-8", errors="replace") as f:
            text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]
