"""The Russian working days as the ``holidays`` package computes them, stored as a table for the years the
program is used in (``resources/reference/production_calendar_ru.csv``).

Why: importing ``holidays`` costs about 0.1 s of start-up (its country registry imports all of its ~280
countries), and the journal's first screen needs the calendar (the "due soon" state counts working days).
The table holds only the days that differ from the plain Monday-to-Friday week. A test checks that it
equals what the installed ``holidays`` computes, so it cannot drift from the library; after upgrading
``holidays``, regenerate it with

    python -m appealdesk.domain.workdays_table

Years outside the table are computed by ``holidays`` itself (imported then).
"""

from __future__ import annotations

import csv
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST_YEAR = 2015
LAST_YEAR = 2040
FILE_NAME = "production_calendar_ru.csv"

_loaded: dict[date, bool] | None = None


def table_path() -> Path:
    from ..paths import resources_dir

    return resources_dir() / "reference" / FILE_NAME


def bundled() -> dict[date, bool]:
    """The shipped table: day -> is it a working day (only the days that differ from Mon-Fri)."""
    global _loaded
    if _loaded is None:
        _loaded = read(table_path())
    return _loaded


def covers(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def read(path: Path) -> dict[date, bool]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {date.fromisoformat(r["date"]): r["working"] == "1" for r in csv.DictReader(fh)}


def computed(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> dict[date, bool]:
    """What ``holidays`` says, reduced to the days that differ from the plain Monday-to-Friday week."""
    import holidays

    library = holidays.country_holidays("RU", language="ru")
    out: dict[date, bool] = {}
    day, last, one = date(first_year, 1, 1), date(last_year, 12, 31), timedelta(days=1)
    while day <= last:
        working = bool(library.is_working_day(day))
        if working != (day.weekday() < 5):
            out[day] = working
        day += one
    return out


def write(path: Path, table: dict[date, bool]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(("date", "working"))
        for day in sorted(table):
            out.writerow((day.isoformat(), "1" if table[day] else "0"))


def main() -> int:
    import holidays

    path = table_path()
    table = computed()
    write(path, table)
    print(f"{path}: {len(table)} days of {FIRST_YEAR}-{LAST_YEAR} (holidays {holidays.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
