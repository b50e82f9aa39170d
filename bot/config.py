"""Settings, read once from the environment at start-up into one frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from bot.paths import content_root

APP_NAME = "werving-bot"
DB_FILE = "bot.db"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_TIMEZONE = "Europe/Amsterdam"


def default_db_path() -> Path:
    """`bot.db` in the user's data folder (on Linux ~/.local/share/werving-bot), the same from any folder."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DB_FILE


class SettingsError(ValueError):
    """An environment variable has a value the bot cannot use (message in Dutch)."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    db_path: Path = field(default_factory=default_db_path)
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    content_dir: Path = field(default_factory=content_root)
    teams_app_id: str | None = None  # the bot's Entra app id (TEAMS_APP_ID)
    teams_app_password: str | None = None  # its client secret (TEAMS_APP_PASSWORD)
    teams_tenant_id: str | None = None  # single-tenant bots (TEAMS_TENANT_ID); None: multi-tenant
    teams_test_openid_metadata_url: str | None = None  # loopback tests only: instead of Bot Framework's metadata
    teams_test_token_url: str | None = None  # loopback tests only: where the bot gets its own token
    teams_test_service_url: str | None = None  # loopback tests only: one more serviceUrl origin on the allow-list
    teams_test_upload_url: str | None = None  # loopback tests only: one more origin a file may be uploaded to
    teams_test_anonymous: bool = False  # loopback tests only, without TEAMS_APP_ID: accept activities without token

    @property
    def knowledge_dir(self) -> Path:
        """Folder with the encoded guide."""
        return self.content_dir / "knowledge"

    @property
    def procedures_dir(self) -> Path:
        """Folder with the step plan, roles, schools and reminder rules."""
        return self.content_dir / "procedures"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from the environment (or the given mapping)."""
        env = os.environ if env is None else env
        tz_name = env.get("BOT_TIMEZONE") or DEFAULT_TIMEZONE
        try:
            timezone = ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise SettingsError(
                f"BOT_TIMEZONE '{tz_name}' is geen bekende tijdzone (bijvoorbeeld Europe/Amsterdam)."
            ) from exc
        api_url = env.get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
        if not api_url.endswith("/"):
            api_url += "/"
        return cls(
            db_path=Path(env["BOT_DB"]).expanduser() if env.get("BOT_DB") else default_db_path(),
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=api_url,
            timezone=timezone,
            teams_app_id=env.get("TEAMS_APP_ID") or None,
            teams_app_password=env.get("TEAMS_APP_PASSWORD") or None,
            teams_tenant_id=env.get("TEAMS_TENANT_ID") or None,
            teams_test_openid_metadata_url=env.get("TEAMS_TEST_OPENID_METADATA_URL") or None,
            teams_test_token_url=env.get("TEAMS_TEST_TOKEN_URL") or None,
            teams_test_service_url=env.get("TEAMS_TEST_SERVICE_URL") or None,
            teams_test_upload_url=env.get("TEAMS_TEST_UPLOAD_URL") or None,
            teams_test_anonymous=env.get("TEAMS_TEST_ANONYMOUS", "").strip() == "1",
        )
