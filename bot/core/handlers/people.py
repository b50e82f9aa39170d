"""Handlers for roles, the school and planned dates."""

from __future__ import annotations

import re
from datetime import date

from bot.core.confirm import ask_unless_confirmed
from bot.core.context import CommandError, Context
from bot.core.events import PlanningCleared, PlanningSet, RoleAssigned, RoleRemoved, SchoolChosen
from bot.core.messages import Reply
from bot.core.permissions import permissions, process_owners, require
from bot.core.progress import effective_status, next_substep
from bot.core.render import person, substep_label
from bot.core.state import Status
from bot.core.text import escape, shorten

_SLACK_MENTION = re.compile(r"^<@([A-Za-z0-9]+)(?:\|[^>]*)?>$")
_PLAIN_MENTION = re.compile(r"^@([\w.\-]{1,64})$")
_SPECIAL_MENTION = re.compile(
    r"^(?:<!([a-z]+)(?:\|[^>]*)?>|@(channel|here|everyone|kanaal|iedereen|allen))$", re.IGNORECASE
)
_SPECIAL_IDS = {"channel", "here", "everyone", "kanaal", "iedereen", "allen", "usergroup", "subteam"}
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
MAX_YEARS_AHEAD = 2  # a planned date more than this far ahead is a typing error, not a plan
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_mention(raw: str) -> str | None:
    """The user id in `<@U123>`, `<@U123|naam>` or `@naam`, or None."""
    match = _SLACK_MENTION.match(raw) or _PLAIN_MENTION.match(raw)
    return match.group(1) if match else None


def _assignable(ctx: Context) -> str:
    return ", ".join(f"`{r.id}`" for r in ctx.plan.roles if r.assignable)


def handle_rol(ctx: Context, args: str) -> list[Reply]:
    """Give a person a role, or with `geen` take it away."""
    usage = "Gebruik: `rol @naam <rol>`, bijvoorbeeld `rol @piet burgemeester`."
    parts = args.split(None, 1)
    if len(parts) < 2:
        raise CommandError(f"Noem een persoon en een rol. {usage} Rollen: {_assignable(ctx)}.")
    state = ctx.require_state()
    require(ctx, "roles")
    if _SPECIAL_MENTION.match(parts[0]) or (parse_mention(parts[0]) or "").lower() in _SPECIAL_IDS:
        raise CommandError(
            "Een rol gaat naar één persoon, niet naar het hele kanaal (@channel, @here of @everyone). "
            f"Er is niets veranderd. {usage}"
        )
    user = parse_mention(parts[0])
    if user is None:
        raise CommandError(f"'{escape(shorten(parts[0], 40))}' is geen persoon; noem iemand met @. {usage}")
    role_text = parts[1]
    remove = False
    if role_text.lower().startswith("geen "):
        remove, role_text = True, role_text[5:]
    role = ctx.plan.role(role_text)
    if role is None:
        raise CommandError(f"De rol '{escape(shorten(role_text, 40))}' ken ik niet. Rollen: {_assignable(ctx)}.")
    if not role.assignable:
        raise CommandError(
            f"De rol {role.name} kan niet aan iemand in dit kanaal worden gegeven: ik bewaar geen gegevens "
            f"van kandidaten. Rollen die wel kunnen: {_assignable(ctx)}."
        )
    uow = ctx.require_uow()
    owner_role = permissions(ctx).process_owner
    if remove and role.id == owner_role:
        raise CommandError(
            f"Er is altijd een {role.name.lower()}. Geef de rol door met `rol @naam {role.id}`; er is niets veranderd."
        )
    if remove:
        if not uow.remove_role(ctx.channel, user, role.id):
            raise CommandError(f"{person(user)} had de rol {role.name} niet; er is niets veranderd.")
        ctx.events.append(RoleRemoved(ctx.channel, user, role.id))
        return [ctx.channel_reply(f"{person(ctx.user)} heeft de rol {role.name} van {person(user)} ingetrokken.")]
    if user in state.holders(role.id) or (role.id == owner_role and user in process_owners(ctx, state)):
        raise CommandError(f"{person(user)} heeft de rol {role.name} al; er is niets veranderd.")
    if role.id in permissions(ctx).confirm_roles:
        current = state.holders(role.id)
        extra = f" Nu heeft {', '.join(person(u) for u in current)} die rol; die houdt hem ook." if current else ""
        ask_unless_confirmed(
            ctx.confirmed,
            [
                (
                    f"rol-{role.id}-{user}",
                    f"Je geeft {person(user)} de rol {role.name}. Wie die rol heeft, krijgt vertrouwelijk advies per "
                    f"privébericht.{extra}",
                )
            ],
        )
    if role.id == owner_role:
        for previous in process_owners(ctx, state):
            if uow.remove_role(ctx.channel, previous, role.id):
                ctx.events.append(RoleRemoved(ctx.channel, previous, role.id))
    uow.assign_role(ctx.channel, user, role.id, ctx.now)
    ctx.events.append(RoleAssigned(ctx.channel, user, role.id))
    return [ctx.channel_reply(f"{person(user)} heeft nu de rol {role.name} (toegekend door {person(ctx.user)}).")]


def handle_rollen(ctx: Context, args: str) -> list[Reply]:
    """Who holds which role, and which roles exist."""
    state = ctx.require_state()
    lines = ["*Rollen in deze procedure*"]
    for role in ctx.plan.roles:
        holders = state.holders(role.id)
        if holders:
            lines.append(f"• {role.name}: {', '.join(person(u) for u in holders)}")
    if len(lines) == 1:
        lines.append("Nog niemand heeft een rol. Geef er een met `rol @naam burgemeester`.")
    lines.append(f"Rollen die je kunt toekennen: {_assignable(ctx)}.")
    return [ctx.requester_reply("\n".join(lines))]


