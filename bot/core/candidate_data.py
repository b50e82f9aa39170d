"""The candidate-data check: a note that identifies a candidate is refused before anything is stored or posted.

It looks for personal names (Dutch first names and surnames from the lists in CandidateLists, titles such
as "mevrouw", initials), e-mail addresses, phone numbers and mentions of a candidate's documents (cv,
letter, attachment). It errs on the side of refusing: a refused note can be rephrased, a stored name
cannot be unsaid.
"""

from __future__ import annotations

import re

from bot.content.candidate_lists import CandidateLists

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(r"(?<![\w\d])(?:\+|00)?\d(?:[\s\-./()]*\d){8,}(?![\w\d])")
_DATE_LIKE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$")
_TITLE = re.compile(
    r"\b(?:dhr|mevr|mw|mej|drs|dr|ir|mr|prof|ing)\.?\s+[A-Z]"
    r"|\b(?:de heer|mevrouw|meneer|kandidaat|kandidate)\s+[A-Z][a-z]",
)
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){1,4}\s*(?:[a-z]+\s+){0,2}[A-Z][a-z]{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")

FILE_SHARED_NOTICE = (
    "Je deelde een bestand in het kanaal van deze wervingsprocedure. Bewaar cv's, brieven en andere stukken "
    "van kandidaten in het HR-systeem van de gemeente, niet in dit kanaal; verwijder het bestand hier als het "
    "van een kandidaat is. Ik heb er niets van bewaard."
)

REASONS = {
    "email": "een e-mailadres",
    "phone": "een telefoonnummer",
    "document": "een verwijzing naar stukken van een kandidaat (cv, brief of bijlage)",
    "name": "een persoonsnaam",
}


def candidate_data_kinds(text: str, lists: CandidateLists) -> tuple[str, ...]:
    """What in the text identifies a candidate, in the order name, email, phone, document; empty when nothing."""
    found = []
    if _TITLE.search(text) or _INITIALS.search(text) or _has_name(text, lists):
        found.append("name")
    if _EMAIL.search(text):
        found.append("email")
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if not _DATE_LIKE.match(match.group(0).strip()) and 9 <= len(digits) <= 15:
            found.append("phone")
            break
    lowered = text.lower()
    if any(re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", lowered) for word in lists.document_words):
        found.append("document")
    return tuple(found)


def _has_name(text: str, lists: CandidateLists) -> bool:
    """A capitalised first name, or a capitalised surname after a first name, an interfix or mid-sentence."""
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    for index, (word, start) in enumerate(words):
        if not word[0].isupper() or word.isupper() or word.lower() in lists.ordinary_words:
            continue
        if word in lists.first_names:
            return True
        if word in lists.surnames:
            previous = words[index - 1][0] if index else ""
            two_back = " ".join(w for w, _ in words[max(0, index - 2) : index]).lower()
            after_interfix = previous.lower() in lists.interfixes or two_back in lists.interfixes
            sentence_start = index == 0 or bool(_SENTENCE_END.search(text[:start]))
            if after_interfix or not sentence_start:
                return True
    return False


def refusal_text(kinds: tuple[str, ...], what: str) -> str:
    """The private Dutch refusal: what was found, what the bot never stores, what to do instead."""
    named = [REASONS[k] for k in kinds]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " en " + named[-1]
    return (
        f"Je {what} lijkt {listed} te bevatten. Ik bewaar geen gegevens waarmee een kandidaat te "
        "herkennen is (namen, e-mailadressen, telefoonnummers, cv's, brieven of bijlagen); er is niets "
        "opgeslagen of in het kanaal gezet. Houd die gegevens in het HR-systeem en schrijf hier alleen wat er "
        "in het proces gebeurde, bijvoorbeeld `klaar 5a twee kandidaten gaan door naar de eerste ronde`."
    )
