"""Working days for the reminders: the calendar itself lives in bot.core.planning.workdays (pure, shared)."""

from __future__ import annotations

from bot.core.planning.workdays import (
    add_working_days,
    easter_sunday,
    first_working_day_from,
    holiday_name,
    is_working_day,
    next_working_day,
    public_holidays,
    working_days_before,
    working_days_between,
)

__all__ = [
    "add_working_days",
    "easter_sunday",
    "first_working_day_from",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "public_holidays",
    "working_days_before",
    "working_days_between",
]
