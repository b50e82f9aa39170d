"""Handlers that start, tick, reopen, skip, explain and close sub-steps of a procedure."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.candidate_data import candidate_data_kinds, refusal_text
from bot.core.confirm import ask_unless_confirmed
from bot.core.context import CommandError, Context
from bot.core.events import (
    MunicipalityNamed,
    ProcedureClosed,
    ProcedureReopened,
    ProcedureStarted,
    RoleAssigned,
    SubstepDone,
    SubstepReopened,
    SubstepSkipped,
)
from bot.core.guards import guard_never_skip, guard_skip, guard_tick
from bot.core.handlers.ids import one_substep
from bot.core.messages import Audience, Reply
from bot.core.permissions import permissions, process_owners, require, require_tick, roles_of
from bot.core.planning.dates import DateError, parse_when
from bot.core.privacy import CONFIDENTIAL, privacy_warning
from bot.core.progress import effective_status, next_substep, skipped_by_school
from bot.core.render import (
    person,
    status_text,
    status_view,
    step_text,
    substep_label,
    substep_text,
    when,
)
from bot.core.state import Status
from bot.core.text import escape, shorten
from bot.core.views import StepView

MAX_MUNICIPALITY = 80
UNKNOWN_MUNICIPALITY = "onbekende gemeente"  # the name of a procedure started without one
NO_PROCEDURE = (
    "In dit kanaal loopt nog geen procedure. Start er een met `start <gemeente>`, bijvoorbeeld `start Zaanstad`."
)
MAX_NOTE = 500


def handle_start(ctx: Context, args: str) -> list[Reply]:
    """Start a procedure in this channel; `start <gemeente>` names the municipality of one started without."""
    if ctx.state is not None and ctx.state.municipality == UNKNOWN_MUNICIPALITY and args.strip():
        return _name_municipality(ctx, _municipality_name(args))
    if ctx.state is not None:
        raise CommandError(
            f"In dit kanaal loopt al een procedure (gemeente {escape(ctx.state.municipality)}, gestart door "
            f"{person(ctx.state.created_by)} op {when(ctx.state.created_at, ctx.tz)}). Er kan één procedure per "
            "kanaal lopen: bekijk hem met `status`, of sluit hem eerst met `afsluiten`."
        )
    if ctx.incoming.is_direct:
        raise CommandError("Start een procedure in het (privé)kanaal van de commissie, niet in een privébericht.")
    municipality = _municipality_name(args) or UNKNOWN_MUNICIPALITY
    _check_length(municipality)
    uow = ctx.require_uow()
    state = uow.create_procedure(ctx.channel, municipality, ctx.incoming.platform, ctx.user, ctx.now)
    owner = permissions(ctx).process_owner
    uow.assign_role(ctx.channel, ctx.user, owner, ctx.now)
    ctx.state = state = uow.procedure(ctx.channel) or state
    ctx.events.append(ProcedureStarted(ctx.channel))
    ctx.events.append(RoleAssigned(ctx.channel, ctx.user, owner))
    first = next_substep(ctx.plan, state)
    lines = [
        f"Procedure gestart voor de nieuwe gemeentesecretaris / algemeen directeur van "
        f"{escape(municipality)}, door {person(ctx.user)}.",
        "Ik volg het stappenplan van de VGS-handreiking: 3 fasen, 10 stappen, 37 substappen.",
        CONFIDENTIAL,
    ]
    if first is not None:
        lines.append(f"Eerste stap: {substep_label(first)}. Uitleg: `stap {first.id}`.")
    lines.append(
        f"{person(ctx.user)} is proceseigenaar: die verdeelt de rollen (`rol @naam burgemeester`) en kan de rol "
        "doorgeven met `rol @naam proceseigenaar`. Kies de inrichting met `school`."
    )
    if municipality == UNKNOWN_MUNICIPALITY:
        lines.append("Je noemde geen gemeente; geef de naam alsnog met `start <gemeente>`.")
    replies = [ctx.channel_reply("\n".join(lines))]
    warning = privacy_warning(ctx.incoming.channel_privacy)
    if warning:
        replies.append(ctx.channel_reply(warning))
    return replies


def _municipality_name(args: str) -> str:
    """The municipality as typed after `start`, without a leading "gemeente"; refused when it cannot be a
    name: a mention, markup, or a sub-step id ("start 1a")."""
    name = re.sub(r"^(?:de\s+)?gemeente\s+", "", " ".join(args.split()), flags=re.IGNORECASE)
    if re.search(r"[<>@`*_|]", name) or re.fullmatch(r"\d+[a-z]?", name, re.IGNORECASE):
        raise CommandError(
            f"'{escape(shorten(name, 40))}' is geen naam van een gemeente. Typ `start <gemeente>`, "
            "bijvoorbeeld `start Zaanstad`; er is niets veranderd."
        )
    return name


def _check_length(municipality: str) -> None:
    if len(municipality) > MAX_MUNICIPALITY:
        raise CommandError(f"De naam van de gemeente is te lang (meer dan {MAX_MUNICIPALITY} tekens).")


def _name_municipality(ctx: Context, municipality: str) -> list[Reply]:
    """The process owner names the municipality of a procedure started without one."""
    state = ctx.require_state()
    owner = permissions(ctx).process_owner
    if owner not in roles_of(ctx, state, ctx.user):
        owners = ", ".join(person(u) for u in process_owners(ctx, state))
        raise CommandError(
            f"Alleen de proceseigenaar ({owners}) kan de gemeente van deze procedure noemen. Er is niets veranderd."
        )
    _check_length(municipality)
    ctx.require_uow().set_municipality(ctx.channel, municipality)
    ctx.state = ctx.require_uow().procedure(ctx.channel) or state
    ctx.events.append(MunicipalityNamed(ctx.channel, municipality))
    return [ctx.channel_reply(f"Deze procedure is nu voor de gemeente {escape(municipality)} ({person(ctx.user)}).")]


def handle_status(ctx: Context, args: str) -> list[Reply]:
    """Where the procedure stands."""
    state = ctx.require_state()
    replies = [ctx.requester_reply(status_text(ctx.plan, state), view=status_view(ctx.plan, state))]
    warning = privacy_warning(ctx.incoming.channel_privacy)
    if warning:
        replies.append(ctx.requester_reply(warning))
    return replies


def _note(ctx: Context, args_rest: str, what: str) -> str | None:
    """The note as typed, refused (privately, storing nothing) when too long or holding candidate data."""
    note = " ".join(args_rest.split())
    if len(note) > MAX_NOTE:
        raise CommandError(f"De {what} is te lang (meer dan {MAX_NOTE} tekens). Houd het kort.")
    if note and ctx.safeguards is not None:
        kinds = candidate_data_kinds(note, ctx.safeguards.candidates)
        if kinds:
            raise CommandError(refusal_text(kinds, what))
    return note or None


def handle_klaar(ctx: Context, args: str) -> list[Reply]:
    """Tick a sub-step off."""
    raw, rest = one_substep("klaar", args)
    sub = ctx.substep(raw)
    state = ctx.require_state()
    require_tick(ctx, sub, "afvinken")
    record = state.record(sub.id)
    if record.status is Status.DONE:
        raise CommandError(
            f"Substap {sub.id} is al afgevinkt door {person(record.by)} op {when(record.at, ctx.tz)}. "
            f"Er is niets veranderd. Wil je hem opnieuw doen: `heropen {sub.id}`."
        )
    decided, rest = _decision_date(ctx, rest)
    note = _note(ctx, rest, "toelichting")
    guard_tick(ctx, sub)
    ctx.require_uow().set_status(ctx.channel, sub.id, Status.DONE, ctx.user, ctx.now, note)
    if decided is not None:
        ctx.require_uow().set_decision_date(ctx.channel, sub.id, decided)
    ctx.events.append(SubstepDone(ctx.channel, sub.id))
    text = f"✅ {person(ctx.user)} heeft {substep_label(sub)} afgevinkt."
    if decided is not None:
        text += f" Besluit genomen op {decided.strftime('%d-%m-%Y')}."
    if note:
        text += f"\nToelichting: {escape(note)}"
    if skipped_by_school(ctx.plan, state, sub):
        text += "\n(Deze substap vervalt eigenlijk bij de gekozen school; hij is toch als afgerond vastgelegd.)"
    return [ctx.channel_reply(text)]


def _decision_date(ctx: Context, rest: str) -> tuple[date | None, str]:
    """`besluit 12-05-2027 …` at the start of a note: the decision date (not in the future, not before the
    procedure started) and the rest of the note."""
    words = rest.split(None, 2)
    if not words or words[0].lower() != "besluit":
        return None, rest
    day = _decision_day(words[1], ctx) if len(words) > 1 else None
    if day is None:
        raise CommandError(
            "Noem na `besluit` de datum van het besluit als dd-mm-jjjj, bijvoorbeeld `klaar 10b besluit 12-05-2027`."
        )
    started = ctx.require_state().created_at.astimezone(ctx.tz).date()
    today = ctx.now.astimezone(ctx.tz).date()
    if not started <= day <= today:
        raise CommandError(
            f"Een besluitdatum ligt tussen de start van de procedure ({started.strftime('%d-%m-%Y')}) en vandaag "
            f"({today.strftime('%d-%m-%Y')}); er is niets veranderd."
        )
    return day, words[2] if len(words) > 2 else ""


def handle_heropen(ctx: Context, args: str) -> list[Reply]:
    """Reopen a done or skipped sub-step, or with `heropen procedure` the channel's closed procedure."""
    raw = args.split()[0] if args.split() else ""
    if raw.lower() == "procedure":
        return _reopen_procedure(ctx)
    if ctx.state is None:
        raise CommandError(NO_PROCEDURE)
    raw = one_substep("heropen", args)[0]
    sub = ctx.substep(raw)
    state = ctx.require_state()
    require_tick(ctx, sub, "heropenen")
    if state.record(sub.id).status is Status.OPEN:
        status = effective_status(ctx.plan, state, sub)
        extra = " Hij vervalt wel bij de gekozen school." if status is Status.SKIPPED else ""
        raise CommandError(f"Substap {sub.id} staat al open; er is niets veranderd.{extra}")
    ctx.require_uow().set_status(ctx.channel, sub.id, Status.OPEN, ctx.user, ctx.now, None)
    ctx.require_uow().set_decision_date(ctx.channel, sub.id, None)
    ctx.events.append(SubstepReopened(ctx.channel, sub.id))
    return [ctx.channel_reply(f"↩️ {person(ctx.user)} heeft {substep_label(sub)} weer opengezet.")]


