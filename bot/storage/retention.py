"""Retention: some time after closing, notes and the texts of private reminders are purged; the dossier's
structure (which sub-step, who, when) and the audit log stay, and the purge itself is logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.storage import audit_chain

PURGED = "toelichtingen, reden van afsluiten en teksten van privéherinneringen gewist (bewaartermijn)"


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def purge_due(db: sqlite_utils.Database, now: datetime, after_days: int) -> list[int]:
    """Purge every procedure closed more than `after_days` days before `now`; returns their ids."""
    cutoff = _iso(now - timedelta(days=after_days))
    rows = list(
        db.query(
            "SELECT id, channel FROM procedures WHERE closed_at IS NOT NULL AND closed_at <= ? AND purged_at IS NULL",
            [cutoff],
        )
    )
    for row in rows:
        pid = row["id"]
        db.execute("UPDATE substeps SET note = NULL WHERE procedure_id = ?", [pid])
        db.execute("UPDATE procedures SET close_reason = NULL, purged_at = ? WHERE id = ?", [_iso(now), pid])
        db.execute("UPDATE reminder_outbox SET text = '' WHERE procedure_id = ? AND recipient != ''", [pid])
        audit_chain.append(
            db,
            {
                "procedure_id": pid,
                "channel": row["channel"],
                "actor": "bot",
                "action": "RetentionPurge",
                "object": "",
                "result": PURGED,
                "origin": "scheduler",
                "at": _iso(now),
            },
        )
    return [int(r["id"]) for r in rows]
