"""Where the bundled content (knowledge/ and procedures/) lives, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def content_root() -> Path:
    """Return the folder that holds knowledge/ and procedures/.

    An installed wheel carries them inside the package (bot/_content); a source checkout keeps them
    at the repository's top level.
    """
    for candidate in (_PACKAGE_DIR / "_content", _PACKAGE_DIR.parent):
        if (candidate / "procedures").is_dir() and (candidate / "knowledge").is_dir():
            return candidate
    return _PACKAGE_DIR.parent
