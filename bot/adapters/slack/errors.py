"""The one error handler: log what failed (never the message or a token) and tell the user in Dutch.

Bolt routes errors of acknowledgement functions and middleware to `@app.error`; the work that runs
after the acknowledgement (Bolt's lazy listeners) is wrapped by `reported`, which hands its errors to
the same handler, so there is one place that decides what a failure looks like.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk.errors import SlackApiError

from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import Origin
from bot.adapters.slack.translate import is_direct_channel
from bot.adapters.slack.verify import is_verified
from bot.core.messages import Audience, Reply

log = logging.getLogger(__name__)

NOT_SAVED = (
    "⚠️ Sorry, het lukte me niet je opdracht op te slaan; er is niets veranderd. Probeer het zo nog eens; "
    "blijft het misgaan, meld het dan bij de beheerder van de bot."
)
SORRY = (
    "⚠️ Sorry, er ging bij mij iets mis en ik kon je verzoek niet afmaken. Probeer het zo nog eens; "
    "blijft het misgaan, meld het dan bij de beheerder van de bot."
)


def register(app: App, runtime: SlackRuntime) -> None:
    """Install the global error handler."""

    def handle_error(error: Exception, body: dict[str, Any], request: BoltRequest) -> None:
        report(runtime, error, body, verified=is_verified(request.headers, request.mode))

    app.error(handle_error)


def reported(runtime: SlackRuntime) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Wrap work done after the ack so that its failures reach the same handler as Bolt's own."""

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(func)  # Bolt reads the wrapped function's parameter names to inject arguments
        def wrapper(*args: Any, **kwargs: Any) -> None:
            try:
                func(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - every failure is reported once, here
                report(runtime, error, kwargs.get("body") or {})

        return wrapper

    return decorate


def report(
    runtime: SlackRuntime, error: Exception, body: Mapping[str, Any], *, verified: bool = True, notify: bool = True
) -> None:
    """Log the failure without payload text and, where possible, tell the requester privately.

    A request that did not pass verification is never answered: its response_url and channel are
    whatever a forger wrote, so only the kind of failure is logged.
    """
    if not verified:
        log.warning("Niet-geverifieerd Slack-verzoek mislukt (%s); niets verstuurd", type(error).__name__)
        return
    kind = str(body.get("command") or body.get("type") or "onbekend")
    if isinstance(error, SlackApiError):
        code = error.response.get("error") if error.response is not None else None
        log.error("Slack-verzoek (%s) mislukt: Slack weigerde een aanroep (%s)", kind, code)
    else:
        # The traceback's code lines only: an exception's message may quote what a user typed.
        where = "".join(traceback.format_tb(error.__traceback__)[-3:])
        log.error("Slack-verzoek (%s) mislukt: %s\n%s", kind, type(error).__name__, where.rstrip())
    origin = origin_of(body)
    if origin is None or not notify:
        return
    try:
        runtime.tell([Reply(SORRY, Audience.REQUESTER, user=origin.user)], origin)
    except Exception as exc:  # noqa: BLE001 - the user cannot be reached; the log above stands
        log.warning("Kon de gebruiker niet over de fout inlichten: %s", type(exc).__name__)


def origin_of(body: Mapping[str, Any]) -> Origin | None:
    """Where to tell the user about a failure, from any payload; None when there is no such place."""
    if body.get("command"):
        channel, user = str(body.get("channel_id") or ""), str(body.get("user_id") or "")
        if not channel or not user:
            return None
        return Origin(channel, user, body.get("response_url"), via_command=True, is_direct=is_direct_channel(channel))
    if body.get("type") == "block_actions":
        channel = str((body.get("channel") or {}).get("id") or "")
        user = str((body.get("user") or {}).get("id") or "")
        if channel and user:
            return Origin(channel, user, body.get("response_url"), is_direct=is_direct_channel(channel))
        return None
    event = body.get("event") or {}
    channel, user = str(event.get("channel") or ""), str(event.get("user") or "")
    if event.get("type") in {"app_mention", "message"} and channel and user:
        return Origin(channel, user, is_direct=is_direct_channel(channel))
    return None
