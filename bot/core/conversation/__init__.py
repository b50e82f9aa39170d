"""The bot as a conversation partner: every message is classified before the guide is searched, and
questions about the bot, this procedure and the step plan are answered from their own sources."""

from __future__ import annotations

import re

from bot.content.conversation import Vocabulary, normalize
from bot.content.plan import Plan
from bot.core.context import Context
from bot.core.conversation import bot_help, guide, procedure_questions, stepplan_questions
from bot.core.conversation.classify import Classified, Kind, classify, classify_question, nearest_command
from bot.core.messages import Action, Answer, Audience, Incoming, Reply
from bot.core.permissions import process_owners
from bot.core.state import ProcedureState
from bot.core.text import escape, shorten

__all__ = ["Classified", "Conversation", "Kind"]

_VRAAG = re.compile(r"^vraag\b[:,]?\s*", re.IGNORECASE)
NO_CHANNEL_COMMAND = (
    "`{command}` is een opdracht voor het kanaal van de procedure (in Slack, Teams of `python -m bot chat "
    "--channel <kanaal>`). Hier beantwoord ik vragen over de handreiking en over de bot."
)
_GENERAL_INTENTS = frozenset({"my_part", "roles", "duration"})  # the guide answers these in general
NO_CHANNEL_PROCEDURE = (
    "Hier hoort geen procedure bij, dus weet ik niet hoe het ervoor staat. Stel deze vraag in het kanaal "
    "van de procedure (in Slack, Teams of `python -m bot chat --channel <kanaal>`)."
)


