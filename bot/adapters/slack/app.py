"""Builds the Bolt app from the Application: one Web API client, sender and de-duplicator, then the listeners.

Acknowledgements run in the thread that received the request (`process_before_response=True`), and
all work happens afterwards in Bolt's lazy listeners, so an ack never waits behind a busy worker:
the same design serves HTTP (waitress threads) and Socket Mode (the socket client's workers).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltResponse

from bot.adapters.slack import actions, commands, errors, events
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.dedupe import Deduper
from bot.adapters.slack.pacing import Pacer
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import SlackSender
from bot.bootstrap import Application

LISTENER_GROUPS = (commands, events, actions, errors)
WORKERS = 16  # threads for the work after the ack (Slack calls, SQLite)
BOLT_LOGGER = "bot.adapters.slack.bolt"


def build_app(
    application: Application,
    *,
    socket_mode: bool = False,
    sender: SlackSender | None = None,
    pacer: Pacer | None = None,
    workers: int = WORKERS,
    on_handled: Callable[[], None] | None = None,
) -> App:
    """The Bolt app for `application`; HTTP mode refuses to run without a signing secret.

    Pass the `sender` the reminders use as well, so that both share one client and one per-channel pace;
    `on_handled` runs after every handled message (the server wakes the reminder scheduler with it).
    """
    settings = application.settings
    if not socket_mode and not settings.slack_signing_secret:
        raise ValueError("SLACK_SIGNING_SECRET ontbreekt: zonder kan ik niet nagaan of een verzoek van Slack komt.")
    client = sender.client if sender is not None else web_client(settings, settings.slack_bot_token)
    bolt_logger = logging.getLogger(BOLT_LOGGER)
    bolt_logger.setLevel(logging.INFO)  # Bolt copies this level into its own loggers
    if not any(isinstance(f, _SameTokenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_SameTokenNotice())
    app = App(
        name="werving",
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=True,
        ssl_check_enabled=False,  # so that every HTTP request meets the signature check first
        listener_executor=ThreadPoolExecutor(max_workers=workers, thread_name_prefix="werving-slack"),
        logger=bolt_logger,
    )
    app.middleware(answer_ssl_check)
    sender = sender or SlackSender(client, application.plan, pacer)
    deduper = Deduper(application.store.database, application.clock)
    runtime = SlackRuntime(application, client, sender, deduper, on_handled)
    for group in LISTENER_GROUPS:
        group.register(app, runtime)
    keep_secrets_out_of_logs()
    return app


def answer_ssl_check(body: dict[str, Any], next: Any) -> BoltResponse | None:  # noqa: A002 - Bolt's name
    """Slack's certificate check (a signed `ssl_check=1`) only needs a 200."""
    if body.get("ssl_check") == "1":
        return BoltResponse(status=200, body="")
    return next()


class _SameTokenNotice(logging.Filter):
    """Bolt also reads SLACK_BOT_TOKEN itself and then warns that it uses our client instead: noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("As you gave `client` as well")


def keep_secrets_out_of_logs() -> None:
    """No DEBUG from the Slack libraries (it holds tokens and message text); no rejected bodies either."""
    for name in ("slack_sdk", "slack_bolt", "werving"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.INFO or logger.level == logging.NOTSET:
            logger.setLevel(logging.INFO)
    # RequestVerification logs a rejected request's whole body at INFO.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
