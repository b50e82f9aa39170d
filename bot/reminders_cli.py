"""`python -m bot reminders`: what is due for a procedure at a moment, without sending anything."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.content.plan import Plan
from bot.content.reminder_rules import ReminderRules
from bot.core.state import ProcedureState
from bot.reminders.rules import for_moment
from bot.storage import outbox
from bot.storage.db import Database

AT_EXAMPLE = "bijvoorbeeld 2027-03-15T09:00 (tijd in BOT_TIMEZONE) of 2027-03-15T09:00+01:00"


@dataclass(frozen=True)
class DueReminder:
    """One reminder that is due, as the preview shows it."""

    due: datetime
    to: str  # "channel" or "role:<rol>"
    private: bool
    text: str
    rule: str

    def as_json(self, tz: ZoneInfo) -> dict[str, object]:
        """The contract's JSON object."""
        return {
            "due": self.due.astimezone(tz).isoformat(),
            "to": self.to,
            "private": self.private,
            "text": self.text,
            "rule": self.rule,
        }


def parse_at(raw: str | None, tz: ZoneInfo, now: datetime) -> datetime | None:
    """The --at moment; without a time zone it is local time in `tz`; None when it is not a valid moment."""
    if raw is None:
        return now
    try:
        moment = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def preview(
    database: Database, plan: Plan, rules: ReminderRules, tz: ZoneInfo, state: ProcedureState, at: datetime
) -> list[DueReminder]:
    """Queued reminders due by `at` plus the time-based ones the scheduler would queue at `at`, oldest first."""
    found: dict[str, DueReminder] = {}
    with database.transaction(write=False) as db:
        pid = outbox.procedure_id(db, state.channel, state.created_at)
        if pid is None:
            return []
        existing = outbox.existing_keys(db, pid)
        for row in outbox.undelivered(db, pid, at):
            found.setdefault(
                row.dedupe_key, DueReminder(row.due_at, row.audience, row.role is not None, row.text, row.rule)
            )
    for reminder in for_moment(rules, plan, state, at, tz):
        key = f"{pid}|{reminder.key}"
        if any((key, r) in existing for r in (reminder.recipients or ("",))):
            continue
        found.setdefault(
            key, DueReminder(reminder.due, reminder.audience, reminder.private, reminder.text, reminder.rule)
        )
    return sorted(found.values(), key=lambda r: (r.due, r.rule))


def run_reminders(settings: Settings, *, channel: str, at: str | None, as_json: bool, out: TextIO) -> int:
    """Print what is due for the procedure in `channel` at `at` (default now); returns the exit code."""
    from bot.adapters.console import to_plain
    from bot.bootstrap import load_content, open_store, utc_now
    from bot.reminders.policy import load_rules

    tz = settings.timezone
    moment = parse_at(at, tz, utc_now())
    if moment is None:
        print(f"Fout: --at '{at}' is geen geldig moment. Schrijf het als ISO-8601, {AT_EXAMPLE}.", file=sys.stderr)
        return 2
    plan = load_content(settings)
    rules = load_rules(settings, plan)
    store = open_store(settings)
    try:
        state = store.procedure(channel)
        if state is None:
            if store.latest_procedure(channel) is None:
                print(f"Fout: in kanaal '{channel}' is geen procedure gevonden.", file=sys.stderr)
                return 1
            due: list[DueReminder] = []  # the procedure was closed: nothing is due any more
        else:
            try:
                due = preview(store.database, plan, rules, tz, state, moment)
            except (ValueError, OverflowError) as exc:
                print(
                    f"Fout: de procedure in kanaal '{channel}' bevat een ongeldige waarde ({exc}); "
                    "corrigeer de planning met `planning <id> wis`.",
                    file=sys.stderr,
                )
                return 1
    finally:
        store.close()
    due = [DueReminder(d.due, d.to, d.private, to_plain(d.text), d.rule) for d in due]
    if as_json:
        json.dump([d.as_json(tz) for d in due], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    when = moment.astimezone(tz).strftime("%d-%m-%Y %H:%M")
    if not due:
        out.write(f"Op {when} staan er geen herinneringen klaar voor kanaal {channel}.\n")
        return 0
    out.write(f"Herinneringen voor kanaal {channel} op {when} (er wordt niets verstuurd):\n\n")
    for d in due:
        role = plan.role(d.to[5:]) if d.private else None
        target = f"privé aan de rol {role.name}" if role else "in het kanaal"
        out.write(f"• {d.due.astimezone(tz).strftime('%d-%m-%Y %H:%M')} {target} (regel {d.rule})\n")
        out.write("  " + d.text.replace("\n", "\n  ") + "\n\n")
    return 0
