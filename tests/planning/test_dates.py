"""Dates as people write them: each form, the time of day, and clear Dutch refusals (never a traceback)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.core.planning.checks import check_day
from bot.core.planning.dates import DateError, When, parse_when

TZ = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)  # Friday 4 December 2026, 14:00 in Amsterdam


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("15 maart 2027", date(2027, 3, 15), None),
        ("15 mrt", date(2027, 3, 15), None),
        ("15-3", date(2027, 3, 15), None),
        ("15-03-27", date(2027, 3, 15), None),
        ("2027-03-15", date(2027, 3, 15), None),
        ("15-03-2027", date(2027, 3, 15), None),
        ("15/3/2027", date(2027, 3, 15), None),
        ("morgen", date(2026, 12, 5), None),
        ("overmorgen", date(2026, 12, 6), None),
        ("volgende week dinsdag", date(2026, 12, 8), None),
        ("volgende dinsdag", date(2026, 12, 8), None),
        ("dinsdag", date(2026, 12, 8), None),
        ("over een week", date(2026, 12, 11), None),
        ("15 maart 10:00", date(2027, 3, 15), time(10, 0)),
        ("15 mrt 14.30", date(2027, 3, 15), time(14, 30)),
        ("maandag om 10 uur", date(2026, 12, 7), time(10, 0)),
        ("morgen 9:00", date(2026, 12, 5), time(9, 0)),
        ("18 december", date(2026, 12, 18), None),
        ("4 december", date(2026, 12, 4), None),  # today, not next year
        ("1 jun", date(2027, 6, 1), None),
        ("15e maart", date(2027, 3, 15), None),
        ("Maandag 15 Maart 2027", date(2027, 3, 15), None),
        ("15-3 ", date(2027, 3, 15), None),
        ("1-1", date(2027, 1, 1), None),  # already past this year: next year
        ("15 maart a.s. 10:00", date(2027, 3, 15), time(10, 0)),
        ("maandag 15 maart 2027", date(2027, 3, 15), None),
        ("15 maart 10u30", date(2027, 3, 15), time(10, 30)),
    ],
)
def test_each_form(text, day, at):
    assert parse_when(text, NOW, TZ) == When(day, at)


def test_relative_words_follow_now_and_timezone():
    # 23:30 UTC on 31 December is already 1 January in Amsterdam: "morgen" is 2 January
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert parse_when("morgen", late, TZ).day == date(2027, 1, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("²", "geen gewoon cijfer"),
        ("1² maart", "geen gewoon cijfer"),
        ("١٥-٠٣-٢٠٢٧", "geen gewoon cijfer"),
        ("12-13-2027", "Bedoel je 13-12-2027?"),
        ("31-02-2027", "geen geldige datum"),
        ("15", "welke dag en maand"),
        ("maart", "niet precies genoeg"),
        ("volgende maand", "niet precies genoeg"),
        ("eind maart", "niet precies genoeg"),
        ("15 maart 25:00", "geen geldige tijd"),
        ("blabla", "herken ik niet als datum"),
        ("10u30", "alleen een tijd"),
        ("om 10 uur", "alleen een tijd"),
        ("dinsdag 15 maart 2027", "is een maandag, geen dinsdag"),
        ("<!channel> morgen", "&lt;!channel&gt;"),
        ("", "Noem een datum"),
    ],
)
def test_refusals_are_dutch(text, expected):
    with pytest.raises(DateError) as info:
        parse_when(text, NOW, TZ)
    assert expected in info.value.message
    assert "15-03-2027" in info.value.message or "14.30" in info.value.message or "Kies" in info.value.message
    assert "<" not in info.value.message


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (When(date(2026, 12, 3)), "in het verleden"),
        (When(date(2026, 12, 5)), "zaterdag"),
        (When(date(2026, 12, 25)), "Eerste kerstdag"),
        (When(date(2027, 3, 29)), "Tweede paasdag"),
        (When(date(2027, 4, 27)), "Koningsdag"),
        (When(date(2029, 1, 8)), "meer dan 2 jaar"),
    ],
)
def test_day_refusals_say_what_was_understood(when, expected):
    with pytest.raises(DateError) as info:
        check_day(when, "invoer", date(2026, 12, 4), date(2026, 12, 1))
    message = info.value.message
    assert expected in message and "Ik lees 'invoer' als" in message and "niets veranderd" in message


def test_before_the_procedure_started():
    with pytest.raises(DateError, match="pas op"):
        check_day(When(date(2026, 11, 30)), "30-11", date(2026, 12, 4), date(2026, 12, 1))


def test_a_weekend_start_is_allowed_when_asked():
    check_day(When(date(2026, 12, 5)), "zaterdag", date(2026, 12, 4), date(2026, 12, 1), working_day=False)
