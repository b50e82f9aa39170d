"""Who may do what in a procedure, from procedures/permissions.yaml; a refusal names who may do it.

A refused action raises CommandError, so the reply goes privately to the requester and nothing changes.
Whoever starts a procedure holds the process-owner role until they hand it on; a procedure without a
holder of that role (started before roles were checked) counts its starter as process owner.
"""

from __future__ import annotations

from bot.content.plan import SubStep
from bot.content.safeguards import Permissions
from bot.core.context import CommandError, Context
from bot.core.render import person
from bot.core.state import ProcedureState

ACTION_TEXT = {
    "tick": "substappen afvinken, heropenen of op nvt zetten",
    "roles": "rollen toekennen of intrekken",
    "school": "de school kiezen",
    "plan": "datums plannen of wissen",
    "close": "de procedure afsluiten of heropenen",
    "export": "het dossier opvragen",
}


def permissions(ctx: Context) -> Permissions:
    """The permissions the bot was built with."""
    assert ctx.safeguards is not None, "bot built without safeguards"
    return ctx.safeguards.permissions


def roles_of(ctx: Context, state: ProcedureState, user: str) -> frozenset[str]:
    """The roles a person holds in the procedure, the process owner's included."""
    held = set(state.roles.get(user, ()))
    owner = permissions(ctx).process_owner
    if not state.holders(owner) and user == state.created_by:
        held.add(owner)
    return frozenset(held)


def process_owners(ctx: Context, state: ProcedureState) -> tuple[str, ...]:
    """Who holds the process-owner role (the starter when nobody does)."""
    return state.holders(permissions(ctx).process_owner) or (state.created_by,)


def _who(ctx: Context, state: ProcedureState, allowed: frozenset[str]) -> str:
    """'wie een van deze rollen heeft: Burgemeester (@piet), College van B&W': allowed roles and holders."""
    parts = []
    for role in ctx.plan.roles:
        if role.id not in allowed:
            continue
        holders = process_owners(ctx, state) if role.id == permissions(ctx).process_owner else state.holders(role.id)
        parts.append(f"{role.name} ({', '.join(person(u) for u in holders)})" if holders else role.name)
    return "wie een van deze rollen heeft: " + ", ".join(parts)


def _refuse(ctx: Context, state: ProcedureState, allowed: frozenset[str], what: str) -> CommandError:
    owners = ", ".join(person(u) for u in process_owners(ctx, state))
    return CommandError(
        f"Dit mag je niet: {what}. Er is niets veranderd. Dat mag {_who(ctx, state, allowed)}. "
        f"Heb je een rol nodig, vraag het de proceseigenaar ({owners})."
    )


def require(ctx: Context, action: str) -> None:
    """Refuse (privately, changing nothing) when the requester holds none of the roles for `action`."""
    state = ctx.require_state()
    allowed = permissions(ctx).actions[action]
    if not roles_of(ctx, state, ctx.user) & allowed:
        raise _refuse(ctx, state, allowed, ACTION_TEXT[action])


def require_tick(ctx: Context, sub: SubStep, verb: str) -> None:
    """Refuse when the requester may not tick, reopen or skip this sub-step (`verb` says which)."""
    state = ctx.require_state()
    allowed = permissions(ctx).tick_roles(sub.id)
    if not roles_of(ctx, state, ctx.user) & allowed:
        raise _refuse(ctx, state, allowed, f"substap {sub.id} {verb}")


def is_process_owner(ctx: Context, state: ProcedureState, user: str) -> bool:
    """True when the person is (or counts as) the process owner."""
    return permissions(ctx).process_owner in roles_of(ctx, state, user)
