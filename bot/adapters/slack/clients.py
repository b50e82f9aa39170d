"""Slack Web API and response_url clients, all on settings.slack_api_url and all retrying politely.

Every client gets the same explicit retry handlers: a 429 waits for Slack's Retry-After before trying
again, a 500/503 and a dropped connection are retried with back-off.
"""

from __future__ import annotations

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


def retry_handlers() -> list[RetryHandler]:
    """Fresh retry handlers: connection errors, rate limits (honouring Retry-After) and server errors."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def web_client(settings: Settings, token: str | None) -> WebClient:
    """A Web API client for `token` at the configured base URL."""
    return WebClient(
        token=token, base_url=settings.slack_api_url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers()
    )


def webhook_client(url: str) -> WebhookClient:
    """A client for one response_url (answers to a slash command or a button)."""
    return WebhookClient(url=url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())
