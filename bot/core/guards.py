"""Statutory guards from procedures/statutory.yaml: steps that never lapse, skips and ticks that need confirmation.

Every check returns the (key, Dutch question) pairs that need confirmation, or raises CommandError when
the command can never be carried out; `ask_unless_confirmed` turns the pairs into one question.
"""

from __future__ import annotations

from bot.content.plan import SubStep
from bot.content.safeguards import NO_SCHOOL, Statutory
from bot.core.confirm import ask_unless_confirmed
from bot.core.context import CommandError, Context
from bot.core.progress import effective_status, open_substeps, school_of, skipped_by_school
from bot.core.render import substep_label
from bot.core.state import Status


def statutory(ctx: Context) -> Statutory:
    """The statutory guards the bot was built with."""
    assert ctx.safeguards is not None, "bot built without safeguards"
    return ctx.safeguards.statutory


def guard_never_skip(ctx: Context, sub: SubStep) -> None:
    """Refuse marking a sub-step not applicable that never lapses (10b), whoever asks."""
    rules = statutory(ctx)
    if sub.id in rules.never_skip:
        raise CommandError(
            f"Substap {sub.id} kan nooit 'niet van toepassing' zijn. {rules.never_skip[sub.id]} Er is niets veranderd."
        )


def guard_skip(ctx: Context, sub: SubStep, reason: str | None) -> None:
    """Refuse or ask before marking a sub-step not applicable: never for some, always with a reason."""
    rules = statutory(ctx)
    guard_never_skip(ctx, sub)
    if not reason:
        raise CommandError(
            f"Geef een reden waarom substap {sub.id} niet van toepassing is, bijvoorbeeld "
            f"`nvt {sub.id} gedaan door het bureau`. Er is niets veranderd."
        )
    rule = rules.confirm_skip.get(sub.id)
    state = ctx.require_state()
    if rule is not None and (state.school or NO_SCHOOL) in rule.schools:
        ask_unless_confirmed(
            ctx.confirmed,
            [
                (
                    f"nvt-{sub.id}",
                    f"⚖️ Je zet {substep_label(sub)} op niet van toepassing. Dit is een wettelijke stap "
                    f"({rule.law}): {rule.text}",
                )
            ],
        )


def guard_tick(ctx: Context, sub: SubStep) -> None:
    """Ask before ticking a sub-step while statutory predecessors are open, or far ahead of the plan."""
    rules = statutory(ctx)
    state = ctx.require_state()
    checks: list[tuple[str, str]] = []
    before = rules.confirm_before.get(sub.id)
    if before is not None:
        still_open = [
            s
            for s in (ctx.plan.substep(i) for i in before.open)
            if s is not None and effective_status(ctx.plan, state, s) is Status.OPEN
        ]
        if still_open:
            names = ", ".join(substep_label(s) for s in still_open)
            checks.append((f"voor-{sub.id}", f"⚠️ Nog open: {names}. {before.text} Toch {sub.id} afvinken?"))
    school = school_of(ctx.plan, state)
    if school is not None and skipped_by_school(ctx.plan, state, sub):
        # Allowed after confirmation, never refused: a committee may still do a step its school drops (ask
        # the advisory committee after all), and the dossier should then show it. Its place in the order
        # does not matter, so no "ver vooruit" question as well.
        checks.append(
            (
                f"school-{sub.id}",
                f"🏫 {substep_label(sub)} vervalt bij jullie school ({school.name.lower()}); je hoeft hem niet "
                f"af te vinken. Hebben jullie hem toch gedaan, bevestig dan: hij wordt als afgerond vastgelegd.",
            )
        )
    elif not checks:
        earlier = [s for s in open_substeps(ctx.plan, state) if s.order < sub.order and s.id != sub.id]
        if earlier and sub.step - earlier[0].step > rules.max_steps_ahead:
            more = f" (en nog {len(earlier) - 1} eerdere)" if len(earlier) > 1 else ""
            checks.append((f"volgorde-{sub.id}", f"{earlier[0].id} staat nog open{more} — toch {sub.id} afvinken?"))
    ask_unless_confirmed(ctx.confirmed, checks)
