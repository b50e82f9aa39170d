"""Leases on outbox rows, shared by the reminder outbox and the message outbox.

A row is `pending` until a sender takes it: then it is `sending`, with `lease_owner` and `lease_until`
and one more attempt counted. The owner renews the lease right before it sends and ends it by setting
the row's next status; a row whose lease ran out can be taken by anyone, and rows of an owner known to be
gone can be handed back at once. Every statement names its own owner, so a sender that lost its lease
changes nothing. Both tables have the columns `status`, `attempts`, `next_attempt_at`, `lease_owner`,
`lease_until`; the statuses are the same strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import sqlite_utils

from bot.storage.db import Database

PENDING = "pending"
SENDING = "sending"

Table = Literal["reminder_outbox", "message_outbox"]
TABLES: frozenset[str] = frozenset({"reminder_outbox", "message_outbox"})


def stamp(moment: datetime) -> str:
    """A fixed-width UTC timestamp that sorts as text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str) -> datetime:
    """Read a timestamp written by `stamp`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _checked(table: Table) -> str:
    if table not in TABLES:  # table names go into SQL text: only the known ones
        raise ValueError(f"geen outbox-tabel: {table}")
    return table


def take(db: sqlite_utils.Database, table: Table, ids: list[int], owner: str, now: datetime, lease: timedelta) -> int:
    """Lease the rows `ids` that are free (pending and due, or sending with an expired lease); how many were taken.

    Call inside a write transaction.
    """
    if not ids:
        return 0
    at = stamp(now)
    marks = ", ".join("?" for _ in ids)
    cursor = db.execute(
        f"UPDATE {_checked(table)} SET status = ?, lease_owner = ?, lease_until = ?, attempts = attempts + 1 "
        f"WHERE id IN ({marks}) AND ((status = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until <= ?))",
        [SENDING, owner, stamp(now + lease), *ids, PENDING, at, SENDING, at],
    )
    return cursor.rowcount


def renew(database: Database, table: Table, row_id: int, owner: str, now: datetime, lease: timedelta) -> bool:
    """Right before a send: extend `owner`'s lease from `now`; False when it lost the row (then do not send)."""
    with database.transaction(write=True) as db:
        cursor = db.execute(
            f"UPDATE {_checked(table)} SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = ? "
            "AND lease_until > ?",
            [stamp(now + lease), row_id, owner, SENDING, stamp(now)],
        )
        return cursor.rowcount == 1


def end(database: Database, table: Table, row_id: int, owner: str, values: Mapping[str, Any]) -> bool:
    """End `owner`'s lease on a row, setting `values` (its new status and what goes with it); False when lost."""
    columns = list(values)
    if not columns or not all(column.replace("_", "").isalpha() for column in columns):
        raise ValueError("ongeldige kolommen")
    sets = ", ".join(f"{column} = ?" for column in columns)
    with database.transaction(write=True) as db:
        cursor = db.execute(
            f"UPDATE {_checked(table)} SET {sets}, lease_owner = NULL, lease_until = NULL "
            "WHERE id = ? AND lease_owner = ? AND status = ?",
            [*values.values(), row_id, owner, SENDING],
        )
        return cursor.rowcount == 1


def release_owners(database: Database, table: Table, owners: list[str]) -> int:
    """Put the rows leased to `owners` (processes known to be gone) back, due at once."""
    if not owners:
        return 0
    marks = ", ".join("?" for _ in owners)
    with database.transaction(write=True) as db:
        cursor = db.execute(
            f"UPDATE {_checked(table)} SET status = ?, lease_owner = NULL, lease_until = NULL "
            f"WHERE status = ? AND lease_owner IN ({marks})",
            [PENDING, SENDING, *owners],
        )
        return cursor.rowcount


def owners(database: Database, table: Table) -> list[str]:
    """Every owner that holds a lease in `table` now."""
    with database.transaction(write=False) as db:
        found = db.execute(f"SELECT DISTINCT lease_owner FROM {_checked(table)} WHERE status = ?", [SENDING]).fetchall()
        return [str(r[0]) for r in found if r[0]]
