"""Test doubles shared by the test modules: a hand-moved clock and a small fake answerer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.core.messages import Answer


@dataclass
class FakeClock:
    """A clock the test moves by hand."""

    now: datetime = field(default_factory=lambda: datetime(2027, 1, 11, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class FakeAnswerer:
    """Answers 'wie benoemt' questions from a fixed item; everything else is not covered."""

    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(self, question: str) -> Answer:
        self.questions.append(question)
        if "benoemt" in question.lower():
            return Answer(
                question,
                True,
                "Het college benoemt de secretaris (Gemeentewet art. 102).\nBron: §1.2.2 Wettelijk kader",
                ("1.2.2 Wettelijk kader",),
                ("10b",),
                "wie-benoemt",
            )
        return Answer(question, False, "Dat staat niet in de handreiking.")
