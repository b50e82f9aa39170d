"""Settings.from_env reads exactly the TEAMS_* variables for Teams; the SDK's own variables are not settings."""

from __future__ import annotations

from bot.config import Settings


def test_teams_settings_from_env() -> None:
    settings = Settings.from_env(
        {
            "TEAMS_APP_ID": "app",
            "TEAMS_APP_PASSWORD": "geheim",
            "TEAMS_TENANT_ID": "tenant",
            "TEAMS_TEST_OPENID_METADATA_URL": "http://127.0.0.1:1/v1/.well-known/openidconfiguration",
            "TEAMS_TEST_TOKEN_URL": "http://127.0.0.1:1/token",
            "TEAMS_TEST_SERVICE_URL": "http://127.0.0.1:1",
            "TEAMS_TEST_ANONYMOUS": "1",
        }
    )
    assert (settings.teams_app_id, settings.teams_app_password, settings.teams_tenant_id) == ("app", "geheim", "tenant")
    assert settings.teams_test_token_url == "http://127.0.0.1:1/token"
    assert settings.teams_test_service_url == "http://127.0.0.1:1"
    assert settings.teams_test_anonymous is True


def test_sdk_variables_configure_nothing() -> None:
    settings = Settings.from_env(
        {"CLIENT_ID": "x", "CLIENT_SECRET": "y", "TENANT_ID": "z", "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS": "true"}
    )
    assert settings.teams_app_id is None and settings.teams_app_password is None and settings.teams_tenant_id is None
    assert settings.teams_test_anonymous is False
    assert Settings.from_env({"TEAMS_TEST_ANONYMOUS": "true"}).teams_test_anonymous is False  # only "1" counts
