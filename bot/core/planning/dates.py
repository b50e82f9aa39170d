"""Dates as people write them in Dutch: `15 maart 2027`, `15-3`, `morgen`, `volgende week dinsdag`, `15 mrt 10:00`.

Pure: the moment `now` and the time zone are passed in. Text forms go to dateparser (Dutch, day-month
order, future preferred, relative to `now`), imported lazily because it takes tens of milliseconds to
load. A small pre-normalisation handles what dateparser gets wrong or does not know:

- numeric forms (`15-3`, `15-03-27`, `15/03/2027`, `2027-03-15`) are read strictly as day-month-year;
  dateparser would silently read `12-13-2027` as 13 December;
- `volgende week dinsdag` and `volgende dinsdag` (dateparser returns nothing);
- a time of day at the end (`10:00`, `10.30`, `om 10 uur`) is split off first, so `morgen` never picks
  up the current time;
- ordinal days (`15e maart`), `a.s.`, `over een week`;
- digits other than 0-9 (`²`, `٣`) are refused, where dateparser would read `²` as the 2nd.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.text import escape, shorten

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_WEEKDAY_SHORT = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}

EXAMPLES = "15-03-2027, 15 maart, 15 mrt 10:00, morgen of volgende week dinsdag"

_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME_AT_END = re.compile(r"^(?P<rest>.*\S)\s+(?:om\s+)?(?P<h>\d{1,2})(?:[:.u](?P<m>\d{2}))?(?:\s*uur)?$")
_NEXT_WEEK_DAY = re.compile(r"^(?:volgende|komende)\s+week\s+(?:op\s+)?(\w+)$")
_NEXT_DAY = re.compile(r"^(?:volgende|komende|aanstaande)\s+(\w+)$")
_VAGUE = re.compile(
    r"^(?:(?:volgende|komende|deze)\s+(?:week|maand)|volgend\s+jaar|dit\s+jaar|(?:begin|eind|half|medio)\s+\w+)$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_TIME_ONLY = re.compile(r"^(?:om\s+)?\d{1,2}(?:[:u]\d{2}(?:\s*uur)?|\s*uur)$")


class DateError(ValueError):
    """A date that cannot be used; `message` is the Dutch reply (what was understood, what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class When:
    """A planned moment: a day, and optionally a time of day."""

    day: date
    at: time | None = None

    def label(self) -> str:
        """Dutch, e.g. 'maandag 15 maart 2027 om 10:00'."""
        text = day_label(self.day)
        return f"{text} om {self.at.strftime('%H:%M')}" if self.at else text


def day_label(day: date) -> str:
    """A date the Dutch way, with its weekday: 'maandag 15 maart 2027'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_label(day: date) -> str:
    """A compact Dutch date for lists: 'ma 15-03-2027'."""
    return f"{WEEKDAYS[day.weekday()][:2]} {day.strftime('%d-%m-%Y')}"


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> When:
    """Read a date (and optional time) as a Dutch speaker writes it; raise DateError with a Dutch reply."""
    shown = escape(shorten(text.strip(), 40))
    _refuse_odd_digits(text, shown)
    cleaned = _normalise(text)
    if not cleaned:
        raise DateError(f"Noem een datum, bijvoorbeeld {EXAMPLES}.")
    local_now = now.astimezone(tz)
    today = local_now.date()
    if _TIME_ONLY.match(cleaned):
        raise DateError(f"In '{shown}' staat alleen een tijd. Welke dag bedoel je? Schrijf bijvoorbeeld {EXAMPLES}.")
    rest, at = _split_time(cleaned, shown)
    day = _strict_numeric(rest, today, shown)
    if day is None:
        day = _next_weekday_forms(rest, today)
    if day is None:
        day = _with_dateparser(rest, local_now.replace(tzinfo=None), shown)
    _check_named_weekday(rest, day, shown)
    return When(day, at)


def _check_named_weekday(text: str, day: date, shown: str) -> None:
    """`dinsdag 15 maart 2027` while 15 March 2027 is a Monday: ambiguous, so ask instead of guessing."""
    if not re.search(r"\d", text):
        return
    named = [i for w in re.findall(r"\w+", text) if (i := _weekday_index(w)) is not None]
    if named and named[0] != day.weekday():
        raise DateError(
            f"'{shown}' klopt niet: {day.day} {MONTHS[day.month - 1]} {day.year} is een "
            f"{WEEKDAYS[day.weekday()]}, geen {WEEKDAYS[named[0]]}. Welke van de twee bedoel je? "
            "Schrijf de datum zonder weekdag, bijvoorbeeld 15-03-2027."
        )


def _refuse_odd_digits(text: str, shown: str) -> None:
    odd = sorted({ch for ch in text if ch.isnumeric() and ch not in "0123456789"})
    if odd:
        names = ", ".join(f"'{ch}' ({unicodedata.name(ch, 'onbekend teken').lower()})" for ch in odd[:3])
        raise DateError(
            f"In '{shown}' staat een teken dat op een cijfer lijkt maar geen gewoon cijfer is: {names}. "
            f"Schrijf de datum met de cijfers 0 tot en met 9, bijvoorbeeld {EXAMPLES}."
        )


def _normalise(text: str) -> str:
    text = " ".join(text.lower().replace(",", " ").split())
    text = re.sub(r"\ba\.s\.?(?=\s|$)", "", text)  # "15 maart a.s."
    text = re.sub(r"\bde\s+(?=\d)", "", text)  # "vrijdag de 13e"
    text = re.sub(r"^(?:op|per)\s+", "", text)
    text = re.sub(r"\b(\d{1,2})(?:e|ste|de)\b", r"\1", text)  # "15e maart"
    text = re.sub(r"\bover\s+een\s+", "over 1 ", text)
    return text.rstrip(".").strip()


def _split_time(text: str, shown: str) -> tuple[str, time | None]:
    match = _TIME_AT_END.match(text)
    if not match or (match.group("m") is None and not re.search(r"(?:om\s+\d{1,2}|uur)$", text)):
        return text, None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if hour > 23 or minute > 59:
        raise DateError(f"In '{shown}' is {hour}:{minute:02d} geen geldige tijd. Schrijf de tijd als 10:00 of 14.30.")
    return match.group("rest"), time(hour, minute)


def _strict_numeric(text: str, today: date, shown: str) -> date | None:
    """Numeric forms, always day-month-year (or ISO year-month-day); None when the text is not numeric."""
    if _BARE_NUMBER.match(text):
        raise DateError(
            f"Alleen '{shown}' is niet genoeg: welke dag en maand bedoel je? Schrijf bijvoorbeeld {EXAMPLES}."
        )
    iso = _ISO.match(text)
    year: int | None
    if iso:
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    elif match := _NUMERIC.match(text):
        day, month = int(match.group(1)), int(match.group(2))
        raw_year = match.group(3)
        year = (2000 + int(raw_year) if len(raw_year) == 2 else int(raw_year)) if raw_year else None
    else:
        return None
    if not 1 <= month <= 12:
        swapped = f"{month:02d}-{day:02d}" + (f"-{year}" if year else "")
        hint = f" Bedoel je {swapped}?" if 1 <= day <= 12 else ""
        raise DateError(
            f"In '{shown}' zou de maand {month} zijn, en die bestaat niet: ik lees datums als dag-maand-jaar."
            f"{hint} Schrijf bijvoorbeeld 15-03-2027."
        )
    if year is None:
        year = today.year
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate < today:
            year += 1
    result = _safe_date(year, month, day)
    if result is None:
        raise DateError(
            f"'{shown}' is geen geldige datum: {MONTHS[month - 1]} {year} heeft geen {day}e dag. Kies een andere dag."
        )
    return result


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_index(word: str) -> int | None:
    if word in WEEKDAYS:
        return WEEKDAYS.index(word)
    return _WEEKDAY_SHORT.get(word)


def _next_weekday_forms(text: str, today: date) -> date | None:
    """`volgende week dinsdag` (that weekday in next week) and `volgende dinsdag` (the first one after today)."""
    if match := _NEXT_WEEK_DAY.match(text):
        index = _weekday_index(match.group(1))
        if index is not None:
            next_monday = today + timedelta(days=7 - today.weekday())
            return next_monday + timedelta(days=index)
    if match := _NEXT_DAY.match(text):
        index = _weekday_index(match.group(1))
        if index is not None:
            ahead = (index - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    return None


def _is_month(word: str) -> bool:
    return len(word) >= 3 and any(month.startswith(word.rstrip(".")) for month in MONTHS)


def _with_dateparser(text: str, local_now: datetime, shown: str) -> date:
    words = text.split()
    month_or_year = all(_is_month(w) or re.fullmatch(r"\d{4}", w) for w in words)
    if _VAGUE.match(text) or month_or_year:
        raise DateError(
            f"'{shown}' is niet precies genoeg: welke dag bedoel je? Noem een dag, bijvoorbeeld {EXAMPLES}."
        )
    import dateparser  # lazily: only planning needs it, and loading it costs tens of milliseconds

    has_weekday = any(_weekday_index(word) is not None for word in re.findall(r"\w+", text))
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": local_now,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        # a month or a year alone is not a day; a weekday name alone is
        "REQUIRE_PARTS": [] if has_weekday else ["day", "month"],
    }
    parsed = dateparser.parse(text, languages=["nl"], settings=settings)
    if parsed is None:
        raise DateError(f"'{shown}' herken ik niet als datum. Schrijf bijvoorbeeld {EXAMPLES}.")
    day = parsed.date()
    today = local_now.date()
    # "4 december" on 4 December means today, not next year
    if not re.search(r"\d{4}|'\d{2}", text) and day.year == today.year + 1 and day.replace(year=today.year) == today:
        day = today
    return day
