"""Files in Teams (`document <soort> docx`, `planning ics`): offered with a FileConsentCard in the 1:1 chat.

A bot can only put a file in a personal chat (a channel needs Microsoft Graph): the file is kept in the
database (storage/uploads.py) and offered in the requester's 1:1 chat with a FileConsentCard that
carries only the file's id. Accepting sends a `fileConsent/invoke` with `uploadInfo`; the bot then PUTs
the kept bytes to `uploadInfo.uploadUrl` (only https on SharePoint/OneDrive, or the test hook) and posts a
FileInfoCard; declining removes the file and says so. The upload goes through the outbox, so a
OneDrive hiccup is retried and a restart loses nothing.

The bytes are kept rather than rendered again on consent: the person accepts the file the card described
(its name and size in bytes), even when the procedure changed in between, and the adapter stays out of
the core's document rendering.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.messages import Attachment

log = logging.getLogger(__name__)

CONSENT_INVOKE = "fileConsent/invoke"
CONSENT_TYPE = "application/vnd.microsoft.teams.card.file.consent"
INFO_TYPE = "application/vnd.microsoft.teams.card.file.info"
UPLOAD = "upload"  # the outbox payload kind

OFFER_TEXT = "Hier is {filename}. Kies *Toestaan* om het bestand in je OneDrive te zetten."
POINTER = "<@{user}>, ik heb je het bestand {filename} gestuurd in je chat met mij; sta daar het opslaan toe."
NO_CHAT = (
    "<@{user}>, ik wil je het bestand {filename} sturen, maar dat kan alleen in een chat met mij en die kan ik "
    "nog niet beginnen. Open één keer een chat met mij in Teams (zoek mij op naam) en vraag het daarna opnieuw."
)
UPLOADED = "{filename} staat nu in je OneDrive."
DECLINED = "Goed, ik zet {filename} niet in je OneDrive."
GONE = "Dit bestand heb ik niet meer (het is al opgeslagen, geweigerd of ouder dan een dag). Vraag het opnieuw."
UPLOAD_FAILED = "Het lukte niet om {filename} in je OneDrive te zetten. Vraag het bestand opnieuw."
BAD_URL = "Ik kon het bestand niet opslaan: Teams gaf een adres dat ik niet vertrouw. Er is niets verstuurd."


def consent_activity(attachment: Attachment, upload_id: str) -> dict[str, Any]:
    """A message with a FileConsentCard for a kept file: its name, title and size, never its content."""
    context = {"upload": upload_id}
    return {
        "type": "message",
        "textFormat": "markdown",
        "text": OFFER_TEXT.format(filename=attachment.filename).replace("*Toestaan*", "**Toestaan**"),
        "attachments": [
            {
                "contentType": CONSENT_TYPE,
                "name": attachment.filename,
                "content": {
                    "description": attachment.title,
                    "sizeInBytes": len(attachment.data),
                    "acceptContext": context,
                    "declineContext": context,
                },
            }
        ],
    }


@dataclass(frozen=True)
class Consent:
    """A person's answer to a FileConsentCard."""

    accepted: bool
    upload_id: str
    upload_url: str = ""
    info: Mapping[str, str] | None = None  # name, contentUrl, uniqueId, fileType for the FileInfoCard


def consent_of(activity: Mapping[str, Any]) -> Consent | None:
    """The answer carried by a `fileConsent/invoke`, or None when it is not a well-formed one."""
    value = activity.get("value")
    if not isinstance(value, Mapping):
        return None
    context = value.get("context")
    upload_id = context.get("upload") if isinstance(context, Mapping) else None
    action = value.get("action")
    if not isinstance(upload_id, str) or not upload_id or len(upload_id) > 64 or action not in ("accept", "decline"):
        return None
    if action == "decline":
        return Consent(False, upload_id)
    info = value.get("uploadInfo")
    if not isinstance(info, Mapping):
        return None
    fields = {key: info.get(key) for key in ("name", "uploadUrl", "contentUrl", "uniqueId", "fileType")}
    if not all(isinstance(v, str) and v and len(v) <= 4096 for v in fields.values()):
        return None
    upload_url = str(fields.pop("uploadUrl"))
    return Consent(True, upload_id, upload_url, {k: str(v) for k, v in fields.items()})


def info_activity(info: Mapping[str, str], filename: str) -> dict[str, Any]:
    """The FileInfoCard that shows the uploaded file in the chat."""
    return {
        "type": "message",
        "text": UPLOADED.format(filename=filename),
        "attachments": [
            {
                "contentType": INFO_TYPE,
                "contentUrl": info["contentUrl"],
                "name": info["name"],
                "content": {"uniqueId": info["uniqueId"], "fileType": info["fileType"]},
            }
        ],
    }
