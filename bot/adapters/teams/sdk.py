"""The few parts of the Teams SDK the adapter uses, imported so that the SDK's own settings change nothing.

`microsoft_teams.apps` loads a `.env` file into the process environment when it is imported; the bot is
configured by `Settings` alone, so that loading is switched off for the import. Every SDK object the
adapter builds gets all its options passed explicitly.
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

PUBLIC_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"


def available() -> bool:
    """True when the optional extra `teams` (the Teams SDK, with its FastAPI and uvicorn) can be imported."""
    try:
        _import_token_validator()
        importlib.import_module("fastapi")
        importlib.import_module("uvicorn")
    except ImportError:
        return False
    return True


def _import_token_validator() -> tuple[Any, Any]:
    import dotenv

    original = dotenv.load_dotenv
    dotenv.load_dotenv = lambda *args, **kwargs: False  # the SDK runs load_dotenv(find_dotenv()) at import
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".* is in preview")  # SDK features the bot does not use
            from microsoft_teams.apps.auth.token_validator import JwtValidationOptions, TokenValidator
    finally:
        dotenv.load_dotenv = original
    return JwtValidationOptions, TokenValidator


def jwks_uri(openid_metadata_url: str) -> str:
    """The key set next to the OpenID metadata: its sibling `…/keys`, as the SDK derives it."""
    return openid_metadata_url.rsplit("/", 1)[0] + "/keys"


def token_validator(app_id: str, openid_metadata_url: str | None) -> Any:
    """The SDK's Bot Framework token validator: RS256, issuer, audience `app_id`, expiry with 5 minutes' skew."""
    options_type, validator_type = _import_token_validator()
    options = options_type(
        valid_issuers=[BOT_FRAMEWORK_ISSUER],
        valid_audiences=[app_id],
        jwks_uri=jwks_uri(openid_metadata_url or PUBLIC_OPENID_METADATA_URL),
        service_url=None,  # checked by the adapter once the body is read (see auth.check_service_url_claim)
        scope=None,
        clock_tolerance=300,
    )
    return validator_type(options)
