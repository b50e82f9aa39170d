"""The holidays library agrees with the days the project counts as general holidays, 2025-2035."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest

from bot.reminders.workdays import holiday_name, is_working_day, public_holidays

# Easter Sundays written out (published church calendars), so the test does not rest on a computation.
EASTER = {
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 5),
    2027: date(2027, 3, 28),
    2028: date(2028, 4, 16),
    2029: date(2029, 4, 1),
    2030: date(2030, 4, 21),
    2031: date(2031, 4, 13),
    2032: date(2032, 3, 28),
    2033: date(2033, 4, 17),
    2034: date(2034, 4, 9),
    2035: date(2035, 3, 25),
}


def expected(year: int) -> set[date]:
    """The general holidays of the Algemene termijnenwet, as the project counts them."""
    easter = EASTER[year]
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday, Koningsdag is the Saturday before
        kings_day = date(year, 4, 26)
    return {
        date(year, 1, 1),  # Nieuwjaarsdag
        easter,  # Eerste Paasdag
        easter + timedelta(days=1),  # Tweede Paasdag
        kings_day,
        date(year, 5, 5),  # Bevrijdingsdag, every year
        easter + timedelta(days=39),  # Hemelvaartsdag
        easter + timedelta(days=49),  # Eerste Pinksterdag
        easter + timedelta(days=50),  # Tweede Pinksterdag
        date(year, 12, 25),
        date(year, 12, 26),
    }


@pytest.mark.parametrize("year", sorted(EASTER))
def test_library_agrees_with_the_project(year):
    assert set(public_holidays(year)) == expected(year)


@pytest.mark.parametrize("year", sorted(EASTER))
def test_where_the_library_differs_is_deliberate(year):
    library = set(holidays.country_holidays("NL", years=year))
    # The library adds Goede Vrijdag; we do not count it (not in the Algemene termijnenwet).
    assert library - expected(year) == {EASTER[year] - timedelta(days=2)}
    # The library has Bevrijdingsdag only in lustrum years; we count it every year.
    missing = expected(year) - library
    assert missing == (set() if year % 5 == 0 else {date(year, 5, 5)})


def test_sunday_rule_for_kings_day():
    # 27 April is a Sunday in 2025 and 2031: Koningsdag is then on Saturday the 26th.
    assert date(2025, 4, 26) in public_holidays(2025) and date(2025, 4, 27) not in public_holidays(2025)
    assert date(2031, 4, 26) in public_holidays(2031)


def test_dutch_names_and_working_days():
    assert holiday_name(date(2027, 3, 29)) == "Tweede paasdag"
    assert holiday_name(date(2027, 5, 5)) == "Bevrijdingsdag"
    assert holiday_name(date(2027, 3, 26)) is None  # Goede Vrijdag
    assert is_working_day(date(2027, 3, 26))
    assert is_working_day(date(2027, 12, 27))  # the Monday after Christmas
