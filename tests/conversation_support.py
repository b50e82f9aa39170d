"""Shared set-up for the conversation transcripts: the fixed procedure of the evaluation sets."""

from __future__ import annotations

from benchmarks.score_conversation import SETUP as EVALUATION_SETUP
from bot.adapters.console import ConsoleSession
from bot.bootstrap import Application
from bot.core.messages import Answer
from bot.core.state import Status

SETUP = EVALUATION_SETUP  # one definition: the scorer's fixed setup of the evaluation sets


def set_up(chat: ConsoleSession) -> None:
    """Zaanstad, school zuiver, 1a-3a done (3b next); jan manager P&O, els mayor, piet OR, karin P&O holder."""
    for user, line in SETUP:  # each line typed by the member who may give it
        ConsoleSession(chat.app, channel=chat.channel, user=user).say(line)


def statuses(app: Application, channel: str) -> dict[str, Status]:
    """The recorded status of every sub-step in the channel's procedure."""
    state = app.store.procedure(channel)
    assert state is not None
    return {s.id: state.record(s.id).status for s in app.plan.substeps()}


def say(chat: ConsoleSession, line: str) -> str:
    """What the console prints for one line, as one text."""
    return "\n".join(chat.say(line))


def outcomes(chat: ConsoleSession) -> list[str | None]:
    """The outcomes of the replies to the last line."""
    return [r.outcome for r in chat.last_replies]


class TopicAnswerer:
    """A stand-in for the guide (a port, not the bot's own code): one covered topic, a few near ones."""

    NEAR = ("De rol van de OR", "Interne kandidaten", "Het profiel")

    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(self, question: str) -> Answer:
        self.questions.append(question)
        low = question.lower()
        if "benoemt" in low or "topic" in low:
            return Answer(question, True, "Het college benoemt de secretaris.", ("1.2.2 Wettelijk kader",), ("10b",))
        if "formeel advies" in low or "de rol van de or" in low:
            text = "De OR geeft formeel advies over de eindkandidaat (Wor art. 30)."
            return Answer(question, True, text, ("1.2.2 Wettelijk kader",), ("7d",))
        if "profiel" in low or "commissie samen" in low:
            step = "1b" if "profiel" in low else "3b"
            return Answer(question, True, "Zo pak je dat aan.", ("1.2.2 Inrichting selectieproces",), (step,))
        if "kandida" in low or "procedure" in low:
            return Answer(question, False, "Bedoel je een van deze?", suggestions=self.NEAR, outcome="clarify")
        return Answer(question, False, "Daar gaat de handreiking niet over.")


def as_user(app: Application, user: str) -> ConsoleSession:
    """Another member typing in the same channel (C1)."""
    return ConsoleSession(app, channel="C1", user=user)
