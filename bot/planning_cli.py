"""`python -m bot planning --channel ID --ics FILE`: the procedure's planning as an iCalendar file."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.config import Settings


def run_planning(settings: Settings, *, channel: str, ics: str | None, out: TextIO) -> int:
    """Write the calendar of the channel's current (or last) procedure; exit 1 in Dutch when there is none."""
    from bot.bootstrap import load_content, open_store
    from bot.core.planning.ics import build_calendar
    from bot.storage import outbox

    plan = load_content(settings)
    store = open_store(settings)
    try:
        state = store.latest_procedure(channel)
        if state is None:
            print(f"Fout: in kanaal '{channel}' is geen procedure gevonden; start er een met `start`.", file=sys.stderr)
            return 1
        with store.database.transaction(write=False) as db:
            pid = outbox.procedure_id(db, state.channel, state.created_at)
        revisions = Counter(
            e["object"] for e in store.audit_log(channel) if e["action"] in ("PlanningSet", "PlanningCleared")
        )
    finally:
        store.close()
    data = build_calendar(plan, state, str(pid), settings.timezone, datetime.now(UTC), dict(revisions))
    count = data.count(b"BEGIN:VEVENT")
    if ics is None or ics == "-":
        out.write(data.decode("utf-8"))
        return 0
    try:
        Path(ics).write_bytes(data)
    except OSError as err:
        print(f"Fout: kan '{ics}' niet schrijven: {err.strerror or err}.", file=sys.stderr)
        return 1
    if count == 0:
        out.write(
            f"{ics} geschreven, maar er staan nog geen datums in de planning (`planning voorstel <startdatum>`).\n"
        )
    else:
        out.write(f"{ics} geschreven: {count} afspraken uit de planning van {state.municipality}.\n")
    return 0
