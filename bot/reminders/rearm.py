"""Reminders that follow the truth after `heropen`: what a sub-step's tick triggered is undone.

Reminders a tick queued and that were not sent yet are dropped; those already sent keep their record
(the dossier lists them) but give up their de-duplication key, so ticking the sub-step again sends
them again, now true.
"""

from __future__ import annotations

import sqlite_utils

TRIGGER = "substep-done"
UNSENT = ("waiting", "pending", "failed")


def rearm_after_reopen(db: sqlite_utils.Database, procedure: int, substep: str) -> tuple[int, int]:
    """Drop the unsent reminders the sub-step's tick triggered and free the keys of sent ones.

    Returns (dropped, re-armed). Rows being sent right now (leased) are left alone.
    """
    marks = ", ".join("?" for _ in UNSENT)
    dropped = db.execute(
        f"DELETE FROM reminder_outbox WHERE procedure_id = ? AND substep = ? AND kind = ? AND status IN ({marks})",
        [procedure, substep, TRIGGER, *UNSENT],
    ).rowcount
    rearmed = db.execute(
        "UPDATE reminder_outbox SET dedupe_key = dedupe_key || '|heropend-' || id "
        "WHERE procedure_id = ? AND substep = ? AND kind = ? AND status = 'sent' "
        "AND dedupe_key NOT LIKE '%|heropend-%'",
        [procedure, substep, TRIGGER],
    ).rowcount
    return dropped, rearmed
