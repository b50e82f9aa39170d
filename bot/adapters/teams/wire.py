"""What the Teams HTTP endpoint and its app share: the paths, the size limit and reading a JSON body."""

from __future__ import annotations

import json
from typing import Any

MESSAGES_PATH = "/api/messages"
HEALTH_PATH = "/healthz"
MAX_BODY_BYTES = 1_048_576


def json_body(raw: bytes) -> dict[str, Any] | None:
    """The request body as a JSON object, or None when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None
