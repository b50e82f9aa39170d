"""Who may talk to the bot and where the bot may talk: inbound tokens, the serviceUrl allow-list, its own token.

Inbound: every activity carries a Bot Framework JWT; the SDK's validator checks signature (keys from the
metadata's sibling `…/keys`), expiry, issuer and audience before the body is read; then the `serviceurl`
claim must equal the activity's serviceUrl. Outbound: the bot's own token (client credentials) only ever
goes to an allow-listed serviceUrl.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.adapters.teams import sdk
from bot.config import Settings

log = logging.getLogger(__name__)

ALLOWED_EXACT_HOSTS = frozenset({"smba.trafficmanager.net"})
ALLOWED_DOMAINS = ("botframework.com", "teams.microsoft.com", "teams.microsoft.us", "botframework.azure.us")
BOT_SCOPE = "https://api.botframework.com/.default"
LOGIN_URL = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"
DEFAULT_TENANT = "botframework.com"
REFRESH_MARGIN = 300.0  # renew the bot's token five minutes before it expires


class Unauthorized(Exception):
    """The request's token is missing or not valid (HTTP 401)."""


def _origin(url: str) -> tuple[str, str, int | None] | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


def service_url_allowed(url: str, settings: Settings) -> bool:
    """True for https on smba.trafficmanager.net or under a Microsoft bot domain, or TEAMS_TEST_SERVICE_URL's origin."""
    origin = _origin(url)
    if origin is None:
        return False
    scheme, host, port = origin
    test = _origin(settings.teams_test_service_url) if settings.teams_test_service_url else None
    if test is not None and (scheme, host, port) == test:
        return True
    if scheme != "https" or port not in (None, 443):
        return False
    return host in ALLOWED_EXACT_HOSTS or any(host == d or host.endswith("." + d) for d in ALLOWED_DOMAINS)


UPLOAD_DOMAINS = ("sharepoint.com", "sharepoint.us")  # OneDrive for Business lives on SharePoint


def upload_url_allowed(url: str, settings: Settings) -> bool:
    """True for https on a host under sharepoint.com or sharepoint.us (OneDrive for Business), or the origin of
    TEAMS_TEST_UPLOAD_URL: the upload URL comes in an authenticated activity, but the bot sends file content there."""
    origin = _origin(url)
    if origin is None:
        return False
    test = _origin(settings.teams_test_upload_url) if settings.teams_test_upload_url else None
    if test is not None and origin == test:
        return True
    scheme, host, port = origin
    if scheme != "https" or port not in (None, 443):
        return False
    return any(host.endswith("." + domain) for domain in UPLOAD_DOMAINS)


@dataclass(frozen=True)
class Caller:
    """An authenticated request: the token's claims (empty in anonymous test mode)."""

    claims: dict[str, Any]
    anonymous: bool = False


class Authenticator:
    """Checks the Authorization header of an activity; anonymous only in the loopback test mode."""

    def __init__(self, settings: Settings) -> None:
        self.app_id = settings.teams_app_id
        self.anonymous = not self.app_id and settings.teams_test_anonymous
        self._validator = (
            sdk.token_validator(self.app_id, settings.teams_test_openid_metadata_url) if self.app_id else None
        )

    def check_header(self, authorization: str | None) -> Caller:
        """Validate the bearer token (blocking: may fetch keys); raises Unauthorized."""
        if self.anonymous:
            return Caller({}, anonymous=True)
        if self._validator is None:
            raise Unauthorized("geen TEAMS_APP_ID")
        if not authorization or not authorization.startswith("Bearer "):
            raise Unauthorized("geen token")
        raw = authorization.removeprefix("Bearer ").strip()
        try:
            claims = asyncio.run(self._validator.validate_token(raw, None))
        except Exception as err:  # noqa: BLE001 - every failure of any kind is a refusal
            raise Unauthorized(type(err).__name__) from None
        return Caller(dict(claims))

    @staticmethod
    def check_service_url_claim(caller: Caller, service_url: str) -> None:
        """The token's `serviceurl` claim must equal the activity's serviceUrl (a trailing / ignored)."""
        if caller.anonymous:
            return
        claim = caller.claims.get("serviceurl")
        if not isinstance(claim, str) or not claim or claim.rstrip("/") != service_url.rstrip("/"):
            raise Unauthorized("serviceurl")


class BotTokens:
    """The bot's own token for the Bot Connector: a client-credentials POST, cached until shortly before expiry."""

    def __init__(self, settings: Settings, http: httpx.Client) -> None:
        self.app_id = settings.teams_app_id
        self.password = settings.teams_app_password or ""
        tenant = settings.teams_tenant_id or DEFAULT_TENANT
        self.url = settings.teams_test_token_url or LOGIN_URL.format(tenant=tenant)
        self.http = http
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def header(self) -> dict[str, str]:
        """The Authorization header for a call to the serviceUrl; none in anonymous test mode."""
        if not self.app_id:
            return {}
        with self._lock:
            if self._token is None or time.monotonic() >= self._expires:
                self._fetch()
            return {"Authorization": f"Bearer {self._token}"}

    def invalidate(self) -> None:
        """Forget the cached token (the Bot Connector refused it)."""
        with self._lock:
            self._token = None

    def _fetch(self) -> None:
        response = self.http.post(
            self.url,
            data={
                "grant_type": "client_credentials",
                "client_id": self.app_id or "",
                "client_secret": self.password,
                "scope": BOT_SCOPE,
            },
        )
        response.raise_for_status()
        body = response.json()
        self._token = str(body["access_token"])
        lifetime = float(body.get("expires_in") or 3600)
        self._expires = time.monotonic() + max(lifetime - REFRESH_MARGIN, lifetime / 2)
