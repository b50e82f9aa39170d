"""`python -m bot document <soort> --channel ID [--docx FILE] [--markdown FILE]` as DESIGN.md fixes it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx

from bot.content.documents import KINDS

ROOT = Path(__file__).resolve().parents[1]


def run(args, tmp_path, stdin=""):
    """Run this checkout's `python -m bot` (PYTHONPATH, not whatever copy is installed) in a clean environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_", "TEAMS_"))}
    env["BOT_DB"] = str(tmp_path / "data" / "bot.db")
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def test_unknown_kind_and_missing_procedure_exit_1_in_dutch(tmp_path):
    unknown = run(["document", "sollicitatiebrief", "--channel", "C1"], tmp_path)
    assert unknown.returncode == 1 and unknown.stdout == ""
    assert "De documentsoort 'sollicitatiebrief' bestaat niet" in unknown.stderr
    assert all(kind in unknown.stderr for kind in KINDS)
    missing = run(["document", "profiel", "--channel", "LEEG"], tmp_path)
    assert missing.returncode == 1 and missing.stdout == ""
    assert "in kanaal 'LEEG' is geen procedure gevonden" in missing.stderr


def test_markdown_to_stdout_and_files(tmp_path):
    script = (
        "/werving start Zaanstad\n/werving school breed\n"
        "/werving document profiel opgaven een herindeling met twee buurgemeenten\n"
        "/werving document profiel voorganger vertrok na een bestuurscrisis\n"
        "/werving document werving route uitbesteden aan een bureau\n"
        "/werving document werving bureau-garantie doorzoeken tot er iemand is, kosteloos opnieuw bij snel vertrek\n"
    )
    chat = run(["chat", "--channel", "C1", "--user", "jan"], tmp_path, stdin=script)
    assert chat.returncode == 0, chat.stderr
    out = run(["document", "profiel", "--channel", "C1"], tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("# Profiel gemeentesecretaris / algemeen directeur - gemeente Zaanstad")
    assert "een herindeling met twee buurgemeenten" in out.stdout
    assert "bestuurscrisis" not in out.stdout
    files = run(["document", "or-advies", "--channel", "C1", "--docx", "or.docx", "--markdown", "or.md"], tmp_path)
    assert files.returncode == 0, files.stderr
    markdown = (tmp_path / "or.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Adviesaanvraag ondernemingsraad - gemeente Zaanstad")
    word = docx.Document(str(tmp_path / "or.docx"))
    assert word.paragraphs[0].text == "Adviesaanvraag ondernemingsraad - gemeente Zaanstad"
    assert word.sections[0].header.paragraphs[0].text.startswith("Vertrouwelijk")
    assert "or.docx" in files.stdout and "#" not in files.stdout

    export = run(["export", "--channel", "C1", "--json"], tmp_path)
    assert export.returncode == 0, export.stderr
    answers = json.loads(export.stdout)["answers"]
    assert answers["werving"]["route"] == "uitbesteden aan een bureau"
    assert answers["werving"]["bureau-garantie"].startswith("doorzoeken")
    assert answers["profiel"] == {"opgaven": "een herindeling met twee buurgemeenten"}  # the private one stays out


def test_unwritable_file_is_a_dutch_error(tmp_path):
    run(["chat", "--channel", "C1"], tmp_path, stdin="/werving start Zaanstad\n")
    proc = run(["document", "werving", "--channel", "C1", "--docx", str(tmp_path / "nope" / "x.docx")], tmp_path)
    assert proc.returncode == 1 and "kan het bestand niet schrijven" in proc.stderr
