"""Working days: weekends and the Dutch public holidays are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from bot.reminders.workdays import (
    easter_sunday,
    first_working_day_from,
    is_working_day,
    next_working_day,
    public_holidays,
    working_days_before,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28))],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_public_holidays_2027():
    holidays = public_holidays(2027)
    for day in (
        date(2027, 1, 1),  # Nieuwjaarsdag
        date(2027, 3, 29),  # Tweede Paasdag
        date(2027, 4, 27),  # Koningsdag
        date(2027, 5, 5),  # Bevrijdingsdag
        date(2027, 5, 6),  # Hemelvaartsdag
        date(2027, 5, 17),  # Tweede Pinksterdag
        date(2027, 12, 26),  # Tweede Kerstdag
    ):
        assert day in holidays, day
    assert date(2027, 3, 26) not in holidays  # Goede Vrijdag is not a general holiday
    assert date(2025, 4, 26) in public_holidays(2025)  # 27 April 2025 is a Sunday: Koningsdag moves back


def test_working_day_arithmetic():
    assert not is_working_day(date(2027, 1, 16))  # Saturday
    assert not is_working_day(date(2027, 3, 29))  # Easter Monday
    assert working_days_before(date(2027, 1, 20), 2) == date(2027, 1, 18)  # Wed -> Mon
    assert working_days_before(date(2027, 1, 19), 2) == date(2027, 1, 15)  # Tue -> Fri over the weekend
    assert working_days_before(date(2027, 3, 31), 2) == date(2027, 3, 26)  # over Easter Monday
    assert working_days_before(date(2027, 1, 17), 0) == date(2027, 1, 15)  # a Sunday: the Friday before
    assert next_working_day(date(2027, 3, 26)) == date(2027, 3, 30)  # Friday -> Tuesday after Easter
    assert first_working_day_from(date(2027, 5, 5)) == date(2027, 5, 7)  # 5 May and Ascension Day
    assert working_days_between(date(2027, 1, 15), date(2027, 1, 20)) == 3  # Mon, Tue, Wed
    assert working_days_between(date(2027, 1, 20), date(2027, 1, 20)) == 0
