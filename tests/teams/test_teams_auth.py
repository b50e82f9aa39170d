"""Bad tokens get 401 and a serviceUrl off the allow-list 403, with nothing done or sent; anonymous test mode."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from teams_fixtures import start_bot, teams_settings  # noqa: E402
from teams_standin import TeamsStandIn  # noqa: E402
from teams_wire import TEAM_CHANNEL, SigningKey, message, post  # noqa: E402

from bot.adapters.teams.auth import service_url_allowed  # noqa: E402
from bot.config import Settings  # noqa: E402

BAD_TOKENS = {
    "expired": {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200, "nbf": int(time.time()) - 7200},
    "wrong audience": {"aud": "some-other-bot"},
    "wrong issuer": {"iss": "https://evil.example.com"},
    "entra issuer": {"iss": "https://sts.windows.net/tenant/"},
    "serviceurl claim mismatch": {"serviceurl": "https://smba.trafficmanager.net/emea/"},
    "no serviceurl claim": {"serviceurl": None},
}


def _nothing_happened(running) -> None:
    assert running.standin.connector_calls() == []
    assert running.application.store.procedure(TEAM_CHANNEL) is None


def test_no_token_is_refused(running) -> None:
    status, _ = running.send(message(running.standin.service_url, "start Zaanstad"), token=None)
    assert status == 401
    _nothing_happened(running)


def test_a_token_that_is_not_a_jwt_is_refused(running) -> None:
    status, _ = running.send(message(running.standin.service_url, "start Zaanstad"), token="not-a-jwt")
    assert status == 401
    _nothing_happened(running)


def test_a_token_signed_by_an_unknown_key_is_refused(running) -> None:
    stranger = SigningKey("test-key-1")  # same key id, other key
    other_kid = SigningKey("unknown-kid")
    for key in (stranger, other_kid):
        status, _ = running.send(
            message(running.standin.service_url, "start Zaanstad"), token=key.token(running.standin.service_url)
        )
        assert status == 401
    _nothing_happened(running)


@pytest.mark.parametrize("case", sorted(BAD_TOKENS))
def test_bad_claims_are_refused(running, case: str) -> None:
    token = running.token(**BAD_TOKENS[case])
    status, _ = running.send(message(running.standin.service_url, "start Zaanstad"), token=token)
    assert status == 401
    _nothing_happened(running)


def test_clock_skew_of_a_few_minutes_is_accepted_and_a_trailing_slash_ignored(running) -> None:
    now = int(time.time())
    token = running.key.token(running.standin.origin, exp=now - 120, iat=now - 3600, nbf=now - 3600)
    status, _ = running.send(message(running.standin.service_url, "start Zaanstad"), token=token)
    assert status == 200
    assert running.application.store.procedure(TEAM_CHANNEL) is not None


def test_a_service_url_off_the_allow_list_is_refused(running, key: SigningKey) -> None:
    evil = TeamsStandIn(key).start()
    try:
        activity = message(evil.service_url, "start Zaanstad")
        status, _ = running.send(activity, token=running.key.token(evil.service_url))
        assert status == 403
        assert evil.calls == [] and evil.token_requests == []
        _nothing_happened(running)
    finally:
        evil.stop()


def test_health_needs_no_token(running) -> None:
    port = running.server.port
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
        assert response.status == 200


def test_allow_list() -> None:
    settings = Settings(teams_test_service_url="http://127.0.0.1:5000")
    allowed = [
        "https://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net/amer/",
        "https://europe.botframework.com/",
        "https://api.teams.microsoft.com/x/",
        "https://x.teams.microsoft.us/",
        "https://x.botframework.azure.us/",
        "http://127.0.0.1:5000/",
    ]
    refused = [
        "http://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net.evil.com/",
        "https://evilbotframework.com/",
        "https://botframework.com.evil.com/",
        "https://smba.trafficmanager.net:8443/",
        "http://127.0.0.1:5001/",
        "https://127.0.0.1:5000/",
        "",
        "not a url",
    ]
    assert all(service_url_allowed(url, settings) for url in allowed)
    assert not any(service_url_allowed(url, settings) for url in refused)


def test_anonymous_test_mode_accepts_activities_without_token(tmp_path: Path, standin, key) -> None:
    settings = teams_settings(tmp_path / "bot.db", standin, teams_app_id=None, teams_test_anonymous=True)
    running = start_bot(settings, standin, key)
    try:
        status, _ = post(running.url, message(standin.service_url, "start Zaanstad"))
        assert status == 200
        call = standin.sent()[0]
        assert call.authorization is None  # answered without a token
        assert standin.token_requests == []
        assert post(running.url, message("https://evil.example.com/", "status"))[0] == 403
    finally:
        running.stop()


def test_anonymous_mode_is_ignored_when_an_app_id_is_set(tmp_path: Path, standin, key) -> None:
    running = start_bot(teams_settings(tmp_path / "bot.db", standin, teams_test_anonymous=True), standin, key)
    try:
        assert post(running.url, message(standin.service_url, "start Zaanstad"))[0] == 401
        _nothing_happened(running)
    finally:
        running.stop()
