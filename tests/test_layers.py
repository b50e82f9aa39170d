"""No layer imports a layer above it, the core stays pure and no package has an import cycle.

The contracts are in pyproject.toml ([tool.importlinter]); import-linter checks them on the real import graph.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # import-linter finds `bot` from the working directory
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 broken" in out and "3 kept" in out, out


def test_the_contracts_catch_an_upward_import(tmp_path: Path) -> None:
    """A copy of the package in which the core imports the composition root breaks the layers contract."""
    for path in (ROOT / "bot").rglob("*.py"):
        target = tmp_path / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    progress = tmp_path / "bot" / "core" / "progress.py"
    progress.write_text(progress.read_text(encoding="utf-8") + "\nfrom bot.bootstrap import build\n", encoding="utf-8")
    check = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    proc = subprocess.run(
        [sys.executable, "-c", check, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "bot.core.progress -> bot.bootstrap" in proc.stdout
