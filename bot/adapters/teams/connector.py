"""Calls to the Bot Connector service (the activity's serviceUrl), always with the bot's token.

The serviceUrl is checked against the allow-list before every call, so the bot's token never goes to
any other address, whatever an activity or a stored reference says.
"""

from __future__ import annotations

from typing import Any

import httpx

from bot.adapters.teams.auth import BotTokens, service_url_allowed, upload_url_allowed
from bot.config import Settings

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class ConnectorError(RuntimeError):
    """The Bot Connector refused a call, or the serviceUrl is not allowed."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def refusal(response: httpx.Response) -> ConnectorError:
    """The error for a non-2xx answer: its status and Retry-After (seconds), never its body."""
    try:
        retry_after: float | None = float(response.headers.get("retry-after", ""))
    except ValueError:
        retry_after = None
    return ConnectorError(f"Bot Connector antwoordde {response.status_code}", response.status_code, retry_after)


class Connector:
    """A small Bot Connector REST client over one shared httpx connection pool."""

    def __init__(self, settings: Settings, http: httpx.Client | None = None) -> None:
        self.settings = settings
        self.http = http or httpx.Client(timeout=TIMEOUT, limits=httpx.Limits(max_connections=64))
        self.tokens = BotTokens(settings, self.http)

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def send(
        self, service_url: str, conversation_id: str, activity: dict[str, Any], reply_to: str | None = None
    ) -> dict[str, Any]:
        """POST an activity to a conversation (as a reply to `reply_to`, in its thread, when given)."""
        path = f"v3/conversations/{conversation_id}/activities"
        if reply_to:
            path += f"/{reply_to}"
            activity = {**activity, "replyToId": reply_to}
        return self._post(service_url, path, activity)

    def create_personal(self, service_url: str, user: str, tenant_id: str | None) -> str:
        """Create (or find) the 1:1 chat between the bot and `user`; returns its conversation id."""
        body: dict[str, Any] = {"members": [{"id": user}]}
        if tenant_id:
            body["tenantId"] = tenant_id
            body["channelData"] = {"tenant": {"id": tenant_id}}
        created = self._post(service_url, "v3/conversations", body)
        conversation = created.get("id")
        if not conversation:
            raise ConnectorError("de Bot Connector gaf geen gesprek terug")
        return str(conversation)

    def members(self, service_url: str, conversation_id: str) -> list[dict[str, Any]]:
        """GET the members of a conversation (a team, channel or group chat); raises when it cannot."""
        url = self._url(service_url, f"v3/conversations/{conversation_id}/members")
        response = self.http.get(url, headers=self.tokens.header())
        if response.status_code >= 300:
            raise refusal(response)
        data = response.json()
        if not isinstance(data, list) or not all(isinstance(member, dict) for member in data):
            raise ConnectorError("de Bot Connector gaf geen ledenlijst terug")
        return data

    def put_file(self, upload_url: str, data: bytes) -> None:
        """PUT a file's bytes to the upload URL a person's consent gave (OneDrive); never with the bot's token."""
        if not upload_url_allowed(upload_url, self.settings):
            raise ConnectorError("uploadadres niet toegestaan")
        size = len(data)
        headers = {"Content-Range": f"bytes 0-{size - 1}/{size}", "Content-Length": str(size)}
        response = self.http.put(upload_url, content=data, headers=headers)
        if response.status_code >= 300:
            raise refusal(response)

    def _url(self, service_url: str, path: str) -> str:
        if not service_url_allowed(service_url, self.settings):
            raise ConnectorError(f"serviceUrl niet toegestaan: {service_url[:80]}")
        return service_url.rstrip("/") + "/" + path

    def _post(self, service_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        url = self._url(service_url, path)
        response = self.http.post(url, json=body, headers=self.tokens.header())
        if response.status_code >= 300:
            if response.status_code == 401:
                self.tokens.invalidate()  # a token the connector no longer takes: fetch a new one next time
            raise refusal(response)
        try:
            data = response.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