def _reopen_procedure(ctx: Context) -> list[Reply]:
    """The process owner opens the last closed procedure again, within the period permissions.yaml sets."""
    if ctx.state is not None:
        raise CommandError("De procedure in dit kanaal loopt nog; er is niets om te heropenen.")
    uow = ctx.require_uow()
    last = uow.latest_procedure(ctx.channel)
    if last is None or last.closed_at is None or last.id is None:
        raise CommandError(NO_PROCEDURE)
    ctx.state = last
    require(ctx, "close")
    days = permissions(ctx).reopen_days
    if ctx.now - last.closed_at > timedelta(days=days):
        raise CommandError(
            f"De procedure is op {when(last.closed_at, ctx.tz)} afgesloten; heropenen kan tot {days} dagen daarna. "
            "Er is niets veranderd; het dossier blijft op te vragen met `export`."
        )
    ask_unless_confirmed(
        ctx.confirmed,
        [("heropen-procedure", f"Je opent de afgesloten procedure voor {escape(last.municipality)} weer.")],
    )
    uow.reopen_procedure(last.id)
    ctx.events.append(ProcedureReopened(ctx.channel))
    return [
        ctx.channel_reply(
            f"🔓 {person(ctx.user)} heeft de procedure voor {escape(last.municipality)} weer geopend. "
            "Bekijk waar ze staat met `status`."
        )
    ]


