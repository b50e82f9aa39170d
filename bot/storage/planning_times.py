"""Schema for the time of day of a planned sub-step (`planning 6a 15 maart 10:00`): one nullable column."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

planning_time_migrations = Migrations("werving-planning-time")


@planning_time_migrations()
def m001_planning_time(db: sqlite_utils.Database) -> None:
    """A planned sub-step may have a time of day (HH:MM, local time); NULL for a whole day."""
    db.execute("ALTER TABLE planning ADD COLUMN at_time TEXT")
