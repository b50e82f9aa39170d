"""Working days: Monday to Friday, minus the Dutch general holidays of the Algemene termijnenwet.

The holidays come from the maintained `holidays` library (`holidays.NL`), with two deliberate
corrections so that the set matches the general holidays of the Algemene termijnenwet (art. 3),
which is what the project counts as "not a working day":

- Goede Vrijdag: the library lists it, the Algemene termijnenwet does not; most municipalities are
  open that day, so it stays a working day here.
- Bevrijdingsdag (5 May): the library lists it only in lustrum years (2025, 2030, ...), when it is a
  day off under most collective agreements; the Algemene termijnenwet counts it every year, so it is
  added for every year here.

The library is imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# Library names (its English, stable across its translations) of days we do not count as holidays.
_NOT_GENERAL_HOLIDAYS = frozenset({"Good Friday"})
_LIBERATION_DAY = "Bevrijdingsdag"


@lru_cache(maxsize=64)
def _named_holidays(year: int) -> dict[date, str]:
    """Every general holiday in a year with its Dutch name."""
    import holidays  # lazily: the library takes tens of milliseconds to import

    english = holidays.country_holidays("NL", years=year, language="en_US")
    dutch = holidays.country_holidays("NL", years=year, language="nl")
    days = {day: dutch.get(day, name) for day, name in english.items() if name not in _NOT_GENERAL_HOLIDAYS}
    days.setdefault(date(year, 5, 5), _LIBERATION_DAY)
    return days


def easter_sunday(year: int) -> date:
    """Easter Sunday of a year (Eerste Paasdag, as the holidays library computes it)."""
    return next(day for day, name in _named_holidays(year).items() if name.lower() == "eerste paasdag")


def public_holidays(year: int) -> frozenset[date]:
    """The general holidays of the Algemene termijnenwet in a year (Goede Vrijdag is not one of them)."""
    return frozenset(_named_holidays(year))


def holiday_name(day: date) -> str | None:
    """The Dutch name of the general holiday on `day` (for example 'Tweede paasdag'), or None."""
    return _named_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    """True from Monday to Friday, unless the day is a public holiday."""
    return day.weekday() < 5 and day not in _named_holidays(day.year)


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (count 0: `day` itself, or the working day before)."""
    current = day
    while not is_working_day(current):
        current -= timedelta(days=1)
    for _ in range(count):
        current -= timedelta(days=1)
        while not is_working_day(current):
            current -= timedelta(days=1)
    return current


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    current = day + timedelta(days=1)
    while not is_working_day(current):
        current += timedelta(days=1)
    return current


def first_working_day_from(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    return day if is_working_day(day) else next_working_day(day)


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (count 0: `day` itself, or the next working day)."""
    current = first_working_day_from(day)
    for _ in range(count):
        current = next_working_day(current)
    return current


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end` (0 when `end` is not later)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
