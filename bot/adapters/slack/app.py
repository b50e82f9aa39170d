"""Builds the Bolt app from the Application: Web API clients, the outbox senders, the de-duplicator, the listeners.

Every request is handled in its acknowledgement (`process_before_response=True`): the core's work is
milliseconds and is committed, together with the replies it queues in the message outbox, before Slack
gets its 200. The outbox's senders deliver afterwards, paced per channel. Only slow calls to Slack that
change nothing (the channel check, the App Home) run after the ack on Bolt's listener executor.
`close_app` drains that executor and the senders before the database is closed.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltResponse

from bot.adapters.dispatch import OutboxDispatcher
from bot.adapters.pacing import Pacer
from bot.adapters.slack import actions, commands, errors, events
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.dedupe import Deduper
from bot.adapters.slack.runtime import SlackRuntime
from bot.adapters.slack.sender import SlackSender, coalesce, slack_transport
from bot.application import Application

LISTENER_GROUPS = (commands, events, actions, errors)
WORKERS = 8  # threads for the slow work after the ack (the channel check, the App Home)
SENDERS = 16  # threads delivering the outbox; one message per channel at a time
BOLT_LOGGER = "bot.adapters.slack.bolt"


@dataclass
class _Parts:
    runtime: SlackRuntime
    executor: Executor


_PARTS: weakref.WeakKeyDictionary[App, _Parts] = weakref.WeakKeyDictionary()


def build_app(
    application: Application,
    *,
    socket_mode: bool = False,
    pacer: Pacer | None = None,
    workers: int = WORKERS,
    senders: int = SENDERS,
    on_handled: Callable[[], None] | None = None,
    listener_executor: Executor | None = None,
    start_senders: bool = True,
) -> App:
    """The Bolt app for `application`; HTTP mode refuses to run without a signing secret.

    `pacer` spaces the outbox's messages per channel; `on_handled` runs after every handled message (the
    server wakes the reminder scheduler with it); tests may pass an inline `listener_executor`.
    """
    settings = application.settings
    if not socket_mode and not settings.slack_signing_secret:
        raise ValueError("SLACK_SIGNING_SECRET ontbreekt: zonder kan ik niet nagaan of een verzoek van Slack komt.")
    client = web_client(settings, settings.slack_bot_token)
    bolt_logger = logging.getLogger(BOLT_LOGGER)
    bolt_logger.setLevel(logging.WARNING)  # Bolt copies this level into its own loggers
    if not any(isinstance(f, _SameTokenNotice) for f in bolt_logger.filters):
        bolt_logger.addFilter(_SameTokenNotice())
    executor = listener_executor or ThreadPoolExecutor(max_workers=workers, thread_name_prefix="werving-slack")
    app = App(
        name="werving",
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=True,
        ssl_check_enabled=False,  # so that every HTTP request meets the signature check first
        listener_executor=executor,
        logger=bolt_logger,
    )
    app.middleware(answer_ssl_check)
    # The senders' client never sleeps on a 429 (the message goes back to the outbox instead), and the
    # dispatcher does the pacing, so a sender thread never sleeps at all.
    sender_client = web_client(settings, settings.slack_bot_token, rate_limits=False)
    sender = SlackSender(sender_client, application.plan, Pacer(interval=0))
    dispatcher = OutboxDispatcher(
        application.store.database,
        slack_transport(sender),
        application.clock,
        pacer=pacer or Pacer(),
        workers=senders,
        coalesce=coalesce,
    )
    deduper = Deduper(application.store.database, application.clock)
    runtime = SlackRuntime(application, client, sender, deduper, dispatcher, on_handled)
    dispatcher.on_failed = runtime.notice_failed
    for group in LISTENER_GROUPS:
        group.register(app, runtime)
    keep_secrets_out_of_logs()
    _PARTS[app] = _Parts(runtime, executor)
    if start_senders:
        dispatcher.start()
    return app


def runtime_of(app: App) -> SlackRuntime:
    """The runtime `build_app` made for `app`."""
    return _PARTS[app].runtime


def close_app(app: App, timeout: float = 30.0) -> None:
    """Finish the work after acks (Bolt's executor), then the sends in flight; call before closing the database."""
    parts = _PARTS.get(app)
    if parts is None:
        return
    parts.executor.shutdown(wait=True)
    parts.runtime.outbox.stop(timeout)


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
    """Nothing below WARNING from the Slack libraries: their INFO and DEBUG lines carry URLs, tokens and text.

    The webhook client's own error line quotes the response_url's error; the bot logs failures itself.
    """
    for name in ("slack_sdk", "slack_bolt", BOLT_LOGGER):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("slack_sdk.webhook").setLevel(logging.CRITICAL)
    # RequestVerification logs a rejected request's whole body at INFO.
    logging.getLogger("slack_bolt.RequestVerification").setLevel(logging.WARNING)
