"""Reading YAML content files with errors that name the file and the key."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.content.errors import ContentError

# libyaml's safe loader when PyYAML was built with it (several times faster), else the Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; a missing or malformed file raises ContentError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ContentError(path, "(bestand)", "bestand ontbreekt") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, "(bestand)", f"niet leesbaar: {exc}") from exc
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark is not None else "(bestand)"
        raise ContentError(path, where, f"geen geldige YAML: {exc}") from exc


def require_list(path: Path, data: Any, key: str) -> list[Any]:
    """Return data[key] as a non-empty list of mappings, or raise naming the key."""
    if not isinstance(data, Mapping):
        raise ContentError(path, key, "het bestand moet een mapping met deze sleutel bevatten")
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(path, key, "moet een niet-lege lijst zijn")
    return value


def field_str(path: Path, entry: Any, key: str, where: str, *, required: bool = True) -> str:
    """Return entry[key] as a stripped string; `where` is the dotted location for errors."""
    if not isinstance(entry, Mapping):
        raise ContentError(path, where, "moet een mapping zijn")
    value = entry.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ContentError(path, f"{where}.{key}", "ontbreekt of is leeg")
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ContentError(path, f"{where}.{key}", "moet tekst zijn")
    return str(value).strip()


def field_list(path: Path, entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """Return entry[key] as a tuple of strings (missing means empty)."""
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ContentError(path, f"{where}.{key}", "moet een lijst met tekst zijn")
    return tuple(str(v).strip() for v in value)
