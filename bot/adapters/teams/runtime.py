"""One activity from authenticated request to committed answer: dedupe, remember, translate, handle, deliver.

The HTTP layer (server.py) has checked the token, the serviceUrl claim and the allow-list before this
runs, so a redelivered activity is only recognised once it is known to come from Teams. The HTTP answer
is given after the command is committed and its replies were posted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

import httpx

from bot.adapters.teams import guard, render, translate
from bot.adapters.teams.connector import ConnectorError
from bot.adapters.teams.sender import TeamsSender
from bot.application import Application
from bot.storage import deliveries

log = logging.getLogger(__name__)

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
ALREADY_DONE = "Deze klik had ik al verwerkt."
PRUNE_EVERY = timedelta(minutes=10)
NOTHING_TO_DO = "Deze knop ken ik niet (meer)."


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to an activity: status and optional JSON body."""

    status: int
    body: dict[str, Any] | None = None


class TeamsRuntime:
    """Handles authenticated activities for one Application."""

    def __init__(
        self, application: Application, sender: TeamsSender, on_handled: Callable[[], None] | None = None
    ) -> None:
        self.application = application
        self.sender = sender
        self.on_handled = on_handled
        self._last_prune: datetime | None = None
        self._lock = threading.Lock()

    def process(self, activity: Mapping[str, Any]) -> Answer:
        """Handle one activity and return the HTTP answer (200, with the card answer for an invoke)."""
        invoke = activity.get("type") == "invoke"
        origin = translate.origin_of(activity)
        if origin is None:
            return Answer(400, {"error": "activiteit zonder serviceUrl, gesprek of afzender"})
        database = self.application.store.database
        key = translate.delivery_id(activity)
        now = self.application.clock()
        self._maybe_prune(now)
        if key is not None and not deliveries.claim(database, translate.PLATFORM, key, now):
            log.info("Herhaalde Teams-levering overgeslagen")
            return _card_answer(ALREADY_DONE) if invoke else Answer(200)
        mentioned = translate.mentioned_people(activity, origin.bot_id)
        self.sender.references.remember(origin, mentioned, now)
        incoming = translate.to_incoming(activity, origin)
        if incoming is None:
            return _card_answer(NOTHING_TO_DO) if invoke else Answer(200)
        if incoming.is_command and guard.needs_check(incoming.text, origin):
            incoming = replace(incoming, channel_privacy=guard.check(self.sender.connector, activity, origin))
        if incoming.is_command and guard.needs_members(incoming.text, origin):
            found = guard.members(self.sender.connector, activity, origin)
            incoming = replace(incoming, members=found, members_failed=found is None)
        try:
            replies = self.application.bot.handle(incoming, now)
        except Exception:
            if key is not None:
                deliveries.release(database, translate.PLATFORM, key)  # nothing was committed: let a retry in
            raise
        # a card click answers in the thread of the card's message; a message in its own thread
        reply_to = (str(activity.get("replyToId") or "") or None) if invoke else origin.activity_id
        try:
            outcome = self.sender.deliver(replies, origin, invoke=invoke, reply_to=reply_to)
        except (ConnectorError, httpx.HTTPError, OSError) as err:
            log.warning("Antwoord niet afgeleverd bij Teams: %s", err)  # the command itself is committed
            outcome = None
        if self.on_handled is not None:
            self.on_handled()
        if not invoke:
            return Answer(200)
        shown = outcome.for_requester if outcome and outcome.for_requester else replies
        names = self.sender.names(shown)
        text = "\n\n".join(render.plain_summary(reply, names) for reply in shown) or "Gedaan."
        return _card_answer(text)

    def _maybe_prune(self, now: datetime) -> None:
        with self._lock:
            due = self._last_prune is None or now - self._last_prune >= PRUNE_EVERY
            if due:
                self._last_prune = now
        if due:
            deliveries.prune(self.application.store.database, now, platform=translate.PLATFORM)


def _card_answer(text: str) -> Answer:
    return Answer(200, {"statusCode": 200, "type": MESSAGE_TYPE, "value": text})
