"""`python -m bot ask`: text, --json and --batch output, and Dutch errors with exit code 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from qa_support import REPO_ROOT, copy_fixture, fixture_settings

from bot.qa.cli import run_ask


def run(tmp_path: Path, question: str | None = None, *, as_json: bool = False, batch: str | None = None, **kw: object):
    out, err = io.StringIO(), io.StringIO()
    settings = kw.get("settings") or fixture_settings(tmp_path)
    code = run_ask(question, as_json=as_json, batch=batch, settings=settings, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_plain_answer(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "Wat is search?")
    assert code == 0 and err == ""
    assert out.startswith("Search is actieve werving") and "Bron: handreiking VGS, §1.2.1" in out


def test_json_answer(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, "Wie benoemt de secretaris?", as_json=True)
    reply = json.loads(out)
    assert code == 0 and reply["question"] == "Wie benoemt de secretaris?" and reply["matched"] is True
    assert reply["sources"] == ["1.2.2 Wettelijk kader"] and reply["steps"] == ["10b"]
    assert reply["item"] == "wie-benoemt" and reply["answer"].startswith("Het college")
    assert reply["outcome"] == "answer" and reply["suggestions"] == []


def test_json_refusal_has_outcome_and_no_match(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path, "Wat is de btw op een fiets?", as_json=True)
    reply = json.loads(out)
    assert code == 0 and reply["matched"] is False and reply["outcome"] == "refuse" and reply["sources"] == []
    assert set(reply) >= {"question", "answer", "matched", "sources", "outcome", "suggestions"}


def test_batch_keeps_order_and_answers_blank_lines(tmp_path: Path) -> None:
    batch = tmp_path / "vragen.txt"
    batch.write_text("Wat is search?\n\nWat is de btw op een fiets?\r\n<!channel>\n", encoding="utf-8")
    code, out, _ = run(tmp_path, batch=str(batch))
    replies = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(replies) == 4
    assert [r["matched"] for r in replies] == [True, False, False, False]
    assert replies[2]["question"] == "Wat is de btw op een fiets?"
    assert all(set(r) >= {"question", "answer", "matched", "sources"} for r in replies)


def test_usage_and_bad_batch_file(tmp_path: Path) -> None:
    code, out, err = run(tmp_path)
    assert code == 2 and out == "" and err.startswith("Gebruik: python -m bot ask")
    code, _, err = run(tmp_path, batch=str(tmp_path / "bestaat-niet.txt"))
    assert code == 2 and err.startswith("Kan het bestand met vragen niet lezen")
    code, _, err = run(tmp_path, batch=str(tmp_path))
    assert code == 2 and "Kan het bestand met vragen niet lezen" in err
    code, _, err = run(tmp_path, "Wat is search?", batch=str(tmp_path / "x.txt"))
    assert code == 2 and "niet allebei" in err


def test_broken_knowledge_is_reported(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path)
    (content / "knowledge" / "items.yaml").write_text("items: [\n", encoding="utf-8")
    code, out, err = run(tmp_path, "Wat is search?", settings=fixture_settings(tmp_path, content))
    assert code == 1 and out == "" and "De kennisbestanden bevatten een fout" in err and "items.yaml" in err


def ask_module(tmp_path: Path, lines: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot ask --json --batch` in its own process on these lines, with the database in tmp_path."""
    batch = tmp_path / "vragen.txt"
    batch.write_text(lines, encoding="utf-8")
    env = {**os.environ, "BOT_DB": str(tmp_path / "data" / "bot.db")}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--batch", str(batch)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.mark.skipif(not (REPO_ROOT / "bot" / "cli.py").exists(), reason="needs the command line")
def test_module_command_line(tmp_path: Path) -> None:
    proc = ask_module(tmp_path, "Wat betekent Wor?\nHoe laat is het?\n")
    replies = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["matched"] for r in replies] == [True, False]
    assert (tmp_path / "data" / "qa-index.sqlite").is_file()


def test_ask_answers_a_named_step_from_the_plan_and_leaves_in_which_step_to_the_guide(tmp_path: Path) -> None:
    proc = ask_module(tmp_path, "Wat moet de kandidaat doen in stap 9c?\nIn welke stap bespreken we het salaris?\n")
    step, salary = (json.loads(line) for line in proc.stdout.splitlines())
    assert step["matched"] and step["outcome"] == "answer" and step["answer"].startswith("*9c*")
    assert "in te stemmen" in step["answer"] and step["sources"]  # the plan's own section is cited
    assert salary["matched"] and "arbeidsvoorwaarden" in salary["answer"].lower()  # the guide knows synonyms


def test_ask_says_where_procedure_questions_and_chat_commands_belong(tmp_path: Path) -> None:
    role = "Ik ben wethouder en net gevraagd voor de sollicitatiecommissie. Wat wordt er van mij verwacht?"
    proc = ask_module(tmp_path, f"waar staan we?\nstatus\nklaar 2a\nhelp\n{role}\n")
    where, status, tick, helped, asked = (json.loads(line) for line in proc.stdout.splitlines())
    assert asked["matched"]  # what a role does is for the guide, also without a channel
    assert helped["matched"] and "Stel me gewoon een vraag" in helped["answer"]
    assert not where["matched"] and "Hier hoort geen procedure bij" in where["answer"]
    assert not status["matched"] and "`status` is een opdracht voor het kanaal" in status["answer"]
    assert "`klaar 2a` is een opdracht" in tick["answer"]
    assert all(r["outcome"] == "refuse" for r in (where, status, tick))
