"""One form of address: chat and private messages say je/jullie, never u/uw (finding 11 of the newcomer review).

Scanned: every text in procedures/*.yaml (reminders, welcome and digest texts, refusals) and every string
literal in bot/ that a user can read. Left out: formal letters (knowledge/documents, bot/documents), the
word lists that read what users type (bot/qa, the vocabulary of procedures/conversation.yaml apart from
its replies), docstrings and regular expressions.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
FORMAL = re.compile(r"(?<![\w'<@-])(u|uw|hebt u|kunt u|wilt u|bent u)(?![\w'…-])", re.IGNORECASE)
NOT_TEXT = ("bot/qa/", "bot/documents/")


def _yaml_texts(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _yaml_texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _yaml_texts(item, f"{where}[{i}]")


def _procedure_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "procedures").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "conversation.yaml":  # phrases people type; only the replies are the bot's words
            data = {kind: entry.get("reply") for kind, entry in data["small_talk"].items() if kind != "filler"}
        yield from _yaml_texts(data, path.name)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _code_texts() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "bot").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(NOT_TEXT):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                if "(?" in node.value or "\\" in node.value:  # a regular expression
                    continue
                yield f"{rel}:{node.lineno}", node.value


def _formal(texts: Iterator[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: …{text[max(0, m.start() - 25) : m.end() + 15]}…"
        for where, text in texts
        for m in FORMAL.finditer(text)
    ]


def test_procedure_texts_say_je_never_u():
    assert _formal(_procedure_texts()) == []


def test_bot_strings_say_je_never_u():
    assert _formal(_code_texts()) == []


def test_the_scan_finds_a_formal_address():
    assert _formal(iter([("x", "Welkom. U hebt de rol van burgemeester; dit ziet alleen u.")]))
    assert not _formal(iter([("x", "Welkom. Je hebt de rol; om 10u30 (<@U123|els>).")]))
