"""Confirmations: a command that needs one changes nothing yet, says what will happen and how to confirm.

A handler calls `ask_unless_confirmed` with the checks that apply (a key and a Dutch sentence each). Keys
already confirmed pass; otherwise it raises `ConfirmationRequired`, the bot rolls the command back, stores
it as pending for that person in that channel and offers a button (`bevestig`). `bevestig` within
`CONFIRM_WINDOW` runs the stored command again with those keys confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.messages import Action

CONFIRM_WINDOW = timedelta(minutes=10)
CONFIRM_ACTIONS = (Action("Bevestigen", "bevestig", primary=True), Action("Annuleren", "annuleer"))


@dataclass(frozen=True)
class PendingConfirmation:
    """A command waiting for `bevestig`: its text, the checks it asked about and when it asked."""

    command: str
    keys: frozenset[str]
    created_at: datetime

    def expired(self, now: datetime) -> bool:
        """True when more than CONFIRM_WINDOW passed since the question."""
        return now - self.created_at > CONFIRM_WINDOW


class ConfirmationRequired(Exception):
    """The command needs confirmation; `message` says what will happen, `keys` name the checks asked."""

    def __init__(self, message: str, keys: frozenset[str]) -> None:
        super().__init__(message)
        self.message = message
        self.keys = keys


def ask_unless_confirmed(confirmed: frozenset[str], checks: list[tuple[str, str]]) -> None:
    """Raise ConfirmationRequired for the checks whose key is not yet confirmed (all asked in one question)."""
    open_checks = [(key, text) for key, text in checks if key not in confirmed]
    if not open_checks:
        return
    message = "\n".join(text for _, text in open_checks)
    raise ConfirmationRequired(message, confirmed | frozenset(key for key, _ in open_checks))


def confirmation_text(message: str) -> str:
    """The question with how to confirm: a button, or typing `bevestig` within the window."""
    minutes = int(CONFIRM_WINDOW.total_seconds() // 60)
    return (
        f"{message}\nEr is nog niets veranderd. Bevestig met de knop of typ `bevestig` binnen {minutes} minuten; "
        "`annuleer` laat het zo."
    )
