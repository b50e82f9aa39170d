"""Recognising a Slack payload that was already handled: redelivered events, envelopes and clicks.

The key is the payload's own id: `event_id` for events (the same in a retry with X-Slack-Retry-Num,
in a Socket Mode redelivery and in a duplicate without any retry header), `trigger_id` plus the
action's `action_ts` for a button click, `trigger_id` for a slash command. A double click is two
different payloads; that the second `klaar` changes nothing is the core's business.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from bot.storage import deliveries
from bot.storage.db import Database

log = logging.getLogger(__name__)

PLATFORM = "slack"  # its claims sit in the platform-neutral deliveries table beside those of Teams
SLACK_RETENTION = timedelta(hours=6)  # Slack retries for at most about an hour


def delivery_key(body: Mapping[str, Any]) -> str | None:
    """The id that is the same in every delivery of this payload, or None when it has none."""
    if body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("type") == "block_actions":
        actions = body.get("actions") or [{}]
        trigger, action_ts = body.get("trigger_id"), actions[0].get("action_ts")
        if trigger or action_ts:
            return f"action:{trigger}:{action_ts}"
        return None
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    return None


class Deduper:
    """Claims delivery ids in SQLite (shared by every thread and process on the same file)."""

    def __init__(self, database: Database, clock: Callable[[], datetime], keep: timedelta = SLACK_RETENTION):
        self.database = database
        self.clock = clock
        self.keep = keep
        self._prune = deliveries.PruneSchedule()

    def first_time(self, body: Mapping[str, Any]) -> bool:
        """True when this payload was not handled before (and claim it now); False for a repeat."""
        key = delivery_key(body)
        if key is None:
            return True
        now = self.clock()
        self._maybe_prune(now)
        fresh = deliveries.claim(self.database, PLATFORM, key, now)
        if not fresh:
            log.info("Herhaalde Slack-levering overgeslagen (%s)", key.split(":", 1)[0])
        return fresh

    def _maybe_prune(self, now: datetime) -> None:
        if self._prune.due(now):
            removed = deliveries.prune(self.database, now, self.keep, platform=PLATFORM)
            if removed:
                log.info("%d oude Slack-leveringen vergeten", removed)
