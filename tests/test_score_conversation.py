"""The conversation scorer on a small set: rates per kind, failures, and a set it cannot read."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("score_conversation", ROOT / "benchmarks" / "score_conversation.py")
assert SPEC is not None and SPEC.loader is not None
scorer = importlib.util.module_from_spec(SPEC)
sys.modules["score_conversation"] = scorer  # dataclasses look their module up here
SPEC.loader.exec_module(scorer)

MESSAGES = [
    {"say": "Klaar 3b", "kind": "command", "state": {"3b": "done"}},
    {"say": "klaaar 3b", "kind": "command", "must": [["klaar"]], "unchanged": True},
    {"say": "waar staan we nu?", "user": "els", "kind": "procedure", "must": [["3b"], ["1a", "afgerond"]]},
    {"say": "welke stap komt na de adviesronde?", "kind": "stepplan", "must": [["assessment"]]},
    {"say": "wat is de volgende stap?", "kind": "procedure", "must": [["10c"]]},  # wrong on purpose
]


def test_the_scorer_reports_rates_per_kind_and_failures(tmp_path, capsys):
    (tmp_path / "conversation.yaml").write_text(yaml.safe_dump({"messages": MESSAGES}), encoding="utf-8")
    code = scorer.main([str(tmp_path), "--show-failures"])
    out = capsys.readouterr().out
    assert code == 1  # 4/5 is under the default minimum of 90%
    assert "FAIL [procedure] 'wat is de volgende stap?': missing 10c" in out
    assert "command      2/2" in out and "procedure    1/2" in out and "stepplan     1/1" in out
    assert "total        4/5" in out


def test_a_set_without_messages_is_reported(tmp_path, capsys):
    (tmp_path / "conversation.yaml").write_text("messages: []\n", encoding="utf-8")
    assert scorer.main([str(tmp_path)]) == 2
    assert "messages" in capsys.readouterr().err
