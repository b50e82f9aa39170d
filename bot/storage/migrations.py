"""Schema migrations (sqlite-utils Migrations), applied once each, in order, under one write lock."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

from bot.storage.conversation_refs import reference_migrations
from bot.storage.db import Database
from bot.storage.deliveries import delivery_migrations
from bot.storage.messages import message_migrations
from bot.storage.outbox import outbox_migrations
from bot.storage.planning_times import planning_time_migrations
from bot.storage.safeguards import safeguard_migrations
from bot.storage.slack_events import slack_migrations
from bot.storage.uploads import upload_migrations

procedures = Migrations("werving-procedures")


@procedures()
def m001_procedures(db: sqlite_utils.Database) -> None:
    """Procedures, sub-step status, roles, planned dates and the append-only audit log."""
    db.execute(
        """
        CREATE TABLE procedures (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            municipality TEXT NOT NULL,
            platform TEXT NOT NULL,
            school TEXT,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            closed_at TEXT
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX one_open_procedure_per_channel ON procedures(channel) WHERE closed_at IS NULL")
    db.execute(
        """
        CREATE TABLE substeps (
            procedure_id INTEGER NOT NULL REFERENCES procedures(id),
            substep TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'done', 'skipped')),
            by_user TEXT,
            at TEXT,
            note TEXT,
            PRIMARY KEY (procedure_id, substep)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE roles (
            procedure_id INTEGER NOT NULL REFERENCES procedures(id),
            user_id TEXT NOT NULL,
            role TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (procedure_id, user_id, role)
        )
        """
    )
    db.execute("CREATE INDEX roles_by_user ON roles(user_id)")
    db.execute(
        """
        CREATE TABLE planning (
            procedure_id INTEGER NOT NULL REFERENCES procedures(id),
            substep TEXT NOT NULL,
            day TEXT NOT NULL,
            PRIMARY KEY (procedure_id, substep)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            procedure_id INTEGER REFERENCES procedures(id),
            channel TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            object TEXT NOT NULL,
            result TEXT NOT NULL,
            origin TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX audit_by_procedure ON audit_log(procedure_id, id)")
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


# Every migration set the bot uses, in the order they are applied. Features with tables of their own
# (reminder outbox, Slack event de-duplication, planning times, message outbox) add their set here.
MIGRATION_SETS: list[Migrations] = [
    procedures,
    outbox_migrations,
    slack_migrations,
    planning_time_migrations,
    safeguard_migrations,
    message_migrations,
]


def migrate(database: Database) -> None:
    """Apply pending migrations of every set, holding the write lock so two processes cannot race."""
    with database.transaction(write=True) as db:
        for migrations in MIGRATION_SETS:
            migrations.apply(db)


# Answers to the questions of the document exchange (profile, recruitment choices), per procedure.
# Self-contained: its own migration set, registered here, so other sets can be appended independently.
document_migrations = Migrations("werving-documents")


@document_migrations()
def m001_document_answers(db: sqlite_utils.Database) -> None:
    """The committee's answers per procedure, document and question; NULL answer means skipped."""
    db.execute(
        """
        CREATE TABLE document_answers (
            procedure_id INTEGER NOT NULL REFERENCES procedures(id),
            document TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT,
            by_user TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (procedure_id, document, question)
        )
        """
    )


MIGRATION_SETS.append(document_migrations)

# Platform-neutral delivery de-duplication and conversation references (Teams adapter).
MIGRATION_SETS += [delivery_migrations, reference_migrations]

# Files offered to a person and waiting for their consent (Teams' FileConsentCard).
MIGRATION_SETS.append(upload_migrations)
