"""Verify first, parse later: Slack's v0 request signature, checked on the raw bytes before anything else.

The WSGI layer calls `check` with the two headers and a bounded read of the body; only a request that
passes reaches Bolt (which checks again), its listeners and the error handler. A request that fails is
answered 401 without its body ever being parsed or logged. A verified request carries a per-process
stamp in its headers (`VERIFIED_HEADER`), which the error handler needs before it answers anyone.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_AGE_SECONDS = 5 * 60  # Slack's own limit, in both directions (stale and from the future)
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")
_SIGNATURE = re.compile(r"^v0=[0-9a-f]{64}$")

# Set by the WSGI layer on verified requests only (an incoming header of that name is dropped first).
VERIFIED_HEADER = "x-werving-verified"
VERIFIED_ENVIRON = "HTTP_X_WERVING_VERIFIED"
_STAMP = secrets.token_hex(16)


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused (a fixed phrase, never anything taken from the request) and the HTTP status."""

    reason: str
    status: str = "401 Unauthorized"


def check_headers(timestamp: str | None, signature: str | None, now: float) -> Refusal | None:
    """The checks that need no body: both headers present, well-formed, and the timestamp recent."""
    if not timestamp or not signature:
        return Refusal("handtekening of tijdstempel ontbreekt")
    if not _TIMESTAMP.match(timestamp) or not _SIGNATURE.match(signature):
        return Refusal("handtekening of tijdstempel misvormd")
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return Refusal("tijdstempel te oud of in de toekomst")
    return None


def check_body(secret: str, timestamp: str, signature: str, body: bytes) -> Refusal | None:
    """The HMAC-SHA256 of `v0:<timestamp>:<body>` must equal the signature (compared in constant time)."""
    base = b"v0:" + timestamp.encode("ascii") + b":" + body
    expected = "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return Refusal("handtekening klopt niet")
    return None


def read_body(environ: Mapping[str, Any], limit: int) -> bytes | None:
    """At most `limit` bytes of the request body; None when it is longer or its length is not a number."""
    raw_length = str(environ.get("CONTENT_LENGTH") or "0").strip()
    if not raw_length.isdigit():
        return None
    length = int(raw_length)
    if length > limit:
        return None
    stream = environ.get("wsgi.input")
    if stream is None or length == 0:
        return b""
    data: bytes = stream.read(length)
    return data


def mark_verified(environ: dict[str, Any]) -> None:
    """Stamp a request that passed `check_headers` and `check_body`."""
    environ[VERIFIED_ENVIRON] = _STAMP


def drop_stamp(environ: dict[str, Any]) -> None:
    """Remove any stamp a client sent itself."""
    environ.pop(VERIFIED_ENVIRON, None)


def is_verified(headers: Mapping[str, Any] | None, mode: str = "http") -> bool:
    """True for a request stamped by the WSGI layer, or one that came over Socket Mode (authenticated link)."""
    if mode == "socket_mode":
        return True
    values = (headers or {}).get(VERIFIED_HEADER) or [""]
    value = values[0] if isinstance(values, list | tuple) else str(values)
    return hmac.compare_digest(str(value), _STAMP)


def verify_environ(
    environ: dict[str, Any], secret: str, limit: int, clock: Callable[[], float] = time.time
) -> Refusal | bytes:
    """Check one WSGI request; the body bytes when it is genuine, else the refusal."""
    drop_stamp(environ)
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE")
    refused = check_headers(timestamp, signature, clock())
    if refused is not None:
        return refused
    assert timestamp is not None and signature is not None  # check_headers refused otherwise
    body = read_body(environ, limit)
    if body is None:
        return Refusal("lengte ongeldig of te groot", "413 Content Too Large")
    refused = check_body(secret, timestamp, signature, body)
    if refused is not None:
        return refused
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal("inhoud is geen UTF-8", "400 Bad Request")
    mark_verified(environ)
    return body
