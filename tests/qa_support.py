"""Helpers for the guide Q&A tests: the fixture knowledge, a writable copy of it, and the scorer's rules."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

from bot.config import Settings

FIXTURE_ROOT = Path(__file__).parent / "fixtures" / "qa"
FIXTURE_KNOWLEDGE = FIXTURE_ROOT / "knowledge"
REPO_ROOT = Path(__file__).resolve().parent.parent


def copy_fixture(tmp_path: Path) -> Path:
    """A writable copy of the fixture content folder (holding knowledge/); returns the content folder."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_ROOT, root)
    return root


def fixture_settings(tmp_path: Path, content_dir: Path = FIXTURE_ROOT) -> Settings:
    """Settings over the fixture knowledge, with the database (and index cache) under tmp_path."""
    return Settings(db_path=tmp_path / "data" / "bot.db", content_dir=content_dir)


def norm(text: str) -> str:
    """The scorer's normalisation: lower case, accents folded, runs of non-alphanumerics one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def contains(text: str, alt: str) -> bool:
    """The scorer's substring rule; a leading or trailing space in alt asks for a word boundary."""
    pattern = (" " if alt[:1].isspace() else "") + norm(alt) + (" " if alt[-1:].isspace() else "")
    return pattern in " " + norm(text) + " "


def passes(must: list[list[str]], answer: str, matched: bool) -> bool:
    """Whether an in-scope answer passes: matched, at most 1500 characters, every fact group present."""
    if not matched or len(answer) > 1500:
        return False
    return all(any(contains(answer, str(alt)) for alt in group) for group in must)
