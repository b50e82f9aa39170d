"""Slack Web API and response_url clients, all on settings.slack_api_url, with short, bounded retries.

No client ever sleeps long in a thread: a 429 is waited out in the thread only up to `RETRY_AFTER_CAP`
seconds (the channel check); the outbox's senders do not wait at all but put the message back in the
outbox with the Retry-After as its next attempt. A 500/503 and a dropped connection are retried once.
"""

from __future__ import annotations

import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.config import Settings

TIMEOUT_SECONDS = 10  # a worker thread never waits on Slack longer than this per attempt
RETRY_AFTER_CAP = 3.0  # longer Retry-Afters are not waited out in a thread


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Honour a 429's Retry-After in the thread only when it is short; a longer one fails at once."""

    def __init__(self, cap: float = RETRY_AFTER_CAP, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.cap = cap

    def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        return _retry_after(response.headers) <= self.cap

    def prepare_for_next_attempt(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> None:
        """Sleep the (short) Retry-After, then try once more."""
        state.next_attempt_requested = True
        time.sleep(min(_retry_after(response.headers if response is not None else {}), self.cap))
        state.increment_current_attempt()


def _retry_after(headers: Any) -> float:
    for name, value in dict(headers or {}).items():
        if str(name).lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) else value
            try:
                return max(0.0, float(raw))
            except (TypeError, ValueError):
                return 1.0
    return 1.0


def retry_handlers(rate_limits: bool = True) -> list[RetryHandler]:
    """Fresh retry handlers: a dropped connection and a 500/503 once; a short Retry-After when `rate_limits`."""
    handlers: list[RetryHandler] = [
        ConnectionErrorRetryHandler(max_retry_count=1),
        ServerErrorRetryHandler(max_retry_count=1),
    ]
    if rate_limits:
        handlers.append(CappedRateLimitRetryHandler())
    return handlers


def web_client(settings: Settings, token: str | None, *, rate_limits: bool = True) -> WebClient:
    """A Web API client for `token` at the configured base URL (`rate_limits=False`: a 429 raises at once)."""
    return WebClient(
        token=token,
        base_url=settings.slack_api_url,
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(rate_limits),
    )


def webhook_client(url: str) -> WebhookClient:
    """A client for one response_url (answers to a slash command or a button); a 429 raises at once."""
    return WebhookClient(url=url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers(rate_limits=False))
