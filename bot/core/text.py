"""Text helpers for replies: escaping user input and limits."""

from __future__ import annotations

import re

MAX_INPUT_CHARS = 2000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(text: str) -> str:
    """Escape &, < and > so echoed user text cannot mention people or break formatting."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean_input(text: str) -> str:
    """Drop control characters and surrounding white space from user input."""
    return _CONTROL.sub("", text).strip()


def shorten(text: str, limit: int = 80) -> str:
    """Cut text to `limit` characters with an ellipsis, for echoing a fragment back."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def first_word(args: str) -> tuple[str, str]:
    """Split off the first word of the arguments."""
    parts = args.split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1].strip() if len(parts) > 1 else ""


def sentence(text: str) -> str:
    """The text ended with a full stop, unless it already ends in . ? or ! (a title that asks a question)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith((".", "?", "!", "…")) else stripped + "."
