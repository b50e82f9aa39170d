"""The archive commands: `dossiers`, `export --channel/--procedure` and `audit --verify`."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from bot.config import Settings
from bot.storage import audit_chain
from bot.storage.store import SqliteStore

STATE_NL = {"open": "lopend", "closed": "afgesloten"}


def _store(settings: Settings) -> SqliteStore:
    from bot.bootstrap import open_store

    return open_store(settings)


def run_export(settings: Settings, channel: str | None, procedure: int | None, as_json: bool, out: TextIO) -> int:
    """Print the dossier of a channel's current (or last) procedure, or of any procedure by id."""
    from bot.bootstrap import load_content
    from bot.core.dossier import dossier, dossier_text

    plan = load_content(settings)
    store = _store(settings)
    try:
        with store.unit_of_work(write=False) as uow:
            if procedure is not None:
                state = uow.procedure_by_id(procedure)
                missing = f"er is geen procedure met id {procedure} (zie `python -m bot dossiers`)."
            else:
                assert channel is not None
                state = uow.latest_procedure(channel)
                missing = f"in kanaal '{channel}' is geen procedure gevonden."
            if state is None or state.id is None:
                print(f"Fout: {missing}", file=sys.stderr)
                return 1
            log = uow.audit_entries_of(state.id)
            chain = uow.audit_chain_summary()
            reminders = uow.sent_reminders(state.id)
            answers = uow.document_answers_of(state.id)
    finally:
        store.close()
    if as_json:
        from bot.bootstrap import load_documents
        from bot.documents.facts import dossier_answers

        data = dossier(plan, state, log, chain, reminders)
        data["answers"] = dossier_answers(load_documents(settings, plan).specs, answers)  # `document` exchange
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        from bot.adapters.console import to_plain

        out.write(to_plain(dossier_text(plan, state, log, settings.timezone, chain=chain, reminders=reminders)) + "\n")
    return 0


def run_dossiers(settings: Settings, as_json: bool, out: TextIO) -> int:
    """List every procedure, open and closed, with its id, channel and state."""
    store = _store(settings)
    try:
        with store.unit_of_work(write=False) as uow:
            states = uow.all_procedures()
    finally:
        store.close()
    rows: list[dict[str, Any]] = [
        {
            "id": s.id,
            "channel": s.channel,
            "municipality": s.municipality,
            "platform": s.platform,
            "state": "closed" if s.closed_at else "open",
            "started_at": s.created_at.isoformat(),
            "closed_at": s.closed_at.isoformat() if s.closed_at else None,
        }
        for s in states
    ]
    if as_json:
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    if not rows:
        out.write("Er zijn nog geen procedures.\n")
    for row in rows:
        closed = f", afgesloten {row['closed_at'][:10]}" if row["closed_at"] else ""
        out.write(
            f"{row['id']}\t{row['channel']}\t{STATE_NL[row['state']]}\t{row['municipality']} "
            f"(gestart {row['started_at'][:10]}{closed})\n"
        )
    return 0


def run_audit_verify(settings: Settings, out: TextIO) -> int:
    """Check the audit log's hash chain: exit 0 when it holds, 1 naming the first row that does not."""
    store = _store(settings)
    try:
        with store.unit_of_work(write=False) as uow:
            result = audit_chain.verify(uow.db)
    finally:
        store.close()
    out.write(("OK: " if result.ok else "FOUT: ") + result.summary() + "\n")
    return 0 if result.ok else 1
