"""The Teams transport of the message outbox: send one payload (payloads.py) through the Bot Connector.

It tells the outbox's senders how a send went in their terms: a 429 (or a 5xx with Retry-After) is
`RetryLater`, another 5xx, a 401 (the token is fetched anew) or a network failure is transient and
retried with back-off, any other 4xx is `GiveUp` (logged with its status only, never the content). A
payload that takes several calls records each finished call in itself (`done`), so a retry after a
failure does not create the 1:1 chat again, upload the file again or post what already went out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.adapters.dispatch import GiveUp, RetryLater
from bot.adapters.teams import files
from bot.adapters.teams.connector import Connector, ConnectorError
from bot.adapters.teams.payloads import POST, PRIVATE, lane_of_channel
from bot.adapters.teams.references import References
from bot.adapters.teams.translate import PLATFORM
from bot.storage import messages, uploads

log = logging.getLogger(__name__)


def permanent(err: ConnectorError) -> bool:
    """A refusal that trying again will not change: no status (not allowed, unknown), or a 4xx but 401/429."""
    status = err.status
    return status is None or (400 <= status < 500 and status not in (401, 429))


def instruction(err: ConnectorError) -> Exception:
    """What the outbox's senders should do after the Bot Connector refused a call."""
    status = err.status
    if status == 429 or (status is not None and status >= 500 and err.retry_after is not None):
        return RetryLater(err.retry_after if err.retry_after is not None else 1.0, f"Bot Connector {status}")
    if permanent(err):
        return GiveUp(f"Bot Connector {status}" if status else "niet afleverbaar in Teams")
    return err  # 5xx without Retry-After, 401: transient, retried with back-off


class TeamsDelivery:
    """Sends outbox payloads; `transport` is what the outbox dispatcher calls."""

    def __init__(self, connector: Connector, references: References, clock: Callable[[], datetime]) -> None:
        self.connector = connector
        self.references = references
        self.clock = clock
        self.handlers: dict[str, Callable[[dict[str, Any]], None]] = {
            POST: self._send_post,
            PRIVATE: self._send_private,
            files.UPLOAD: self._send_upload,
        }

    def transport(self, payload: dict[str, Any]) -> None:
        """Send one payload; raises RetryLater, GiveUp, or a transient error."""
        handler = self.handlers.get(str(payload.get("kind")))
        if handler is None:
            raise GiveUp("onbekend soort bericht")
        try:
            handler(payload)
        except ConnectorError as err:
            raise instruction(err) from None

    # -- the kinds -------------------------------------------------------------------------------

    def _send_post(self, payload: dict[str, Any]) -> None:
        self.post(payload["to"], payload["activity"])

    def _send_private(self, payload: dict[str, Any]) -> None:
        done = payload.setdefault("done", {})
        if not done.get("fallback"):
            try:
                self._to_personal_chat(payload, done)
            except ConnectorError as err:
                if not permanent(err) or done.get("sent"):
                    raise
                done["fallback"] = True
                log.warning("Privébericht niet afgeleverd (%s); het gesprek krijgt een melding zonder inhoud", err)
            else:
                pointer = payload.get("pointer")
                if pointer and not done.get("pointed"):
                    self.post(pointer["to"], pointer["activity"])
                    done["pointed"] = True
                return
        fallback = payload.get("fallback")
        if not fallback:
            raise GiveUp("geen privégesprek mogelijk")
        self.post(fallback["to"], fallback["activity"])

    def _to_personal_chat(self, payload: dict[str, Any], done: dict[str, Any]) -> None:
        """Create (or find) the 1:1 chat where the person was met and post what is not posted yet."""
        if not done.get("conversation"):
            person = self.references.person(str(payload.get("user") or ""))
            if person is None:
                raise ConnectorError("deze persoon is in Teams nog niet gezien")
            done["conversation"] = self.connector.create_personal(person.service_url, person.key, person.tenant_id)
            done["service_url"] = person.service_url
        activities = payload.get("activities") or []
        while done.get("sent", 0) < len(activities):
            self.connector.send(done["service_url"], done["conversation"], activities[done.get("sent", 0)])
            done["sent"] = done.get("sent", 0) + 1

    def _send_upload(self, payload: dict[str, Any]) -> None:
        done = payload.setdefault("done", {})
        if not done.get("uploaded"):
            pending = uploads.load(self.references.database, str(payload.get("upload")))
            if pending is None:
                raise GiveUp("bestand niet meer bewaard")
            self.connector.put_file(str(payload["url"]), pending.data)
            done["uploaded"] = True
            uploads.remove(self.references.database, pending.id)  # in OneDrive now: the bot keeps no copy
        self.post(payload["to"], files.info_activity(payload["info"], str(payload.get("filename") or "")))

    def on_failed(self, payload: dict[str, Any], code: str) -> None:
        """A file that could not be put in OneDrive: tell the person in their chat (without the file)."""
        if payload.get("kind") != files.UPLOAD or (payload.get("done") or {}).get("uploaded"):
            return
        text = files.UPLOAD_FAILED.format(filename=payload.get("filename") or "het bestand")
        notice = {"kind": POST, "to": payload["to"], "activity": {"type": "message", "text": text}}
        lane = lane_of_channel(str(payload["to"].get("conversation_id") or ""))
        messages.enqueue(self.references.database, lane, notice, self.clock(), platform=PLATFORM)

    # -- targets ---------------------------------------------------------------------------------

    def post(self, target: dict[str, Any], activity: dict[str, Any]) -> dict[str, Any]:
        """POST an activity to a thread, or to a procedure's channel as the bot last met it."""
        if "channel" in target:
            ref = self.references.channel(str(target["channel"]))
            if ref is None or not ref.conversation_id:
                raise ConnectorError("dit kanaal is in Teams nog niet bekend")
            return self.connector.send(ref.service_url, ref.conversation_id, activity)
        return self.connector.send(
            str(target["service_url"]), str(target["conversation_id"]), activity, target.get("reply_to")
        )
