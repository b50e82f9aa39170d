"""Cheap checks on what a question is about before searching: its language, and whose appointment it asks about."""

from __future__ import annotations

import re

from bot.qa.normalize import Lexicon
from bot.qa.wordlists import DUTCH_MARKERS, ENGLISH_MARKERS, OTHER_MARKERS, STOPWORDS, words

# Words that may stand between an appointing word and its office: "benoemt de burgemeester", "werf ik een
# nieuwe griffier", "profiel voor een wethouder". Anything else breaks the link ("rol van de burgemeester
# bij de benoeming" is about the secretary's appointment).
_BETWEEN = words(
    "de het een nieuw nieuwe ik we wij je jij jullie u men ons onze op van voor ander andere eigenlijk dan nu "
    "straks eigenlijk precies wordt worden werd zo'n zo hoort horen past passen bij geschikt"
)
_WINDOW = 5  # tokens between an appointing word and the office it applies to
FOCUS_MIN_WORDS = 14  # a message shorter than this is one question, whatever its punctuation
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


_DEFINITION_OPENERS = frozenset(
    {
        ("wat", "doet"),
        ("wat", "doen"),
        ("wie", "is"),
        ("wat", "betekent"),
        ("wat", "betekenen"),
        ("wat", "is"),
        ("wat", "zijn"),
        ("wat", "houdt"),
        ("wat", "bedoelen"),
        ("wat", "verstaan"),
        ("wat", "wordt"),
        ("waar", "staat"),
        ("waar", "staan"),
        ("betekenis", "van"),
        ("definitie", "van"),
        ("uitleg", "over"),
        ("what", "is"),
        ("what", "are"),
        ("what", "does"),
    }
)


def asks_definition(folded_words: list[str]) -> bool:
    """True for "Wat betekent Wor?", "Wat is een kroonprins?", "Waar staat P&O voor?" and a bare term."""
    return len(folded_words) <= 2 or tuple(folded_words[:2]) in _DEFINITION_OPENERS


def split_focus(text: str) -> tuple[str, str]:
    """The question of a long message and the context around it: (focus, context).

    "We zijn een gemeente van 30.000 inwoners ... Met wie moeten we praten?" asks the last sentence; the
    rest tells why. The focus is every sentence that ends with a question mark (the last sentence when
    none does); a short message is all focus.
    """
    if len(text.split()) < FOCUS_MIN_WORDS:
        return text, ""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return text, ""
    asked = [i for i, s in enumerate(sentences) if s.rstrip().endswith("?")] or [len(sentences) - 1]
    focus = " ".join(sentences[i] for i in asked)
    context = " ".join(s for i, s in enumerate(sentences) if i not in asked)
    return focus, context


# Words that open a yes/no question in Dutch or English ("Mag ik ...?", "Is het slim ...?", "Can we ...?").
_YES_NO_OPENERS = words(
    "mag mogen moet moeten kan kunnen kun kunt is zijn heeft hebben hebt heb wordt worden zal zullen zou zouden "
    "klopt maakt doet doen gaat gaan valt telt geldt hoort hoeft hoeven wil willen blijft "
    "can could may must should is are does do did will would has have"
)


def is_yes_no(question: str) -> bool:
    """True when the question (its last sentence with a question mark, in a long message) opens with a
    verb: "Mag ik de cv's hier delen?", "Is het slim om ...?"; not for "Wie ...?", "Hoe ...?"."""
    focus, _ = split_focus(question)
    asked = focus.split("?")[0] if "?" in focus else focus
    words_ = asked.strip().split()
    for w in words_[:2]:  # "En mag ...", "Maar is ..."
        w = w.lower().strip(",:;")
        if w in _YES_NO_OPENERS:
            return True
        if w not in ("en", "maar", "dus", "ok", "oke", "and", "but", "so"):
            return False
    return False


_STEP_WORDS = words("stap stappen fase")
_NEXT_WORDS = words("komt volgt volgende daarna gebeurt doen")


def asks_next_step(folded_words: list[str]) -> bool:
    """True for "Welke stap komt na de gespreksrondes?", "Wat gebeurt er in de stap na het assessment?":
    a question about the step that follows something."""
    present = set(folded_words)
    return "na" in present and bool(present & _STEP_WORDS) and bool(present & _NEXT_WORDS)


_REQUEST_OPENERS = frozenset(
    {("kun", "je"), ("kan", "je"), ("kunt", "je"), ("kunt", "u"), ("wil", "je"), ("zou", "je")}
)
_ERRANDS = words(
    "sturen stuur doorsturen opsturen versturen mailen mail doormailen boeken boek reserveren reserveer printen "
    "print uitprinten bestellen bestel opzoeken zoek bellen bel"
)


