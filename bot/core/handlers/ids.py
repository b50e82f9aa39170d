"""The sub-step id a command acts on, read from its arguments: one id, then the note or reason.

Several ids in a row (`klaar 4c, 4b`, `nvt 2a en 2b gedaan`) are refused with the commands to type one
by one, so no id is silently dropped into a note and nothing changes.
"""

from __future__ import annotations

import re

from bot.core.context import CommandError
from bot.core.text import escape, shorten

_ID = r"\d{1,2}[a-z]"
_FIRST = re.compile(r"^\s*([^\s,.:;/&+]+)")
# Another id right after the previous one, separated by a comma, slash, '&', '+', 'en' or only spaces.
# With only spaces between, the id must end the text or precede another one: 'klaar 6b 2e ronde' is a note.
_SEP = r"(?:[,/&+]|en(?![\w-]))"
_MORE = re.compile(rf"^\s*(?:{_SEP}\s*({_ID})(?![\w-])|({_ID})(?=\s*(?:$|{_SEP}|{_ID}(?![\w-]))))", re.IGNORECASE)
_PLACEHOLDER = {"klaar": "", "nvt": " <reden>", "heropen": ""}


def one_substep(command: str, args: str) -> tuple[str, str]:
    """The id as typed and the rest of the arguments (note, reason); CommandError when several ids follow."""
    first = _FIRST.match(args)
    if first is None:
        return "", ""
    raw, rest = first.group(1), args[first.end() :]
    if re.fullmatch(rf"{_ID}[!?]+", raw, re.IGNORECASE):  # 'klaar 3b!'
        raw = raw.rstrip("!?")
    ids = [raw]
    if re.fullmatch(_ID, raw, re.IGNORECASE) is None:
        return raw, rest.strip().lstrip(",.:;-!?").strip()
    while (more := _MORE.match(rest)) is not None:
        ids.append(more.group(1) or more.group(2))
        rest = rest[more.end() :]
    rest = rest.strip().lstrip(",.:;-!?").strip()
    if len(ids) == 1:
        return raw, rest
    raise CommandError(several_ids_text(command, [i.lower() for i in ids], rest))


def several_ids_text(command: str, ids: list[str], rest: str) -> str:
    """The Dutch refusal of several ids in one command, with the commands to type one at a time."""
    named = ", ".join(ids[:-1]) + f" en {ids[-1]}"
    tail = f" {escape(shorten(rest, 60))}" if rest else _PLACEHOLDER.get(command, "")
    typed = ", ".join(f"`{command} {escape(shorten(i, 10))}{tail}`" for i in ids)
    return (
        f"Je noemt meer dan één substap ({escape(shorten(named, 80))}). Ik verwerk er één per keer, zodat elke "
        f"substap zijn eigen regel in het logboek krijgt; er is niets veranderd. Typ ze een voor een: {typed}."
    )
