"""The procedure store: reads and writes procedure state through sqlite-utils, one transaction per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import Any

import sqlite_utils

from bot.core.confirm import PendingConfirmation
from bot.core.state import ProcedureState, Status, SubstepRecord
from bot.storage import audit_chain, safeguards
from bot.storage.db import Database
from bot.storage.migrations import migrate
from bot.storage.times import from_iso, to_iso


class SqliteUnitOfWork:
    """The store's operations inside one open transaction."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def _row(self, channel: str, *, include_closed: bool = False) -> dict[str, Any] | None:
        sql = "SELECT * FROM procedures WHERE channel = ?"
        sql += " ORDER BY closed_at IS NULL DESC, id DESC LIMIT 1" if include_closed else " AND closed_at IS NULL"
        rows = list(self.db.query(sql, [channel]))
        return rows[0] if rows else None

    def _id(self, channel: str) -> int:
        row = self._row(channel)
        if row is None:
            raise LookupError(f"no open procedure in channel {channel!r}")
        return int(row["id"])

    def procedure(self, channel: str) -> ProcedureState | None:
        """The open procedure in this channel, or None."""
        row = self._row(channel)
        return self.load_state(row) if row else None

    def latest_procedure(self, channel: str) -> ProcedureState | None:
        """The open procedure, else the most recently closed one."""
        row = self._row(channel, include_closed=True)
        return self.load_state(row) if row else None

    def load_state(self, row: dict[str, Any]) -> ProcedureState:
        """Build the full state of the procedure in `row`."""
        pid = row["id"]
        substeps = {
            r["substep"]: SubstepRecord(
                Status(r["status"]),
                r["by_user"],
                from_iso(r["at"]),
                r["note"],
                date.fromisoformat(r["decided_on"]) if r.get("decided_on") else None,
            )
            for r in self.db.query("SELECT * FROM substeps WHERE procedure_id = ?", [pid])
        }
        roles: dict[str, list[str]] = {}
        for r in self.db.query(
            "SELECT user_id, role FROM roles WHERE procedure_id = ? ORDER BY assigned_at, role", [pid]
        ):
            roles.setdefault(r["user_id"], []).append(r["role"])
        rows = list(self.db.query("SELECT substep, day, at_time FROM planning WHERE procedure_id = ?", [pid]))
        planned = {r["substep"]: date.fromisoformat(r["day"]) for r in rows}
        planned_times = {r["substep"]: time.fromisoformat(r["at_time"]) for r in rows if r["at_time"]}
        created_at = from_iso(row["created_at"])
        assert created_at is not None
        return ProcedureState(
            channel=row["channel"],
            municipality=row["municipality"],
            platform=row["platform"],
            created_by=row["created_by"],
            created_at=created_at,
            school=row["school"],
            closed_at=from_iso(row["closed_at"]),
            closed_by=row.get("closed_by"),
            close_reason=row.get("close_reason"),
            id=int(pid),
            substeps=substeps,
            roles={user: tuple(r) for user, r in roles.items()},
            planned=planned,
            planned_times=planned_times,
        )

    def create_procedure(
        self, channel: str, municipality: str, platform: str, user: str, now: datetime
    ) -> ProcedureState:
        """Start a procedure in a channel that has none open."""
        self.db.table("procedures").insert(
            {
                "channel": channel,
                "municipality": municipality,
                "platform": platform,
                "school": None,
                "created_by": user,
                "created_at": to_iso(now),
                "closed_at": None,
            }
        )
        state = self.procedure(channel)
        assert state is not None
        return state

    def set_status(
        self, channel: str, substep: str, status: Status, user: str, now: datetime, note: str | None
    ) -> None:
        """Record a sub-step's status, who set it and when."""
        self.db.table("substeps").upsert(
            {
                "procedure_id": self._id(channel),
                "substep": substep,
                "status": status.value,
                "by_user": user,
                "at": to_iso(now),
                "note": note,
            },
            pk=("procedure_id", "substep"),
        )

    def set_school(self, channel: str, school: str) -> None:
        """Record the chosen school."""
        self.db.execute("UPDATE procedures SET school = ? WHERE id = ?", [school, self._id(channel)])

    def set_municipality(self, channel: str, municipality: str) -> None:
        """Record the municipality of a procedure started without one."""
        self.db.execute("UPDATE procedures SET municipality = ? WHERE id = ?", [municipality, self._id(channel)])

    def assign_role(self, channel: str, user: str, role: str, now: datetime) -> bool:
        """Give a person a role; False when they already had it."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO roles (procedure_id, user_id, role, assigned_at) VALUES (?, ?, ?, ?)",
            [self._id(channel), user, role, to_iso(now)],
        )
        return cursor.rowcount == 1

    def remove_role(self, channel: str, user: str, role: str) -> bool:
        """Take a role away; False when they did not have it."""
        cursor = self.db.execute(
            "DELETE FROM roles WHERE procedure_id = ? AND user_id = ? AND role = ?",
            [self._id(channel), user, role],
        )
        return cursor.rowcount == 1

    def set_planned(self, channel: str, substep: str, day: date | None, at: time | None = None) -> None:
        """Set (with an optional time of day) or clear the planned date of a sub-step."""
        pid = self._id(channel)
        if day is None:
            self.db.execute("DELETE FROM planning WHERE procedure_id = ? AND substep = ?", [pid, substep])
        else:
            self.db.table("planning").upsert(
                {
                    "procedure_id": pid,
                    "substep": substep,
                    "day": day.isoformat(),
                    "at_time": at.strftime("%H:%M") if at else None,
                },
                pk=("procedure_id", "substep"),
            )

    def close_procedure(self, channel: str, now: datetime, user: str, reason: str | None) -> None:
        """Close the open procedure of this channel, recording who closed it and why."""
        self.db.execute(
            "UPDATE procedures SET closed_at = ?, closed_by = ?, close_reason = ? WHERE id = ?",
            [to_iso(now), user, reason, self._id(channel)],
        )

    def set_decision_date(self, channel: str, substep: str, day: date | None) -> None:
        """Record the date a decision was taken for a sub-step (after its status was set)."""
        self.db.execute(
            "UPDATE substeps SET decided_on = ? WHERE procedure_id = ? AND substep = ?",
            [day.isoformat() if day else None, self._id(channel), substep],
        )

    def sent_reminders(self, procedure_id: int) -> list[dict[str, str]]:
        """Reminders delivered for a procedure: rule, to whom and when; never their text."""
        return [
            {"rule": r["rule"], "to": r["audience"], "sent_at": r["sent_at"]}
            for r in self.db.query(
                "SELECT rule, audience, sent_at FROM reminder_outbox WHERE procedure_id = ? AND status = 'sent' "
                "ORDER BY sent_at, id",
                [procedure_id],
            )
        ]

    def reopen_procedure(self, procedure_id: int) -> None:
        """Open a closed procedure again (its channel must have no open one)."""
        self.db.execute(
            "UPDATE procedures SET closed_at = NULL, closed_by = NULL, close_reason = NULL WHERE id = ?",
            [procedure_id],
        )

    def procedure_by_id(self, procedure_id: int) -> ProcedureState | None:
        """Any procedure, open or closed, by its id."""
        rows = list(self.db.query("SELECT * FROM procedures WHERE id = ?", [procedure_id]))
        return self.load_state(rows[0]) if rows else None

    def all_procedures(self) -> list[ProcedureState]:
        """Every procedure, oldest first."""
        return [self.load_state(row) for row in self.db.query("SELECT * FROM procedures ORDER BY id")]

    def audit_entries_of(self, procedure_id: int) -> list[dict[str, str]]:
        """The audit log of one procedure, oldest first."""
        return [
            {k: r[k] for k in ("at", "actor", "action", "object", "result", "origin")}
            for r in self.db.query("SELECT * FROM audit_log WHERE procedure_id = ? ORDER BY id", [procedure_id])
        ]

    def audit_chain_summary(self) -> str:
        """One Dutch sentence: does the audit log's hash chain hold."""
        return audit_chain.verify(self.db).summary()

    def save_pending(self, channel: str, user: str, command: str, keys: frozenset[str], now: datetime) -> None:
        """Store (or replace) a command waiting for this person's `bevestig` in this channel."""
        safeguards.save_pending(self.db, channel, user, command, keys, now)

    def take_pending(self, channel: str, user: str) -> PendingConfirmation | None:
        """Remove and return this person's pending confirmation in this channel, if any."""
        return safeguards.take_pending(self.db, channel, user)

    def audit(self, channel: str, actor: str, action: str, obj: str, result: str, origin: str, now: datetime) -> None:
        """Append one line to the audit log."""
        row = self._row(channel, include_closed=True)
        audit_chain.append(
            self.db,
            {
                "procedure_id": row["id"] if row else None,
                "channel": channel,
                "actor": actor,
                "action": action,
                "object": obj,
                "result": result,
                "origin": origin,
                "at": to_iso(now),
            },
        )

    def audit_entries(self, channel: str) -> list[dict[str, str]]:
        """The audit log of the channel's latest procedure, oldest first."""
        row = self._row(channel, include_closed=True)
        return self.audit_entries_of(int(row["id"])) if row else []

    def document_answers(self, channel: str, *, include_closed: bool = False) -> dict[tuple[str, str], str | None]:
        """The committee's document answers: (document, question) -> answer, None when skipped."""
        row = self._row(channel, include_closed=include_closed)
        return self.document_answers_of(int(row["id"])) if row else {}

    def document_answers_of(self, procedure_id: int) -> dict[tuple[str, str], str | None]:
        """The document answers of any procedure, open or closed, by its id."""
        return {
            (r["document"], r["question"]): r["answer"]
            for r in self.db.query(
                "SELECT document, question, answer FROM document_answers WHERE procedure_id = ?", [procedure_id]
            )
        }

    def set_document_answer(
        self, channel: str, document: str, question: str, answer: str | None, user: str, now: datetime
    ) -> None:
        """Store (or with None: mark as skipped) one answer of the document exchange."""
        self.db.table("document_answers").upsert(
            {
                "procedure_id": self._id(channel),
                "document": document,
                "question": question,
                "answer": answer,
                "by_user": user,
                "at": to_iso(now),
            },
            pk=("procedure_id", "document", "question"),
        )

    def clear_document_answer(self, channel: str, document: str, question: str) -> bool:
        """Forget one answer; False when there was none."""
        cursor = self.db.execute(
            "DELETE FROM document_answers WHERE procedure_id = ? AND document = ? AND question = ?",
            [self._id(channel), document, question],
        )
        return cursor.rowcount == 1


