"""Handlers for questions about the guide and the dossier."""

from __future__ import annotations

from bot.core.context import CommandError, Context
from bot.core.dossier import dossier_text
from bot.core.messages import Answer, Reply
from bot.core.permissions import require
from bot.core.progress import next_substep


def plan_position(ctx: Context, answer: Answer) -> str | None:
    """'Dat is stap 7c; jullie zijn nu bij stap 5.' when the answer relates to the plan and a procedure runs."""
    if ctx.state is None or not answer.matched:
        return None
    nxt = next_substep(ctx.plan, ctx.state)
    now_text = (
        f"jullie zijn nu bij stap {nxt.step} ({nxt.id} {nxt.title})" if nxt else "jullie hebben alle stappen gehad"
    )
    if not answer.steps:
        return None
    subs = [s for s in (ctx.plan.substep(i) for i in answer.steps) if s is not None]
    if not subs:
        return None
    ids = ", ".join(s.id for s in subs[:3])
    word = "stap" if len(subs) == 1 else "de stappen"
    return f"📍 In het stappenplan is dat {word} {ids}; {now_text}."


def answer_question(ctx: Context, question: str) -> Reply:
    """Answer a question from the guide, with where it falls in the plan when a procedure runs."""
    answer = ctx.answerer.answer(question)
    text = answer.text
    position = plan_position(ctx, answer)
    if position:
        text += "\n" + position
    if ctx.incoming.is_command:
        return ctx.requester_reply(text)
    return ctx.channel_reply(text)


def handle_vraag(ctx: Context, args: str) -> list[Reply]:
    """A question about the guide."""
    if not args.strip():
        raise CommandError("Stel je vraag na `vraag`, bijvoorbeeld `vraag Wie benoemt de gemeentesecretaris?`.")
    if ctx.guide is not None:
        return [ctx.guide(ctx, args)]
    return [answer_question(ctx, args)]


def handle_export(ctx: Context, args: str) -> list[Reply]:
    """The dossier of this procedure, or after closing the channel's last one."""
    uow = ctx.require_uow()
    state = ctx.state or uow.latest_procedure(ctx.channel)
    if state is None:
        raise CommandError(
            "In dit kanaal is nog geen procedure geweest, dus er is geen dossier. Start er een met `start <gemeente>`."
        )
    ctx.state = state
    require(ctx, "export")
    log = uow.audit_entries(ctx.channel)
    reminders = uow.sent_reminders(state.id) if state.id is not None else []
    text = dossier_text(ctx.plan, state, log, ctx.tz, chain=uow.audit_chain_summary(), reminders=reminders)
    if state.closed_at is not None:
        text = (
            "Er loopt geen procedure meer in dit kanaal; dit is het dossier van de laatste, afgesloten procedure.\n"
            + text
        )
    return [ctx.requester_reply(text)]
