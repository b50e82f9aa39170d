"""`python -m bot teams-package`: the Teams app package (manifest.json and two icons) as a zip to upload.

The manifest in `teams/` is filled in with the bot's app id (TEAMS_APP_ID) as app id and bot id. Teams
shows at most ten commands per list; `help` lists all of them.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.core.commands import manifest_commands
from bot.paths import content_root

PACKAGE_FILES = ("manifest.json", "color.png", "outline.png")
_APP_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class PackageError(ValueError):
    """The package cannot be built (message in Dutch)."""


def manifest_folder() -> Path:
    """The folder with manifest.json and the icons (in a checkout or an installed wheel)."""
    return content_root() / "teams"


def manifest(app_id: str, folder: Path | None = None) -> dict[str, Any]:
    """The manifest with `app_id` as the app's and the bot's id, and the commands as the bot declares them
    (bot/core/commands.py), whatever the file in `teams/` lists."""
    data = json.loads(((folder or manifest_folder()) / "manifest.json").read_text(encoding="utf-8"))
    data["id"] = app_id
    commands = [{"title": title, "description": description} for title, description in manifest_commands()]
    for bot in data.get("bots") or []:
        bot["botId"] = app_id
        for listed in bot.get("commandLists") or []:
            listed["commands"] = commands
    return data


def build_package(settings: Settings, output: Path) -> Path:
    """Write the zip to `output`; raises PackageError without a usable TEAMS_APP_ID or manifest folder."""
    app_id = settings.teams_app_id
    if not app_id:
        raise PackageError("TEAMS_APP_ID ontbreekt: zet daarin de app-id (client-id) van de Entra-app van de bot.")
    if not _APP_ID.match(app_id):
        raise PackageError(
            f"TEAMS_APP_ID '{app_id[:40]}' is geen app-id; die ziet eruit als 00000000-0000-0000-0000-000000000000."
        )
    folder = manifest_folder()
    missing = [name for name in PACKAGE_FILES if not (folder / name).is_file()]
    if missing:
        raise PackageError(f"In {folder} ontbreekt {', '.join(missing)}.")
    output.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(app_id, folder), ensure_ascii=False, indent=2))
        for name in PACKAGE_FILES[1:]:
            archive.write(folder / name, name)
    return output
