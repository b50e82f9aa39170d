"""Real Bot Framework wire pieces for the Teams tests: an RSA key, its JWKS, minted RS256 tokens, activities."""

from __future__ import annotations

import base64
import itertools
import json
import time
import urllib.error
import urllib.request
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

APP_ID = "00000000-1111-2222-3333-444444444444"
APP_PASSWORD = "geheim-van-de-bot"
ISSUER = "https://api.botframework.com"
TENANT = "tenant-zaanstad"
BOT_ID = f"28:{APP_ID}"
TEAM_CHANNEL = "19:commissie@thread.tacv2"
_ids = itertools.count(1)


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class SigningKey:
    """An RSA key with a key id, its public half as a JWK."""

    def __init__(self, kid: str) -> None:
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwk(self) -> dict[str, Any]:
        numbers = self.private.public_key().public_numbers()
        return {"kty": "RSA", "use": "sig", "kid": self.kid, "n": _b64(numbers.n), "e": _b64(numbers.e)}

    def token(self, service_url: str, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": APP_ID,
            "iat": now,
            "nbf": now,
            "exp": now + 3600,
            "serviceurl": service_url,
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid})


def next_id(prefix: str = "act") -> str:
    return f"{prefix}-{next(_ids)}"


def mention(person: str, name: str) -> dict[str, Any]:
    return {"type": "mention", "text": f"<at>{name}</at>", "mentioned": {"id": person, "name": name}}


def message(
    service_url: str,
    text: str,
    *,
    user: str = "29:jan",
    name: str = "Jan Jansen",
    conversation: str | None = None,
    personal: bool = False,
    mentions: list[tuple[str, str]] = (),  # (id, name) of people mentioned besides the bot
    mention_bot: bool = True,
    value: dict[str, Any] | None = None,
    activity_id: str | None = None,
) -> dict[str, Any]:
    """A message activity as Teams sends it: in a team channel (with the bot @mentioned) or a personal chat."""
    entities: list[dict[str, Any]] = []
    if personal:
        conv: dict[str, Any] = {"id": conversation or f"a:personal-{user}", "conversationType": "personal"}
        channel_data: dict[str, Any] = {"tenant": {"id": TENANT}}
    else:
        thread = conversation or f"{TEAM_CHANNEL};messageid=1700000000000"
        conv = {"id": thread, "conversationType": "channel", "isGroup": True, "tenantId": TENANT}
        channel_data = {
            "tenant": {"id": TENANT},
            "team": {"id": "19:team@thread.tacv2"},
            "channel": {"id": thread.split(";")[0]},
        }
        if mention_bot:
            text = f"<at>Werving</at> {text}"
            entities.append(
                {"type": "mention", "text": "<at>Werving</at>", "mentioned": {"id": BOT_ID, "name": "Werving"}}
            )
    for person, person_name in mentions:
        entities.append(
            {"type": "mention", "text": f"<at>{person_name}</at>", "mentioned": {"id": person, "name": person_name}}
        )
    activity: dict[str, Any] = {
        "type": "message",
        "id": activity_id or next_id(),
        "timestamp": "2027-01-11T09:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": user, "name": name, "aadObjectId": f"aad-{user}"},
        "conversation": conv,
        "recipient": {"id": BOT_ID, "name": "Werving"},
        "text": text,
        "textFormat": "plain",
        "entities": entities,
        "channelData": channel_data,
    }
    if value is not None:
        activity["value"] = value
    return activity


def card_click(
    service_url: str,
    data: dict[str, Any],
    *,
    user: str = "29:jan",
    name: str = "Jan Jansen",
    verb: str | None = None,
    personal: bool = False,
    activity_id: str | None = None,
) -> dict[str, Any]:
    """An Action.Execute click: an invoke named adaptiveCard/action."""
    base = message(service_url, "", user=user, name=name, personal=personal, mention_bot=False, activity_id=activity_id)
    base.update(
        {
            "type": "invoke",
            "name": "adaptiveCard/action",
            "replyToId": "card-message-1",
            "value": {
                "action": {"type": "Action.Execute", "verb": verb or data.get("action"), "data": data},
                "trigger": "manual",
            },
        }
    )
    base.pop("text", None)
    return base


def post(url: str, body: Any, token: str | None = None, timeout: float = 15) -> tuple[int, Any]:
    """POST JSON; returns (status, parsed body or None)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        raw = err.read()
        try:
            return err.code, json.loads(raw) if raw else None
        except ValueError:
            return err.code, raw.decode(errors="replace")


def file_consent(
    service_url: str,
    context: Any,
    *,
    accept: bool = True,
    upload_url: str = "",
    user: str = "29:jan",
    name: str = "Jan Jansen",
    filename: str = "bestand.docx",
) -> dict[str, Any]:
    """A click on a FileConsentCard in the personal chat: an invoke named fileConsent/invoke."""
    base = message(service_url, "", user=user, name=name, personal=True)
    value: dict[str, Any] = {"type": "fileUpload", "action": "accept" if accept else "decline", "context": context}
    if accept:
        value["uploadInfo"] = {
            "contentUrl": f"https://contoso-my.sharepoint.com/personal/jan/Documents/Applications/{filename}",
            "name": filename,
            "uploadUrl": upload_url,
            "uniqueId": "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
            "fileType": filename.rsplit(".", 1)[-1],
        }
    base.update({"type": "invoke", "name": "fileConsent/invoke", "replyToId": "consent-card-1", "value": value})
    base.pop("text", None)
    return base
