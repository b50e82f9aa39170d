"""The `planning` chat command: show the plan by date, set or clear one date, propose and adopt a timeline.

- `planning`                                    the plan by date, what is late, the expected appointment
- `planning <datum>` / `planning <id> <datum>`  plan the next open sub-step, or a given one
- `planning <id> wis`                           clear a planned date
- `planning <id> <datum> doorschuiven`          move a date later and shift the later planned dates along
- `planning voorstel <startdatum>`              a proposed timeline (changes nothing)
- `planning voorstel <startdatum> vastleggen`   adopt that timeline
- `planning ics`                                the plan as an .ics file attached to a channel reply
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date

from bot.content.durations import Timing
from bot.content.plan import SubStep
from bot.core.context import CommandError, Context
from bot.core.events import PlanningCleared, PlanningSet
from bot.core.messages import Action, Attachment, Reply
from bot.core.permissions import require
from bot.core.planning.checks import OrderError, check_day, check_order
from bot.core.planning.dates import DateError, When, day_label, parse_when
from bot.core.planning.ics import build_calendar
from bot.core.planning.render import overview_text, proposal_text
from bot.core.planning.schedule import propose
from bot.core.planning.workdays import add_working_days, working_days_between
from bot.core.progress import effective_status, next_substep, open_substeps
from bot.core.render import person, substep_label
from bot.core.state import Status
from bot.core.text import escape, shorten

USAGE = (
    "Gebruik: `planning <id> <datum>` (bijvoorbeeld `planning 6a 15 maart 2027` of `planning 6a 15-03-2027 10:00`), "
    "`planning <datum>` voor de volgende substap, `planning <id> wis`, `planning voorstel <startdatum>` voor een "
    "voorstel voor de hele procedure, of `planning` om de planning te zien."
)
CLEAR_WORDS = frozenset({"wis", "geen", "weg"})
ICS_WORDS = frozenset({"ics", "agenda", "kalender"})
ADOPT_WORDS = frozenset({"vastleggen", "vastgelegd", "overnemen", "aannemen"})
PROPOSAL_WORDS = frozenset({"voorstel", "voorstellen"})
SHIFT_WORDS = frozenset({"doorschuiven", "meeschuiven"})
_SUBSTEP_ID = re.compile(r"^\d{1,2}[a-z]$", re.IGNORECASE)


def handle_planning(ctx: Context, args: str) -> list[Reply]:
    """Show the plan, set or clear a planned date, or propose / adopt a whole timeline."""
    words = args.split()
    if not words:
        return [ctx.requester_reply(overview_text(ctx))]
    first = words[0].lower()
    if first in PROPOSAL_WORDS:
        return _proposal(ctx, words[1:])
    if first in ICS_WORDS and len(words) == 1:
        return [_calendar(ctx)]
    ordinal_day = first.endswith("e") and ctx.plan.substep(first) is None  # "planning 1e maart" is a date
    if _SUBSTEP_ID.match(first) and not ordinal_day:
        sub = ctx.substep(first)
        rest = " ".join(words[1:])
        if not rest:
            raise CommandError(f"Noem een datum voor substap {sub.id}. {USAGE}")
        if rest.lower() in CLEAR_WORDS:
            return _clear(ctx, sub)
        rest_words = rest.split()
        if rest_words[-1].lower() in SHIFT_WORDS:
            return _shift(ctx, sub, " ".join(rest_words[:-1]))
        return _set(ctx, sub, rest)
    upcoming = next_substep(ctx.plan, ctx.require_state())
    if upcoming is None:
        raise CommandError("Er staat geen substap meer open om te plannen; er is niets veranderd.")
    return _set(ctx, upcoming, args.strip())


def _calendar(ctx: Context) -> Reply:
    """The planning as an .ics file for the channel; the same stable UIDs as `python -m bot planning --ics`."""
    state = ctx.require_state()
    if not state.planned:
        raise CommandError(
            "Er is nog niets gepland, dus er is geen agenda te maken. Plan eerst, bijvoorbeeld met "
            "`planning voorstel <startdatum>` of `planning 1a <datum>`."
        )
    revisions = Counter(
        e["object"]
        for e in ctx.require_uow().audit_entries(ctx.channel)
        if e["action"] in ("PlanningSet", "PlanningCleared")
    )
    data = build_calendar(ctx.plan, state, str(state.id), ctx.tz, ctx.now, dict(revisions))
    name = f"planning-{file_slug(state.municipality)}.ics"
    text = (
        f"📅 De planning als agendabestand ({len(state.planned)} geplande substappen): importeer `{name}` in je "
        "agenda. Een nieuwere versie importeren werkt de afspraken bij in plaats van ze te verdubbelen."
    )
    title = f"Planning werving gemeentesecretaris {state.municipality}"
    command = f"python -m bot planning --channel {ctx.channel} --ics {name}"
    return Reply(text, attachments=(Attachment(name, "text/calendar", data, title, command),))


def file_slug(text: str) -> str:
    """A safe file name part: lower case letters, digits and dashes ('Súdwest-Fryslân' -> 'sudwest-fryslan')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "procedure"


