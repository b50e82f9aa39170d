"""Handlers for roles and the school (planning lives in bot.core.planning)."""

from __future__ import annotations

import re

from bot.core.confirm import ask_unless_confirmed
from bot.core.context import CommandError, Context
from bot.core.events import RoleAssigned, RoleRemoved, SchoolChosen
from bot.core.messages import Reply
from bot.core.permissions import permissions, process_owners, require
from bot.core.render import person, substep_label
from bot.core.text import escape, shorten

_SLACK_MENTION = re.compile(r"^<@([A-Za-z0-9][\w:.\-]*)(?:\|[^>]*)?>$")  # any platform's id: U123, 29:1a-B_c
_PLAIN_MENTION = re.compile(r"^@([\w.\-]{1,64})$")
_SPECIAL_MENTION = re.compile(
    r"^(?:<!([a-z]+)(?:\|[^>]*)?>|@(channel|here|everyone|kanaal|iedereen|allen))$", re.IGNORECASE
)
_SPECIAL_IDS = {"channel", "here", "everyone", "kanaal", "iedereen", "allen", "usergroup", "subteam"}


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
    unverified = _require_member(ctx, user)
    if user in state.holders(role.id) or (role.id == owner_role and user in process_owners(ctx, state)):
        raise CommandError(f"{person(user)} heeft de rol {role.name} al; er is niets veranderd.")
    current = state.holders(role.id)
    if role.id in permissions(ctx).confirm_roles and current:
        # Giving away a role someone already holds (the way to reach the mayor's private advice) is confirmed.
        extra = f" Nu heeft {', '.join(person(u) for u in current)} die rol; die houdt hem ook."
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
    replies = [ctx.channel_reply(f"{person(user)} heeft nu de rol {role.name} (toegekend door {person(ctx.user)}).")]
    return replies + ([ctx.requester_reply(unverified)] if unverified else [])


def _require_member(ctx: Context, user: str) -> str:
    """Refuse a role for someone outside the channel; a warning to add when the platform could not say.

    A failed lookup (an outage of the platform) does not block the committee: the role is given with a
    warning that names what to check, as the channel guard warns when it cannot check the channel.
    """
    if ctx.incoming.members_failed:
        return (
            f"⚠️ Ik kon niet nagaan of {person(user)} lid is van dit kanaal. Controleer dat zelf: wie een rol "
            "heeft, krijgt vertrouwelijk advies per privébericht. Intrekken kan met `rol @naam geen <rol>`."
        )
    members = ctx.incoming.members
    if members is not None and user not in members:
        raise CommandError(
            f"{person(user)} is geen lid van dit kanaal; een rol gaat alleen naar leden. Nodig diegene eerst uit "
            "in het kanaal en geef dan de rol. Er is niets veranderd."
        )
    return ""


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