class Conversation:
    """Classifies messages and answers the questions that are not for the guide."""

    def __init__(self, plan: Plan, vocabulary: Vocabulary) -> None:
        self.plan = plan
        self.vocab = vocabulary

    def classify(self, text: str) -> Classified:
        """The kind of a message that did not come as a slash command."""
        return classify(text, self.plan, self.vocab)

    def classify_question(self, text: str) -> Classified:
        """The kind of a question, for a slash command that turned out to be one (`/werving wie is aan zet?`)."""
        return classify_question(normalize(text), self.plan, self.vocab)

    @staticmethod
    def is_question(text: str) -> bool:
        """True for text after /werving that reads as a question rather than an unknown command word."""
        return text.rstrip().endswith("?") or len(text.split()) >= 3

    def typo_for(self, name: str, args: str) -> Classified | None:
        """A mistyped command word of a slash command (`/werving klaaar 2a`) as a TYPO, or None."""
        corrected = nearest_command(name)
        if corrected is None:
            return None
        return Classified(Kind.TYPO, command=f"{corrected} {args}".strip(), typed=name)

    def typo_reply(self, incoming: Incoming, classified: Classified) -> Reply:
        """'Bedoel je `klaar`?' with the corrected command as a choice; nothing is changed."""
        word = classified.command.split()[0]
        text = (
            f"Bedoel je `{word}`? De opdracht '{escape(shorten(classified.typed, 30))}' ken ik niet, "
            f"dus er is niets veranderd. Kies hieronder of typ `{escape(shorten(classified.command, 60))}`."
        )
        action = Action(label=shorten(classified.command, 60), command=classified.command, primary=True)
        return Reply(
            text,
            Audience.REQUESTER,
            user=incoming.user,
            thread=incoming.thread,
            actions=(action,),
            outcome=guide.CLARIFY,
        )

    def usage_answer(self, text: str) -> Answer | None:
        """A question about using the bot ("hoe vink ik iets af?") as an answer from the command help, or
        one about a named step ("wat gebeurt er in stap 6b?") from procedures/, citing its section.

        For `python -m bot ask`, which has no channel: every other question is left to the guide.
        """
        norm = normalize(text)
        command = classify(text, self.plan, self.vocab)
        if command.kind is Kind.COMMAND and norm.split(" ", 1)[0] == "help":  # what the bot can do
            return Answer(
                text, True, bot_help.answer("overview", norm, self.plan, self.vocab, None), outcome=guide.ANSWER
            )
        if command.kind is Kind.COMMAND and not norm.startswith("vraag"):  # "status", "klaar 2a"
            return Answer(text, False, NO_CHANNEL_COMMAND.format(command=escape(text.strip())), outcome=guide.REFUSE)
        # a question was classified as one already; only a mistyped command word is looked at again
        classified = command if command.kind is not Kind.TYPO else classify_question(norm, self.plan, self.vocab)
        # "waar staan we?": there is no procedure on the command line. What a role does ("wat wordt er van
        # mij verwacht?" from a wethouder) or how long a procedure takes, the guide answers in general.
        if classified.kind is Kind.PROCEDURE and classified.detail not in _GENERAL_INTENTS:
            return Answer(text, False, NO_CHANNEL_PROCEDURE, outcome=guide.REFUSE)
        small_talk = self.vocab.small_talk.reply(norm) if classified.kind is Kind.GUIDE else None
        if small_talk is not None:  # a greeting or thanks: answered, but nothing the guide covers
            return Answer(text, False, small_talk, outcome=guide.ANSWER)
        if classified.kind is Kind.BOT:
            body = bot_help.answer(classified.detail, norm, self.plan, self.vocab, None)
            return Answer(text, True, body, outcome=guide.ANSWER)
        # "In welke stap ...?" is left to the guide here: its search knows synonyms ("salaris" is about the
        # arbeidsvoorwaarden of stap 9), the step titles do not; in a channel the plan answers it with the
        # procedure's statuses.
        if classified.kind is Kind.STEPPLAN and classified.detail != "which":
            found = self._stepplan(classified.detail, norm, None)
            if found is not None:
                body, sections = found
                return Answer(text, True, body, sources=sections, outcome=guide.ANSWER)
        return None

    def respond(self, ctx: Context, classified: Classified, text: str) -> Reply:
        """The reply to a question of the classified kind, carrying its outcome."""
        norm = normalize(text)
        reply = ctx.requester_reply if ctx.incoming.is_command else ctx.channel_reply
        if classified.kind is Kind.BOT:
            body = bot_help.answer(classified.detail, norm, self.plan, self.vocab, ctx.state)
            return reply(body, outcome=guide.ANSWER)
        if classified.kind is Kind.PROCEDURE and classified.detail == "duration" and ctx.state is None:
            return self.guide_reply(ctx, text)  # "hoe lang duurt zo'n procedure?" outside a procedure channel
        if classified.kind is Kind.PROCEDURE:
            body = (
                procedure_questions.IN_DIRECT
                if ctx.incoming.is_direct
                else procedure_questions.answer(
                    classified.detail,
                    norm,
                    self.plan,
                    ctx.state,
                    ctx.user,
                    ctx.tz,
                    ctx.now,
                    self.vocab.stopwords,
                    _process_owners(ctx),
                    self._weak_words(classified.detail, norm),
                )
            )
            return reply(body, outcome=guide.ANSWER)
        if classified.kind is Kind.STEPPLAN:
            found = self._stepplan(classified.detail, norm, ctx.state)
            if found is not None:
                return reply(found[0], outcome=guide.ANSWER)
        small_talk = self.vocab.small_talk.reply(norm)
        if small_talk is not None:  # "hallo", "dank je wel": checked just before the guide would be searched
            return reply(small_talk, outcome=guide.ANSWER)
        return self.guide_reply(ctx, _VRAAG.sub("", text, count=1) or text)

    def _weak_words(self, intent: str, norm: str) -> frozenset[str]:
        """Words that hardly name a step: ordinals, and in "is er al een bureau gekozen?" the verb that asks
        whether it is done (the last word of the phrase that recognised the question)."""
        weak = self.vocab.grammar["ordinal"]
        phrase = self.vocab.procedure[intent].hit(norm) if intent == "topic_status" else None
        return weak | {phrase.split()[-1]} if phrase else weak

    def _stepplan(self, detail: str, norm: str, state: ProcedureState | None) -> tuple[str, tuple[str, ...]] | None:
        """The answer to a step-plan question from procedures/ (with this procedure's statuses when
        `state` is given), and the guide sections it rests on; None when the plan has no answer."""
        plan, sp = self.plan, stepplan_questions
        ref = sp.step_reference(norm, plan)
        topic: sp.Topic | None = None
        if detail == "overview":
            edge = sp.edge_step(norm, plan)  # "wat is de laatste stap?"
            body, topic = (sp.describe(plan, edge, state), edge) if edge is not None else (sp.overview(plan), None)
        elif detail == "flagged":
            body = sp.flagged(plan, state, norm)
        elif detail in ("after", "before"):
            topic = ref or sp.find_topic(
                norm, plan, self.vocab.stopwords, prefer_step=True, weak=self.vocab.grammar["ordinal"]
            )
            if topic is None:
                return None
            body = sp.answer_order(plan, topic, 1 if detail == "after" else -1)
        elif detail == "which":
            topic = sp.find_topic(norm, plan, self.vocab.stopwords, weak=self.vocab.grammar["ordinal"])
            if topic is None:
                return None
            body = sp.answer_which(plan, topic, state)
        elif ref is not None:
            topic = ref
            if self.vocab.stepplan["after"].hit(norm):
                body = sp.answer_order(plan, ref, 1)
            elif self.vocab.stepplan["before"].hit(norm):
                body = sp.answer_order(plan, ref, -1)
            else:
                body = sp.describe(plan, ref, state)
        else:
            return None
        whole_plan = tuple(dict.fromkeys(phase.section for phase in plan.phases))
        return body, (topic.section,) if topic is not None else whole_plan

    def guide_reply(self, ctx: Context, question: str) -> Reply:
        """The guide's answer, its 'Bedoel je …?' with choices, or its refusal; a slash command's only to its sender."""
        answer = ctx.answerer.answer(guide.own_municipality_as_ours(question, ctx.state))
        outcome = guide.outcome_of(answer)
        reply = ctx.requester_reply if ctx.incoming.is_command else ctx.channel_reply
        if outcome == guide.CLARIFY:
            return reply(guide.clarify_text(answer), actions=guide.clarify_actions(answer), outcome=outcome)
        text = answer.text
        if outcome == guide.ANSWER:
            extra = [
                guide.school_line(self.plan, ctx.state, answer, self.vocab.school_dependent),
                guide.position_line(self.plan, ctx.state, answer),
            ]
            text += "".join("\n" + line for line in extra if line)
        return reply(text, outcome=outcome)


def _process_owners(ctx: Context) -> tuple[str, ...]:
    """Who gives roles in this procedure: the process owner(s), for someone without a role."""
    if ctx.state is None:
        return ()
    if ctx.safeguards is not None:
        return process_owners(ctx, ctx.state)
    return ctx.state.holders("proceseigenaar") or (ctx.state.created_by,)
