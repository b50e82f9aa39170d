"""`python -m bot serve teams` as a process: refusals in Dutch, and the SDK's own settings change nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_process import process_env, standin_env, start_serve_teams  # noqa: E402
from teams_wire import APP_ID, TEAM_CHANNEL, message, post  # noqa: E402

SDK_VARIABLES = {
    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS": "true",
    "CLIENT_ID": "sdk-client-id",
    "CLIENT_SECRET": "sdk-secret",
    "TENANT_ID": "sdk-tenant",
    "SERVICE_URL": "https://smba.trafficmanager.net/sdk-default/",
    "CLOUD": "USGov",
    "PORT": "1",
}


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return process_env(tmp_path, drop=SDK_VARIABLES, **extra)


def _run(tmp_path: Path, code: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-c", code] if code else [sys.executable, "-m", "bot", "serve", "teams"]
    return subprocess.run(args, cwd=tmp_path, env=_env(tmp_path, **env), capture_output=True, text=True, timeout=60)


def test_without_app_id_it_refuses_in_dutch(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("TEAMS_APP_ID=uit-een-env-bestand\nCLIENT_ID=sdk\n")  # a .env changes nothing
    result = _run(tmp_path, **SDK_VARIABLES)
    assert result.returncode == 1
    assert "TEAMS_APP_ID ontbreekt" in result.stderr and "Traceback" not in result.stderr


def test_without_the_extra_it_says_so_in_dutch(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['microsoft_teams'] = None; from bot.cli import main; "
        "sys.exit(main(['serve', 'teams']))"
    )
    result = _run(tmp_path, code, TEAMS_APP_ID=APP_ID)
    assert result.returncode == 1
    assert "extra 'teams'" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def served(tmp_path: Path, standin) -> Iterator[tuple[str, Path]]:
    """The bot as its own process, with the SDK's variables set both in the environment and in a .env file."""
    (tmp_path / ".env").write_text("".join(f"{k}={v}\n" for k, v in SDK_VARIABLES.items()) + "TEAMS_TEST_ANONYMOUS=1\n")
    env = standin_env(tmp_path, standin, SDK_VARIABLES, **SDK_VARIABLES)
    process, base = start_serve_teams(tmp_path, env)
    yield base, tmp_path
    process.terminate()
    process.wait(timeout=15)


def test_sdk_variables_and_dotenv_change_nothing(served, standin, key) -> None:
    base, _ = served
    url = base + "/api/messages"
    # DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS and the .env's TEAMS_TEST_ANONYMOUS do not let this in
    assert post(url, message(standin.service_url, "start Zaanstad"))[0] == 401
    assert standin.connector_calls() == []
    # a valid token still works, and the answer goes to the activity's serviceUrl, not SERVICE_URL
    activity = message(standin.service_url, "start Zaanstad")
    assert post(url, activity, key.token(standin.service_url))[0] == 200
    assert standin.wait_for(lambda s: s.sent())  # replies leave through the outbox
    call = standin.sent()[0]
    assert call.path.startswith(f"/v3/conversations/{TEAM_CHANNEL}")
    assert standin.token_requests[0]["client_id"] == [APP_ID]


def test_a_taken_port_is_refused_in_dutch(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "teams", "--port", str(port)],
            cwd=tmp_path,
            env=_env(tmp_path, TEAMS_TEST_ANONYMOUS="1"),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"kan niet luisteren op poort {port}" in result.stderr and "Traceback" not in result.stderr