def handle_nvt(ctx: Context, args: str) -> list[Reply]:
    """Mark a sub-step as not applicable."""
    raw, rest = one_substep("nvt", args)
    sub = ctx.substep(raw)
    state = ctx.require_state()
    guard_never_skip(ctx, sub)
    require_tick(ctx, sub, "op niet van toepassing zetten")
    record = state.record(sub.id)
    if record.status is Status.SKIPPED:
        raise CommandError(f"Substap {sub.id} staat al op niet van toepassing; er is niets veranderd.")
    if record.status is Status.DONE:
        raise CommandError(
            f"Substap {sub.id} is al afgevinkt door {person(record.by)}. Zet hem eerst open met "
            f"`heropen {sub.id}` als hij toch niet van toepassing is."
        )
    note = _note(ctx, rest, "reden")
    guard_skip(ctx, sub, note)
    ctx.require_uow().set_status(ctx.channel, sub.id, Status.SKIPPED, ctx.user, ctx.now, note)
    ctx.events.append(SubstepSkipped(ctx.channel, sub.id))
    text = f"➖ {person(ctx.user)} heeft {substep_label(sub)} op niet van toepassing gezet."
    if note:
        text += f"\nReden: {escape(note)}"
    return [ctx.channel_reply(text)]


def handle_stap(ctx: Context, args: str) -> list[Reply]:
    """Explain a sub-step, or list a whole step."""
    raw = args.split()[0] if args.split() else ""
    if raw.isascii() and raw.isdigit():
        step = ctx.plan.step(int(raw))
        if step is None:
            raise CommandError(f"Stap {escape(shorten(raw, 10))} bestaat niet; er zijn stappen 1 tot en met 10.")
        return [ctx.requester_reply(step_text(ctx.plan, step, ctx.state))]
    sub = ctx.substep(raw)
    status = effective_status(ctx.plan, ctx.state, sub) if ctx.state else Status.OPEN
    view = StepView(sub.id, sub.title, status) if ctx.state else None
    return [ctx.requester_reply(substep_text(ctx.plan, sub, ctx.state, ctx.tz), view=view)]


