"""The audit log's hash chain: each row's hash covers its content and the hash of the row before it.

A row altered or removed directly in the database file breaks the chain from that row on; `verify`
names the first row that no longer fits. A head record keeps the last id and hash, so removing rows at
the end shows too. This makes tampering evident; it does not stop someone who rewrites every hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

GENESIS = "0" * 64
FIELDS = ("id", "procedure_id", "channel", "actor", "action", "object", "result", "origin", "at")


@dataclass(frozen=True)
class ChainResult:
    """What `verify` found: ok, how many rows, and the first row that does not fit (with why)."""

    ok: bool
    rows: int
    first_bad: int | None = None
    problem: str = ""

    def summary(self) -> str:
        """One Dutch sentence for the dossier and the command line."""
        if self.ok:
            return f"Logboek onaangetast: de hashketen van {self.rows} regels klopt."
        return f"Logboek aangetast: {self.problem}"


def row_hash(previous: str, row: dict[str, Any]) -> str:
    """SHA-256 over the previous hash and the row's fields, as canonical JSON."""
    payload = json.dumps([previous, *(row.get(f) for f in FIELDS)], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _head(db: sqlite_utils.Database) -> tuple[int, str]:
    rows = list(db.query("SELECT last_id, last_hash FROM audit_head WHERE id = 1"))
    return (int(rows[0]["last_id"]), str(rows[0]["last_hash"])) if rows else (0, GENESIS)


def _set_head(db: sqlite_utils.Database, row_id: int, digest: str) -> None:
    db.execute("INSERT OR REPLACE INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)", [row_id, digest])


def append(db: sqlite_utils.Database, row: dict[str, Any]) -> None:
    """Insert one audit row with its chained hash and move the head; call inside a write transaction.

    The id is chosen before the insert (the write lock is held), because the hash covers it and the
    append-only trigger forbids setting the hash afterwards.
    """
    last = list(db.query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"))
    row_id = int(last[0]["id"]) + 1 if last else 1
    previous = (last[0]["hash"] or GENESIS) if last else GENESIS
    full = {**row, "id": row_id}
    digest = row_hash(previous, full)
    db.table("audit_log").insert({**full, "hash": digest})
    _set_head(db, row_id, digest)


def backfill(db: sqlite_utils.Database) -> None:
    """Give rows written before the chain existed their hashes (migration only; lifts the trigger briefly)."""
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    previous, last_id = GENESIS, 0
    for row in list(db.query("SELECT * FROM audit_log ORDER BY id")):
        previous = row_hash(previous, row)
        last_id = row["id"]
        db.execute("UPDATE audit_log SET hash = ? WHERE id = ?", [previous, last_id])
    _set_head(db, last_id, previous)
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


def verify(db: sqlite_utils.Database) -> ChainResult:
    """Walk the chain in id order; report the first row altered, or removed before it, or rows cut off the end."""
    previous = GENESIS
    count = 0
    last_id = 0
    for row in db.query("SELECT * FROM audit_log ORDER BY id"):
        count += 1
        if row_hash(previous, row) != row["hash"]:
            return ChainResult(
                False, count, row["id"], f"regel {row['id']} is gewijzigd, of een regel vlak ervoor is verwijderd."
            )
        previous = row["hash"]
        last_id = row["id"]
    head_id, head_hash = _head(db)
    if (head_id, head_hash) != (last_id, previous):
        return ChainResult(
            False, count, head_id, f"regels aan het eind zijn verwijderd (de laatste was regel {head_id})."
        )
    return ChainResult(True, count)
