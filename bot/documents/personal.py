"""Spots candidate data and personal data in an answer, so the exchange can refuse it before storing.

Deliberately cautious: e-mail addresses, phone numbers, CVs and letters, birth dates and BSNs, and
names that are obviously a person's (a title or a common first name before a capitalised word, or
"kandidaat X"). It cannot know every name; the reply tells people to use functions, not names.
"""

from __future__ import annotations

import re

_TUSSENVOEGSEL = r"(?:(?:van der|van den|van de|in 't|op de|van|de|der|den|ter|ten)\s+)?"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w-])(\+31|0031|0)[\s-]?(6|[1-9]\d{1,2})([\s-]?\d){6,8}(?!\d)")
_BSN = re.compile(r"\b(bsn|burgerservicenummer)\b", re.IGNORECASE)
_CV = re.compile(
    r"\b(cv|cv's|c\.v\.|curriculum vitae|sollicitatiebrief|motivatiebrief|geboortedatum|geboren op)\b", re.IGNORECASE
)
_TITLE_NAME = re.compile(
    r"\b(?i:dhr|mevr|mw|de heer|mevrouw|meneer|drs|ir|dr|mr|prof)\.?\s+([A-Z]\.\s*)*"
    + _TUSSENVOEGSEL
    + r"[A-Z][a-z'-]+"
)
_CANDIDATE_NAME = re.compile(r"\b(?i:kandidaat|kandidate|sollicitant|sollicitante)\s+[A-Z][a-z'-]+")
_FIRST_NAMES = [
    "jan",
    "piet",
    "kees",
    "henk",
    "gerrit",
    "johan",
    "peter",
    "paul",
    "mark",
    "erik",
    "frank",
    "hans",
    "willem",
    "bert",
    "rob",
    "bas",
    "tim",
    "tom",
    "thomas",
    "sander",
    "jeroen",
    "martijn",
    "dennis",
    "marco",
    "michel",
    "richard",
    "ruud",
    "wim",
    "koen",
    "joost",
    "arjen",
    "marcel",
    "jasper",
    "daan",
    "lars",
    "anna",
    "maria",
    "marieke",
    "linda",
    "sandra",
    "petra",
    "monique",
    "anouk",
    "eva",
    "lisa",
    "sanne",
    "femke",
    "ingrid",
    "esther",
    "karin",
    "mirjam",
    "annemarie",
    "marloes",
    "inge",
    "ellen",
    "judith",
    "ilse",
    "saskia",
    "wendy",
    "yvonne",
    "sophie",
    "emma",
    "julia",
    "fleur",
    "lotte",
    "astrid",
]
_FIRST_NAME = re.compile(
    r"\b(" + "|".join(n.capitalize() for n in _FIRST_NAMES) + r")\s+" + _TUSSENVOEGSEL + r"[A-Z][a-z'-]+"
)


def personal_data_problem(text: str) -> str | None:
    """A Dutch description of the personal data found in `text`, or None when it looks clean."""
    if _EMAIL.search(text):
        return "een e-mailadres"
    if _PHONE.search(text):
        return "een telefoonnummer"
    if _BSN.search(text):
        return "een burgerservicenummer"
    match = _CV.search(text)
    if match:
        return f"iets uit een cv of sollicitatie ('{match.group(0)}')"
    if _CANDIDATE_NAME.search(text):
        return "de naam van een kandidaat"
    if _TITLE_NAME.search(text) or _FIRST_NAME.search(text):
        return "de naam van een persoon"
    return None
