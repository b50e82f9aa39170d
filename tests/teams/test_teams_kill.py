"""A `serve teams` process killed in the middle of a send: the next process delivers the reply at once."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_process import standin_env, start_serve_teams  # noqa: E402
from teams_wire import TEAM_CHANNEL, message, post  # noqa: E402

THREAD = f"/v3/conversations/{TEAM_CHANNEL};messageid=1700000000000/activities"


def _start(tmp_path: Path, standin) -> tuple[subprocess.Popen[str], str]:
    return start_serve_teams(tmp_path, standin_env(tmp_path, standin))


def test_a_send_cut_off_by_a_killed_process_is_made_by_the_next_one(tmp_path: Path, standin, key) -> None:
    standin.delay = 3.0  # the Bot Connector is slow: the first process dies while its send is open
    standin.fail(THREAD, 503, times=1)  # ... and that send does not count
    first, base = _start(tmp_path, standin)
    activity = message(standin.service_url, "start Zaanstad")
    try:
        assert post(base + "/api/messages", activity, key.token(standin.service_url))[0] == 200
        time.sleep(0.3)  # the sender has leased the reply and is waiting for the Bot Connector
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=15)
    standin.delay = 0.0
    second, _ = _start(tmp_path, standin)
    try:
        began = time.monotonic()
        replies = lambda s: [c for c in s.sent() if c.path.endswith(f"/{activity['id']}")]  # noqa: E731
        assert standin.wait_for(lambda s: len(replies(s)) == 1, timeout=20)
        assert time.monotonic() - began < 20  # not after the 90 s lease: a dead process's lease is released
        time.sleep(0.5)
        assert len(replies(standin)) == 1 and "Procedure gestart" in replies(standin)[0].body["text"]
    finally:
        second.terminate()
        second.wait(timeout=15)
