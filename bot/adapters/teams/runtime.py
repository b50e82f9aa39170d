"""One activity from authenticated request to committed answer: dedupe, remember, translate, handle, queue.

The HTTP layer (app.py) has checked the token, the serviceUrl claim and the allow-list before this
runs, so a redelivered activity is only recognised once it is known to come from Teams. The delivery
claim, the core's work and every reply (as outbox messages) are committed in one transaction; then the
outbox's senders deliver, with retries, also after a restart. The HTTP answer waits a moment
(`ANSWER_WAIT`) for this activity's messages to go out, so that in the normal case a client sees the
reply before the answer, but never longer, and not at all for a conversation the senders are pacing:
a Bot Connector that is down, or a busy channel, delays nothing but the reply.
An invoke's answer (the card click's result) is the one thing that is given in the HTTP answer itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from bot.adapters.teams import files, guard, payloads, render, translate
from bot.adapters.teams.auth import upload_url_allowed
from bot.adapters.teams.connector import Connector
from bot.adapters.teams.payloads import Composer
from bot.application import Application
from bot.core.messages import Reply
from bot.storage import deliveries, messages, uploads

log = logging.getLogger(__name__)

MESSAGE_TYPE = "application/vnd.microsoft.activity.message"
ALREADY_DONE = "Deze klik had ik al verwerkt."
NOTHING_TO_DO = "Deze knop ken ik niet (meer)."
ANSWER_WAIT = 1.0  # seconds the HTTP answer waits at most for the activity's replies to leave the outbox


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to an activity: status and optional JSON body."""

    status: int
    body: dict[str, Any] | None = None


class TeamsRuntime:
    """Handles authenticated activities for one Application."""

    def __init__(
        self,
        application: Application,
        composer: Composer,
        connector: Connector,
        *,
        wake_senders: Callable[[], None] = lambda: None,
        ready: Callable[[str], bool] = lambda lane: True,
        on_handled: Callable[[], None] | None = None,
        answer_wait: float = ANSWER_WAIT,
    ) -> None:
        self.application = application
        self.composer = composer
        self.connector = connector
        self.wake_senders = wake_senders
        self.ready = ready  # may a message in this lane go out at once (not held back by pacing)?
        self.on_handled = on_handled
        self.answer_wait = answer_wait
        self._prune = deliveries.PruneSchedule()
        self._sent = threading.Condition()

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
        duplicate = _card_answer(ALREADY_DONE) if invoke else Answer(200)
        if key is not None and deliveries.seen(database, translate.PLATFORM, key):
            log.info("Herhaalde Teams-levering overgeslagen")
            return duplicate
        mentioned = translate.mentioned_people(activity, origin.bot_id)
        self.composer.references.remember(origin, mentioned, now)
        if invoke and activity.get("name") == files.CONSENT_INVOKE:
            return self._file_consent(activity, origin, key, now)
        incoming = translate.to_incoming(activity, origin)
        if incoming is not None and incoming.is_command and guard.needs_check(incoming.text, origin):
            incoming = replace(incoming, channel_privacy=guard.check(self.connector, activity, origin))
        if incoming is not None and incoming.is_command and guard.needs_members(incoming.text, origin):
            found = guard.members(self.connector, activity, origin)
            incoming = replace(incoming, members=found, members_failed=found is None)
        # a card click answers in the thread of the card's message; a message in its own thread
        reply_to = (str(activity.get("replyToId") or "") or None) if invoke else origin.activity_id
        with database.transaction(write=True):
            if key is not None and not deliveries.claim(database, translate.PLATFORM, key, now):
                log.info("Herhaalde Teams-levering overgeslagen")
                return duplicate
            if incoming is None:
                return _card_answer(NOTHING_TO_DO) if invoke else Answer(200)
            replies = self.application.bot.handle(incoming, now)
            outgoing = self.composer.answers(replies, origin, now, invoke=invoke, reply_to=reply_to)
            ids = []  # the messages the answer waits for: those the senders may send at once
            for lane, payload in outgoing.messages:
                message_id = messages.enqueue(database, lane, payload, now, platform=translate.PLATFORM)
                if self.ready(lane) and not messages.waiting_ahead(database, lane, message_id):
                    ids.append(message_id)
        self.wake_senders()
        if self.on_handled is not None:
            self.on_handled()
        self.await_sent(ids)
        if not invoke:
            return Answer(200)
        shown = outgoing.for_requester or replies
        names = self.composer.names(shown)
        text = "\n\n".join(render.plain_summary(reply, names) for reply in shown) or "Gedaan."
        return _card_answer(text)

    def _file_consent(
        self, activity: Mapping[str, Any], origin: translate.Origin, key: str | None, now: datetime
    ) -> Answer:
        """A person accepted or declined a file: queue its upload (a checked URL only), or say what happened."""
        database = self.application.store.database
        consent = files.consent_of(activity)
        here = payloads.thread_target(origin, None)
        lane = payloads.lane_of_channel(origin.channel)
        with database.transaction(write=True):
            if key is not None and not deliveries.claim(database, translate.PLATFORM, key, now):
                return Answer(200)
            found = uploads.find(database, translate.PLATFORM, consent.upload_id, origin.user, now) if consent else None
            if consent is None or found is None:
                message = self.composer.post(here, Reply(files.GONE), lane)
            elif not consent.accepted:
                uploads.remove(database, found.id)
                message = self.composer.post(here, Reply(files.DECLINED.format(filename=found.filename)), lane)
            elif not upload_url_allowed(consent.upload_url, self.application.settings):
                log.warning("Bestand niet geüpload: uploadadres niet toegestaan (%s)", _host(consent.upload_url))
                message = self.composer.post(here, Reply(files.BAD_URL), lane)
            else:
                upload = {"upload": found.id, "url": consent.upload_url, "filename": found.filename}
                message = (lane, {"kind": files.UPLOAD, **upload, "info": dict(consent.info or {}), "to": here})
            ids = [messages.enqueue(database, message[0], message[1], now, platform=translate.PLATFORM)]
        self.wake_senders()
        self.await_sent(ids)
        return Answer(200)

    def notify_sent(self) -> None:
        """The senders finished a send attempt: look again whether the waiting answers can go."""
        with self._sent:
            self._sent.notify_all()

    def await_sent(self, ids: list[int]) -> bool:
        """Wait at most `answer_wait` seconds until the messages `ids` left the outbox; True when they did."""
        deadline = time.monotonic() + self.answer_wait
        database = self.application.store.database
        while not messages.settled(database, ids):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            with self._sent:
                self._sent.wait(min(remaining, 0.05))
        return True

    def _maybe_prune(self, now: datetime) -> None:
        if self._prune.due(now):
            deliveries.prune(self.application.store.database, now, platform=translate.PLATFORM)
            uploads.prune(self.application.store.database, now)


def _host(url: str) -> str:
    """Only the host of a URL, for the log (an upload URL carries a token in its query)."""
    try:
        return (urlsplit(url).hostname or "?")[:80]
    except ValueError:
        return "?"


def _card_answer(text: str) -> Answer:
    return Answer(200, {"statusCode": 200, "type": MESSAGE_TYPE, "value": text})
