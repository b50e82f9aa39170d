"""`python -m bot serve teams` as its own process, for the tests that start, stop or kill it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from teams_wire import APP_ID, APP_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def process_env(tmp_path: Path, drop: Iterable[str] = (), **extra: str) -> dict[str, str]:
    """This environment without any TEAMS_/SLACK_ variable (nor those in `drop`), the database in tmp_path,
    plus `extra`."""
    dropped = set(drop)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEAMS_", "SLACK_")) and k not in dropped}
    env.update({"PYTHONPATH": str(ROOT), "BOT_DB": str(tmp_path / "bot.db")})
    env.update(extra)
    return env


def standin_env(tmp_path: Path, standin: Any, drop: Iterable[str] = (), **extra: str) -> dict[str, str]:
    """process_env for `serve teams` against the Bot Framework stand-in: the app's credentials and the
    stand-in's OpenID metadata, token and connector URLs, plus `extra`."""
    return process_env(
        tmp_path,
        drop,
        TEAMS_APP_ID=APP_ID,
        TEAMS_APP_PASSWORD=APP_PASSWORD,
        TEAMS_TEST_OPENID_METADATA_URL=standin.metadata_url,
        TEAMS_TEST_TOKEN_URL=standin.token_url,
        TEAMS_TEST_SERVICE_URL=standin.origin,
        **extra,
    )


def start_serve_teams(tmp_path: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    """Start `serve teams` on a free port and wait until /healthz answers 200; returns the process and its URL.

    Its log goes to `serve-teams.log` in tmp_path, a file rather than a pipe, so that a long-running
    process never blocks on a full pipe nobody reads; the file is shown when the process fails to start."""
    port = free_port()
    log_path = tmp_path / "serve-teams.log"
    with log_path.open("w", encoding="utf-8") as log:  # the child keeps its own handle
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "teams", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait(timeout=10)
                output = log_path.read_text(encoding="utf-8", errors="replace")
                raise AssertionError(f"serve teams did not start: {output}") from None
            time.sleep(0.1)
