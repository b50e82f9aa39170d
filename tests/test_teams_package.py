"""The Teams app package: the manifest's commands are the bot's, and `teams-package` builds an uploadable zip."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest

from bot.adapters.teams.package import manifest, manifest_folder
from bot.cli import main
from bot.core.commands import COMMANDS

APP_ID = "00000000-1111-2222-3333-444444444444"
TEAMS_COMMAND_LIMIT = 10  # Teams shows at most ten commands per command list


def test_the_manifests_commands_are_the_bots() -> None:
    data = manifest(APP_ID)
    lists = data["bots"][0]["commandLists"]
    titles = [command["title"] for command_list in lists for command in command_list["commands"]]
    assert len(titles) == len(set(titles))
    assert set(titles) <= set(COMMANDS), f"not a command of the bot: {set(titles) - set(COMMANDS)}"
    assert "help" in titles  # help lists the commands that do not fit
    assert len(titles) == min(TEAMS_COMMAND_LIMIT, len(COMMANDS))
    assert all(len(command["description"]) <= 128 for command_list in lists for command in command_list["commands"])


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_teams_package_builds_a_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID)
    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    output = tmp_path / "pakket.zip"
    out = io.StringIO()
    assert main(["teams-package", "--output", str(output)], out=out) == 0
    assert "pakket.zip" in out.getvalue()
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        data = json.loads(archive.read("manifest.json"))
        assert data["id"] == APP_ID and data["bots"][0]["botId"] == APP_ID
        assert _png_size(archive.read("color.png")) == (192, 192)
        assert _png_size(archive.read("outline.png")) == (32, 32)
    assert json.loads((manifest_folder() / "manifest.json").read_text())["id"] == ""  # the template is untouched


def test_teams_package_needs_an_app_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("TEAMS_APP_ID", raising=False)
    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    assert main(["teams-package", "--output", str(tmp_path / "x.zip")]) == 1
    assert "TEAMS_APP_ID ontbreekt" in capsys.readouterr().err
    monkeypatch.setenv("TEAMS_APP_ID", "geen-guid")
    assert main(["teams-package", "--output", str(tmp_path / "x.zip")]) == 1
    assert "geen app-id" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()


def test_the_package_takes_its_commands_from_the_declared_ones(tmp_path) -> None:
    import json as json_module
    import shutil

    from bot.core.commands import manifest_commands

    folder = tmp_path / "teams"
    shutil.copytree(manifest_folder(), folder)
    stale = json_module.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    stale["bots"][0]["commandLists"][0]["commands"] = [{"title": "oud", "description": "verouderd"}]
    (folder / "manifest.json").write_text(json_module.dumps(stale), encoding="utf-8")
    built = manifest("00000000-0000-0000-0000-000000000001", folder)
    listed = [(c["title"], c["description"]) for c in built["bots"][0]["commandLists"][0]["commands"]]
    assert listed == manifest_commands()