def handle_school(ctx: Context, args: str) -> list[Reply]:
    """Choose how the committees are set up."""
    choices = ", ".join(f"`{s.id}` ({s.name.lower()})" for s in ctx.plan.schools)
    if not args.strip():
        raise CommandError(f"Kies een school: {choices}.")
    school = ctx.plan.school(args)
    if school is None:
        raise CommandError(f"De school '{escape(shorten(args, 40))}' ken ik niet. Kies uit: {choices}.")
    state = ctx.require_state()
    require(ctx, "school")
    if state.school == school.id:
        raise CommandError(f"De {school.name.lower()} is al gekozen; er is niets veranderd.")
    ctx.require_uow().set_school(ctx.channel, school.id)
    ctx.events.append(SchoolChosen(ctx.channel, school.id))
    lines = [f"{person(ctx.user)} heeft gekozen voor de *{school.name.lower()}*.", school.summary]
    if school.not_applicable:
        dropped = [s for s in ctx.plan.substeps() if s.id in school.not_applicable]
        lines.append("Daardoor vervallen: " + "; ".join(substep_label(s) for s in dropped) + ".")
    else:
        lines.append("Alle substappen blijven van toepassing.")
    lines.append(f"Bron: handreiking VGS, §{school.section}")
    return [ctx.channel_reply("\n".join(lines))]


def parse_date(raw: str) -> date | None:
    """A date typed as dd-mm-jjjj, d/m/jjjj or jjjj-mm-dd, or None."""
    raw = raw.strip()
    match = _DATE_DMY.match(raw)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None and (iso := _DATE_ISO.match(raw)):
        parts = (iso.group(1), iso.group(2), iso.group(3))
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def handle_planning(ctx: Context, args: str) -> list[Reply]:
    """Show the planned dates, or set or clear the planned date of a sub-step (the next one by default)."""
    state = ctx.require_state()
    words = args.split()
    if not words:
        return [ctx.requester_reply(_planning_overview(ctx))]
    if len(words) == 1 and parse_date(words[0]) is not None:
        upcoming = next_substep(ctx.plan, state)
        if upcoming is None:
            raise CommandError("Er staat geen substap meer open om te plannen; er is niets veranderd.")
        words = [upcoming.id, words[0]]
    if len(words) != 2:
        raise CommandError(
            "Gebruik: `planning <id> <datum>` (bijvoorbeeld `planning 6a 15-03-2027`), `planning <datum>` "
            "voor de volgende substap, `planning <id> wis`, of `planning` om de planning te zien."
        )
    sub = ctx.substep(words[0])
    require(ctx, "plan")
    if words[1].lower() in {"wis", "geen", "weg"}:
        if sub.id not in state.planned:
            raise CommandError(f"Substap {sub.id} had geen geplande datum; er is niets veranderd.")
        ctx.require_uow().set_planned(ctx.channel, sub.id, None)
        ctx.events.append(PlanningCleared(ctx.channel, sub.id))
        return [ctx.channel_reply(f"De geplande datum van substap {sub.id} is gewist.")]
    day = parse_date(words[1])
    if day is None:
        raise CommandError(
            f"'{escape(shorten(words[1], 20))}' is geen geldige datum. Schrijf hem als dd-mm-jjjj, "
            "bijvoorbeeld 15-03-2027."
        )
    _check_window(ctx, day)
    ctx.require_uow().set_planned(ctx.channel, sub.id, day)
    ctx.events.append(PlanningSet(ctx.channel, sub.id))
    text = f"📅 {substep_label(sub)} is gepland op {day.strftime('%d-%m-%Y')}."
    if day < ctx.now.astimezone(ctx.tz).date():
        text += " Let op: die datum ligt in het verleden."
    return [ctx.channel_reply(text)]


def _check_window(ctx: Context, day: date) -> None:
    """Refuse a date before the procedure started or more than MAX_YEARS_AHEAD years from today."""
    state = ctx.require_state()
    started = state.created_at.astimezone(ctx.tz).date()
    today = ctx.now.astimezone(ctx.tz).date()
    try:
        latest = today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)
    shown = day.strftime("%d-%m-") + f"{day.year:04d}"
    if day < started:
        raise CommandError(
            f"{shown} ligt vóór de start van de procedure ({started.strftime('%d-%m-%Y')}); er is niets veranderd. "
            f"Kies een datum van {started.strftime('%d-%m-%Y')} tot {latest.strftime('%d-%m-%Y')}."
        )
    if day > latest:
        raise CommandError(
            f"{shown} ligt meer dan {MAX_YEARS_AHEAD} jaar vooruit; er is niets veranderd. "
            f"Kies een datum van {started.strftime('%d-%m-%Y')} tot {latest.strftime('%d-%m-%Y')}."
        )


def _planning_overview(ctx: Context) -> str:
    state = ctx.require_state()
    if not state.planned:
        return (
            "Er zijn nog geen datums gepland. Plan een substap met `planning <id> <datum>`, "
            "bijvoorbeeld `planning 6a 15-03-2027`."
        )
    today = ctx.now.astimezone(ctx.tz).date()
    lines = ["*Planning*"]
    for sub in ctx.plan.substeps():
        day = state.planned.get(sub.id)
        if day is None:
            continue
        status = effective_status(ctx.plan, state, sub)
        late = " — ⏰ te laat" if status is Status.OPEN and day < today else ""
        lines.append(f"• {day.strftime('%d-%m-%Y')}: {substep_label(sub)} ({status.value}){late}")
    return "\n".join(lines)