def _today(ctx: Context) -> date:
    return ctx.now.astimezone(ctx.tz).date()


def _started(ctx: Context) -> date:
    return ctx.require_state().created_at.astimezone(ctx.tz).date()


def _parse(ctx: Context, raw: str) -> When:
    try:
        return parse_when(raw, ctx.now, ctx.tz)
    except DateError as err:
        raise CommandError(f"{err.message} {USAGE}") from err


def _set(ctx: Context, sub: SubStep, raw: str) -> list[Reply]:
    require(ctx, "plan")
    state = ctx.require_state()
    when = _parse(ctx, raw)
    shown = escape(shorten(raw.strip(), 40))
    try:
        check_day(when, shown, _today(ctx), _started(ctx))
        _require_open(ctx, sub)
        check_order(ctx.plan, state, sub, when.day)
    except OrderError as err:
        previous = state.planned.get(sub.id)
        if not err.later or previous is None or when.day <= previous:
            raise CommandError(err.message) from err
        command = f"planning {sub.id} {_as_command(when)} doorschuiven"
        offer = f"{err.message}\nOf schuif de latere datums evenveel werkdagen mee: `{command}` (of de knop)."
        return [ctx.requester_reply(offer, actions=(Action("Latere datums meeschuiven", command, primary=True),))]
    except DateError as err:
        raise CommandError(err.message) from err
    if state.planned.get(sub.id) == when.day and state.planned_times.get(sub.id) == when.at:
        raise CommandError(f"Substap {sub.id} stond al op {when.label()}; er is niets veranderd.")
    previous = state.planned.get(sub.id)
    ctx.require_uow().set_planned(ctx.channel, sub.id, when.day, when.at)
    ctx.events.append(PlanningSet(ctx.channel, sub.id))
    moved = f" (was {day_label(previous)})" if previous and previous != when.day else ""
    lines = [f"📅 {substep_label(sub)} is gepland op {when.label()} ({when.day.strftime('%d-%m-%Y')}){moved}."]
    lines.append(f"Ik las '{shown}'. Wijzigen: `planning {sub.id} <datum>`, wissen: `planning {sub.id} wis`.")
    return [ctx.channel_reply("\n".join(lines))]


def _require_open(ctx: Context, sub: SubStep) -> None:
    status = effective_status(ctx.plan, ctx.require_state(), sub)
    if status is not Status.OPEN:
        word = "afgerond" if status is Status.DONE else "overgeslagen of vervalt"
        raise CommandError(
            f"Substap {sub.id} is al {word}; een datum heeft dan geen zin. Zet hem eerst open met "
            f"`heropen {sub.id}`; er is niets veranderd."
        )


def _as_command(when: When) -> str:
    return when.day.isoformat() + (f" {when.at.strftime('%H:%M')}" if when.at else "")


