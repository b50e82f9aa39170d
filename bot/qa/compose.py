"""The Dutch texts of the guide answers: a matched answer with its source line, and every kind of refusal.

No text here repeats what the user typed, so nothing a user wrote can ping people or break formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

MAX_REPLY_CHARS = 1200
GUIDE = "handreiking VGS"
SCOPE = "de werving en selectie van een gemeentesecretaris / algemeen directeur"
GENERAL_TOPICS = (
    "het profiel voor de nieuwe gemeentesecretaris",
    "werving en search",
    "de rol van de OR",
    "het stappenplan",
)

ENGLISH_NOTE = "(Je vraag was in het Engels; hier het antwoord in het Nederlands.)"
# A verdict that opens an answer to a yes/no question: "Ja.", "Nee,", "Meestal wel." and the like.
_VERDICT = re.compile(
    r"(?:Ja|Nee|Meestal (?:wel|niet)|Vaak (?:wel|niet)|Liever niet|In principe (?:wel|niet)|Niet per se|Zeker|"
    r"Dat (?:kan|mag)|Formeel (?:wel|niet)|Niet formeel)[.,:;]\s"
)

EMPTY = f"Ik heb geen vraag ontvangen. Stel een vraag over {SCOPE}, bijvoorbeeld: Wie benoemt de gemeentesecretaris?"
NO_WORDS = (
    "Ik zie geen woorden in je bericht, alleen leestekens, vermeldingen of andere tekens. Stel je vraag in "
    "gewone woorden, bijvoorbeeld: Wat is search?"
)
NO_TOPIC = (
    "Ik vind geen onderwerp in je vraag. Noem waar het over gaat, bijvoorbeeld het profiel, de "
    "selectiecommissie, referenties of het assessment."
)
OTHER_LANGUAGE = (
    "Ik begrijp alleen vragen in het Nederlands (en eenvoudige vragen in het Engels). Stel je vraag in "
    "het Nederlands, bijvoorbeeld: Wat is de rol van de OR?"
)


def too_long(length: int, limit: int) -> str:
    """The reply to a message longer than we read."""
    return (
        f"Je bericht is te lang ({_number(length)} tekens; ik lees er hooguit {_number(limit)}). Stel één korte "
        "vraag, bijvoorbeeld: Wat doet de adviescommissie?"
    )


def _number(n: int) -> str:
    """10000 -> '10.000', the Dutch way."""
    return f"{n:,}".replace(",", ".")


def source_line(sections: Sequence[str]) -> str:
    """'Bron: handreiking VGS, §1.2.2 Wettelijk kader' for the given section ids."""
    names = [f"§{s}" if s[:1].isdigit() else s for s in sections]
    return f"Bron: {GUIDE}, " + "; ".join(names)


def trailer(sections: Sequence[str], steps: Sequence[str]) -> str:
    """The one-line trailer of an answer: 'Bron: handreiking VGS, §1.2.2 Wettelijk kader · stap 10b'."""
    if not steps:
        return source_line(sections)
    return source_line(sections) + " · " + ("stap " if len(steps) == 1 else "stappen ") + ", ".join(steps)


def matched(
    answer: str, sections: Sequence[str], steps: Sequence[str], see_also: Sequence[str], *, english: bool = False
) -> str:
    """The answer, an optional 'Zie ook' line and the one-line trailer (source and step), within the
    limit; an English question gets a one-line note first that the answer is in Dutch."""
    if english:
        answer = ENGLISH_NOTE + "\n" + answer
    tail = trailer(sections, steps)
    see = "Zie ook: " + "; ".join(see_also) if see_also else ""
    text = "\n\n".join([answer, see, tail] if see else [answer, tail])
    if len(text) > MAX_REPLY_CHARS and see:
        text = "\n\n".join([answer, tail])
    if len(text) > MAX_REPLY_CHARS:
        room = MAX_REPLY_CHARS - len(tail) - 3
        cut = answer[:room]
        cut = cut[: cut.rfind(". ") + 1] if ". " in cut else cut.rstrip() + "…"
        text = "\n\n".join([cut, tail])
    return text


def clarify(labels: Sequence[str]) -> str:
    """The reply when the bot is unsure which topic is meant: the likeliest topics to choose from."""
    lines = "\n".join(f"{i}. {label}" for i, label in enumerate(labels, start=1))
    head = "Ik weet niet zeker wat je bedoelt. Bedoel je een van deze onderwerpen?"
    return f"{head}\n{lines}\nKies er een of stel je vraag anders."


def unsure(suggestions: Sequence[str]) -> str:
    """The reply when nothing fits well enough, without claiming the guide leaves the topic alone."""
    head = "Ik vind in de handreiking geen antwoord dat goed bij je vraag past. Probeer het anders te zeggen"
    if suggestions:
        return head + ". Verwante onderwerpen:\n" + "\n".join(f"• {s}" for s in suggestions)
    return head + ", bijvoorbeeld met de woorden die de handreiking gebruikt: profiel, selectiecommissie, search of OR."


def lead(answer: str, yes_no: Callable[[], bool]) -> str:
    """The answer as a member reads it: a verdict ("Ja.", "Nee.", "Meestal wel.") opens the answer only
    for a yes/no question (`yes_no` tells, asked only when the answer has a verdict); for any other
    question it is dropped and the rest starts the answer."""
    match = _VERDICT.match(answer)
    if match is None or yes_no():
        return answer
    rest = answer[match.end() :].lstrip()
    return rest[:1].upper() + rest[1:] if rest else answer


def not_covered(suggestions: Sequence[str]) -> str:
    """The reply when the guide does not cover a question, pointing at nearby (or general) topics."""
    head = f"Daar gaat de handreiking niet over. Ik beantwoord vragen over {SCOPE}."
    if suggestions:
        return head + "\nMisschien heb je hier iets aan:\n" + "\n".join(f"• {s}" for s in suggestions)
    return head + " Vraag me bijvoorbeeld naar " + _listing(GENERAL_TOPICS) + "."


def foreign_office(office: str) -> str:
    """The reply to a question about appointing someone other than the gemeentesecretaris."""
    return (
        f"De handreiking gaat alleen over {SCOPE}, niet over de benoeming of werving van een {office}. "
        "Vraag me bijvoorbeeld naar " + _listing(GENERAL_TOPICS) + "."
    )


def _listing(parts: Sequence[str]) -> str:
    return ", ".join(parts[:-1]) + " of " + parts[-1] if len(parts) > 1 else "".join(parts)
