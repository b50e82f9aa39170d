"""Cheap checks on what a question is about before searching: its language, and whose appointment it asks about."""

from __future__ import annotations

from bot.qa.normalize import STOPWORDS, Lexicon

# Function words that occur in one language only (folded). Shared words (is, in, die, wie) are left out.
_DUTCH = frozenset(
    "de het een wat hoe wie welke waarom wanneer waar van en op moet moeten kan kunnen bij voor niet er "
    "zijn met dat we ik je jullie mag wordt worden heeft hebben ons onze".split()
)
_ENGLISH = frozenset(
    "the what how who which why when does do are of and for with should could would can about an to be "
    "our my your this there their from has have".split()
)
_OTHER = frozenset(  # German and French
    "der das ist und nicht ich wir sie ein eine einen wer welche warum wann fur mit auf sind muss wird "
    "le la les est que qui comment et pas nous une des du pour avec quoi pourquoi quand sont dans au ce".split()
)
_BODIES = frozenset({"raad", "college", "gemeenteraad"})  # may stand between a verb and its object
_WINDOW = 4  # tokens between an appointing word and the office it applies to


def language(folded_words: list[str]) -> str:
    """'nl', 'en' or 'other', by counting function words; Dutch wins ties (and short questions)."""
    nl = sum(w in _DUTCH for w in folded_words)
    en = sum(w in _ENGLISH for w in folded_words)
    other = sum(w in _OTHER for w in folded_words)
    if nl >= en and nl >= other:
        return "nl"
    return "en" if en >= other else "other"


def foreign_office(tokens: list[str], lexicon: Lexicon) -> str | None:
    """The office a question asks to appoint or dismiss when that is not the gemeentesecretaris, else None.

    "Wie benoemt de burgemeester?" or "Hoe werven we een griffier?" ask about an appointment the guide
    does not cover, even though every word in them occurs in the guide.
    """
    offices = lexicon.offices
    if not offices or any(t in lexicon.own_office for t in tokens):
        return None
    appointing = lexicon.appointment
    for i, token in enumerate(tokens):
        if token not in appointing:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + _WINDOW)):  # "benoemt de burgemeester"
            follower = tokens[j]
            if follower in offices:
                return offices[follower]
            if follower not in STOPWORDS and follower not in _BODIES:
                break
        if i > 0 and tokens[i - 1] in offices:  # "een griffier werven"
            return offices[tokens[i - 1]]
    return None
