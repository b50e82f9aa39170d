"""`python -m bot serve slack`: clear Dutch start-up errors, and a real run over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from slack_wire import APP_TOKEN, BOT_TOKEN, SECRET, get, send_command

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def env(monkeypatch, tmp_path, standin):
    monkeypatch.setenv("BOT_DB", str(tmp_path / "bot.db"))
    monkeypatch.setenv("SLACK_API_URL", standin.base_url)
    return monkeypatch


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({}, "SLACK_BOT_TOKEN ontbreekt"),
        ({"SLACK_BOT_TOKEN": "xoxp-person"}, "SLACK_BOT_TOKEN is geen bot-token"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET ontbreekt"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN is geen app-token"),
        ({"SLACK_BOT_TOKEN": "xoxb-revoked", "SLACK_SIGNING_SECRET": SECRET}, "Slack weigert het token (invalid_auth)"),
    ],
)
def test_start_up_problems_are_explained_in_dutch(env, capsys, variables, message):
    for name, value in variables.items():
        env.setenv(name, value)
    assert main(["serve", "slack"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and message in err


def test_impossible_port_is_refused(env, capsys):
    env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    env.setenv("SLACK_SIGNING_SECRET", SECRET)
    assert main(["serve", "slack", "--port", "70000"]) == 1
    assert "Poort 70000 bestaat niet" in capsys.readouterr().err


def test_unreachable_slack_is_explained(env, capsys):
    env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    env.setenv("SLACK_SIGNING_SECRET", SECRET)
    env.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api/")
    assert main(["serve", "slack"]) == 1
    assert "kan Slack niet bereiken" in capsys.readouterr().err


def test_refused_app_token_stops_socket_mode(env, capsys):
    env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    env.setenv("SLACK_APP_TOKEN", "xapp-revoked")
    assert main(["serve", "slack"]) == 1
    assert "Slack weigert het token (invalid_auth)" in capsys.readouterr().err


def run_cli(tmp_path: Path, extra_env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_"))}
    env.update({"BOT_DB": str(tmp_path / "bot.db"), "PYTHONUNBUFFERED": "1", **extra_env})
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "slack", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_missing_token_through_the_command_line_exits_1_without_traceback(tmp_path):
    proc = run_cli(tmp_path, {})
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "SLACK_BOT_TOKEN ontbreekt" in err and "Traceback" not in err + out


def test_serves_http_until_terminated(tmp_path, standin):
    port = free_port()
    proc = run_cli(
        tmp_path,
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": standin.base_url},
        "--port",
        str(port),
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = get(port, "/healthz")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        assert health.status == 200 and json.loads(health.body) == {"status": "ok"}
        result = send_command(port, "help", standin.response_url("h"))
        assert result.status == 200
        assert "opdrachten" in standin.wait_for("response_url")[0].params["text"]
        # the reminder scheduler runs inside the server: the new mayor gets a private welcome
        send_command(port, "start Zaanstad", standin.response_url("s"))
        standin.wait_for("chat.postMessage", 2)
        send_command(port, "rol <@U2|piet> burgemeester", standin.response_url("r"))
        standin.wait_for("response_url", where=lambda c: "Bevestig met de knop" in c.params.get("text", ""))
        send_command(port, "bevestig", standin.response_url("b"))
        assert standin.wait_for("conversations.open", where=lambda c: c.params["users"] == "U2")
        welcome = standin.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "DU2")[0]
        in_channel = [c.params["text"] for c in standin.calls_to("chat.postMessage") if c.params["channel"] == "C100"]
        assert welcome.params["text"] not in in_channel
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and BOT_TOKEN not in err + out and SECRET not in err + out
    assert APP_TOKEN not in err