def _shift(ctx: Context, sub: SubStep, raw: str) -> list[Reply]:
    """Move a sub-step to a later date and every later planned open sub-step by as many working days."""
    require(ctx, "plan")
    state = ctx.require_state()
    previous = state.planned.get(sub.id)
    if not raw:
        raise CommandError(f"Noem de nieuwe datum, bijvoorbeeld `planning {sub.id} 22-03-2027 doorschuiven`.")
    _require_open(ctx, sub)
    when = _parse(ctx, raw)
    shown = escape(shorten(raw.strip(), 40))
    if previous is None or when.day <= previous:
        raise CommandError(
            f"Doorschuiven kan alleen naar een latere datum dan de huidige van {sub.id}"
            + (f" ({day_label(previous)})" if previous else " (die heeft nog geen datum)")
            + "; er is niets veranderd."
        )
    delta = working_days_between(previous, when.day)
    later = [
        s
        for s in open_substeps(ctx.plan, state)
        if s.order > sub.order and s.id in state.planned and state.planned[s.id] >= previous
    ]
    moved = {s.id: add_working_days(state.planned[s.id], delta) for s in later}
    try:
        check_day(when, shown, _today(ctx), _started(ctx))
        if moved:
            last = max(moved.values())
            check_day(When(last), last.strftime("%d-%m-%Y"), _today(ctx), _started(ctx))
        check_order(ctx.plan, replace(state, planned={**state.planned, **moved}), sub, when.day)
    except DateError as err:
        raise CommandError(err.message) from err
    uow = ctx.require_uow()
    uow.set_planned(ctx.channel, sub.id, when.day, when.at)
    ctx.events.append(PlanningSet(ctx.channel, sub.id))
    for sub_id, day in moved.items():
        uow.set_planned(ctx.channel, sub_id, day, state.planned_times.get(sub_id))
        ctx.events.append(PlanningSet(ctx.channel, sub_id))
    lines = [
        f"📅 {substep_label(sub)} is verschoven naar {when.label()} (was {day_label(previous)}), "
        f"{delta} werkdag(en) later."
    ]
    if moved:
        lines.append(
            "Evenveel werkdagen mee geschoven: "
            + ", ".join(f"{sub_id} naar {day.strftime('%d-%m-%Y')}" for sub_id, day in moved.items())
            + "."
        )
    return [ctx.channel_reply("\n".join(lines))]


def _clear(ctx: Context, sub: SubStep) -> list[Reply]:
    require(ctx, "plan")
    state = ctx.require_state()
    if sub.id not in state.planned:
        raise CommandError(f"Substap {sub.id} had geen geplande datum; er is niets veranderd.")
    ctx.require_uow().set_planned(ctx.channel, sub.id, None)
    ctx.events.append(PlanningCleared(ctx.channel, sub.id))
    return [ctx.channel_reply(f"De geplande datum van substap {sub.id} is gewist; de herinneringen erover vervallen.")]


def _timing(ctx: Context) -> Timing:
    if ctx.plan.timing is None:
        raise CommandError("Er zijn geen doorlooptijden ingesteld (procedures/durations.yaml); vraag de beheerder.")
    return ctx.plan.timing


def _proposal(ctx: Context, words: list[str]) -> list[Reply]:
    adopt = bool(words) and words[-1].lower() in ADOPT_WORDS
    raw = " ".join(words[:-1] if adopt else words)
    if not raw:
        raise CommandError(
            "Noem de startdatum van het voorstel, bijvoorbeeld `planning voorstel 11 januari 2027` of "
            "`planning voorstel morgen`."
        )
    timing = _timing(ctx)
    when = _parse(ctx, raw)
    today = _today(ctx)
    shown = escape(shorten(raw.strip(), 40))
    try:  # a start in a weekend or on a holiday simply begins on the next working day
        check_day(when, shown, today, _started(ctx), working_day=False)
    except DateError as err:
        raise CommandError(err.message) from err
    state = ctx.require_state()
    start = when.day
    slots = propose(ctx.plan, state, start, timing)
    if not slots:
        raise CommandError("Er staat geen substap meer open om te plannen; er is niets veranderd.")
    if not adopt:
        command = f"planning voorstel {start.isoformat()} vastleggen"
        text = proposal_text(ctx, slots, start, timing, adopted=False, command=command)
        return [ctx.requester_reply(text, actions=(Action("Planning vastleggen", command, primary=True),))]
    require(ctx, "plan")
    uow = ctx.require_uow()
    for slot in slots:
        uow.set_planned(ctx.channel, slot.substep.id, slot.day, None)
        ctx.events.append(PlanningSet(ctx.channel, slot.substep.id))
    text = proposal_text(ctx, slots, start, timing, adopted=True, command="")
    return [ctx.channel_reply(f"📅 {person(ctx.user)} heeft de planning vastgelegd.\n{text}")]
