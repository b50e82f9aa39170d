"""How the procedure tables store moments: ISO-8601 in UTC (a leaf module, so every storage module can use it)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_iso(moment: datetime) -> str:
    """A datetime as ISO-8601 in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def from_iso(text: str | None) -> datetime | None:
    """Parse a stored ISO-8601 time."""
    return datetime.fromisoformat(text) if text else None