def asks_errand(folded_words: list[str]) -> bool:
    """True for a request to do something for the asker ("Kun je de notulen sturen?", "Wil je een zaal
    reserveren?"): an errand, not a question about the guide."""
    return tuple(folded_words[:2]) in _REQUEST_OPENERS and not _ERRANDS.isdisjoint(folded_words)


_BACK_REFERENCES = words("dat dit daar zulke zo'n zo")
BACK_REFERENCE_WORDS = 7  # a question this short that says "dat" or "zo'n" is about the sentences before it


def points_back(focus: str) -> bool:
    """True for a short question that refers back to its context: "Hoe kunnen we dat garanderen?",
    "Is zo'n aanpak gebruikelijk?"; not for "Wat doet de adviescommissie?"."""
    said = focus.lower().replace("?", " ").split()
    return len(said) <= BACK_REFERENCE_WORDS and not _BACK_REFERENCES.isdisjoint(said)


def language(folded_words: list[str]) -> str:
    """'nl', 'en' or 'other', by counting function words; Dutch wins ties (and short questions)."""
    nl = len(DUTCH_MARKERS.intersection(folded_words))
    en = len(ENGLISH_MARKERS.intersection(folded_words))
    other = len(OTHER_MARKERS.intersection(folded_words))
    if nl >= en and nl >= other:
        return "nl"
    return "en" if en >= other else "other"


_NEW = frozenset({"nieuw", "nieuwe"})
_TRAIT_REACH = 5  # words between a trait ("competenties", "wonen") and the office it is asked of


_SUBJECTS = frozenset({"ik", "je", "jij", "u", "we", "wij", "jullie", "ze", "zij", "hij", "men"})


def counted_word(folded_words: list[str]) -> str:
    """The word a quantity question asks the number of ("Hoeveel ambtenaren werken er?": ambtenaren), "lang"
    for "Hoe lang ...?", or ""."""
    for i, word in enumerate(folded_words):
        if word == "lang" and i and folded_words[i - 1] == "hoe":
            return word
        if word == "hoeveel":
            if i + 2 < len(folded_words) and folded_words[i + 2] in _SUBJECTS:
                return ""  # "Hoeveel nodigen we uit?": a verb follows, the thing counted goes unsaid
            following = [w for w in folded_words[i + 1 : i + 4] if w not in STOPWORDS and w.isalpha()]
            return following[0] if following else ""
    return ""


def outside_topic(stems: list[str], lexicon: Lexicon) -> bool:
    """True when the question names a subject the guide leaves alone (glossary outside_topics): what the
    secretary earns, elections, becoming a member of the OR; the words may well occur in the guide.

    A word of the procedure itself (glossary procedure_words: toelage, inschaling) keeps the question
    inside: "Kunnen we een toelage geven als de kandidaat nu meer verdient?" is about the offer (stap 9).
    """
    present = frozenset(stems)
    if present.isdisjoint(lexicon.outside_starts):
        return False
    for phrase in lexicon.outside:
        if phrase[0] not in present:
            continue
        size = len(phrase)
        if any(tuple(stems[i : i + size]) == phrase for i in range(len(stems) - size + 1)):
            return lexicon.procedure.isdisjoint(present)
    return False


def foreign_office(tokens: list[str], lexicon: Lexicon) -> str | None:
    """The office a question asks to appoint, pay or dismiss when that is not the gemeentesecretaris, else None.

    "Wie benoemt de burgemeester?" or "Hoe werven we een griffier?" ask about an appointment the guide
    does not cover, even though every word in them occurs in the guide.
    """
    offices = lexicon.offices
    if not offices or any(t in lexicon.own_office for t in tokens):
        return None
    appointing = lexicon.appointment
    for i, token in enumerate(tokens):  # "Welke competenties heeft een goede wethouder nodig?"
        if token in lexicon.traits:
            near = tokens[max(0, i - _TRAIT_REACH) : i + _TRAIT_REACH + 1]
            named = next((offices[t] for t in near if t in offices), None)
            if named is not None:
                return named
    if not any(t in appointing for t in tokens):
        return None  # an office merely named ("een afdelingshoofd wil solliciteren") may be a candidate
    for before, token in zip(tokens, tokens[1:], strict=False):  # "een nieuwe afdelingsmanager ... werven"
        if token in offices and before in _NEW:
            return offices[token]
    for token in tokens:  # a job the guide never speaks of: "vacaturetekst voor een beleidsmedewerker"
        if token in offices and token not in lexicon.idf:
            return offices[token]
    for i, token in enumerate(tokens):
        if token not in appointing:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + _WINDOW)):  # "benoemt de burgemeester"
            follower = tokens[j]
            if follower in offices:
                return offices[follower]
            if follower not in _BETWEEN:
                break
        for j in range(i - 1, max(-1, i - 1 - _WINDOW), -1):  # "een griffier werven", "wordt de griffier benoemd"
            if tokens[j] in offices:
                return offices[tokens[j]]
            if tokens[j] not in _BETWEEN:
                break
    return None