class SqliteStore:
    """The real store: a SQLite file through sqlite-utils, safe across threads and processes."""

    def __init__(self, database: Database) -> None:
        self.database = database
        migrate(database)

    @contextmanager
    def unit_of_work(self, write: bool = True) -> Iterator[SqliteUnitOfWork]:
        """One transaction; BEGIN IMMEDIATE when writing."""
        with self.database.transaction(write=write) as db:
            yield SqliteUnitOfWork(db)

    def procedure(self, channel: str) -> ProcedureState | None:
        """Read the open procedure of a channel."""
        with self.unit_of_work(write=False) as uow:
            return uow.procedure(channel)

    def latest_procedure(self, channel: str) -> ProcedureState | None:
        """The open procedure, else the most recently closed one."""
        with self.unit_of_work(write=False) as uow:
            return uow.latest_procedure(channel)

    def procedures_of_user(self, user: str) -> list[ProcedureState]:
        """Open procedures in which the user holds a role."""
        with self.unit_of_work(write=False) as uow:
            rows = list(
                uow.db.query(
                    "SELECT DISTINCT p.* FROM procedures p JOIN roles r ON r.procedure_id = p.id "
                    "WHERE r.user_id = ? AND p.closed_at IS NULL ORDER BY p.id",
                    [user],
                )
            )
            return [uow.load_state(row) for row in rows]

    def audit_log(self, channel: str) -> list[dict[str, str]]:
        """The audit log of the channel's latest procedure, oldest first."""
        with self.unit_of_work(write=False) as uow:
            return uow.audit_entries(channel)

    def close(self) -> None:
        """Close the connections."""
        self.database.close()