def handle_afsluiten(ctx: Context, args: str) -> list[Reply]:
    """Close the procedure; its dossier is kept."""
    state = ctx.require_state()
    require(ctx, "close")
    reason = _note(ctx, args, "reden")
    remaining = [s for s in ctx.plan.substeps() if effective_status(ctx.plan, state, s) is Status.OPEN]
    question = f"Je sluit de procedure voor {escape(state.municipality)} af"
    question += (
        f" met als reden: {escape(reason)}." if reason else " zonder reden (geef er een met `afsluiten <reden>`)."
    )
    if remaining:
        question += f" Er staan nog {len(remaining)} substappen open, onder andere {remaining[0].id}."
    ask_unless_confirmed(ctx.confirmed, [("afsluiten", question)])
    ctx.require_uow().close_procedure(ctx.channel, ctx.now, ctx.user, reason)
    ctx.events.append(ProcedureClosed(ctx.channel))
    text = f"🔒 {person(ctx.user)} heeft de procedure voor {escape(state.municipality)} afgesloten."
    if reason:
        text += f" Reden: {escape(reason)}."
    if remaining:
        text += f" Er stonden nog {len(remaining)} substappen open (onder andere {remaining[0].id})."
    text += " Het dossier blijft bewaard (`export`); met `start` begint dit kanaal een nieuwe procedure."
    replies = [ctx.channel_reply(text)]
    if ctx.safeguards is not None:
        retention = ctx.safeguards.retention
        notice = retention.reminder.replace("{dagen}", str(retention.purge_after_days))
        replies += [Reply(f"🗂️ {notice}", Audience.DIRECT, user=owner) for owner in process_owners(ctx, state)]
    return replies


def _decision_day(raw: str, ctx: Context) -> date | None:
    """The date of a decision as typed (`12-05-2027`, `2027-05-12`), or None when it is not a date."""
    try:
        return parse_when(raw, ctx.now, ctx.tz).day
    except DateError:
        return None
