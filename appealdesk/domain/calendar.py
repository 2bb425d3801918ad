"""The Russian production calendar: weekends, holidays (``holidays`` RU) and the decree overrides.

``holidays`` knows the transfers of the years it was released for; for 2015-2040 its answers are read from
a table made from it (``workdays_table``: no slow import at start), other years ask it directly, and the
holiday names always come from it. The overrides (bundled in
``resources/reference/production_calendar_overrides.csv`` and edited by the admin in the database for
next year's decree) take precedence, so a new decree needs no new release.

Performance: the calendar is materialised a whole year at a time into a sorted array of working-day
ordinals, so ``is_working`` is a dict lookup and ``add_working_days`` / ``working_days_between`` are
binary searches (O(log n), independent of the distance), which matters when a demo registers 100 000
appeals.
"""

from __future__ import annotations

import csv
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from datetime import date, timedelta
from os import PathLike
from pathlib import Path

from . import workdays_table

# The ``kind`` column of production_calendar_overrides.csv -> is the day a working day?
OVERRIDE_KINDS: dict[str, bool] = {
    "рабочая суббота": True,
    "рабочий день": True,
    "выходной": False,
    "выходной день": False,
    "нерабочий день": False,
}

# The name of a day off that exists only in the overrides (``holidays`` does not know it).
OVERRIDE_DAY_OFF_NAME = "Выходной день (перенос)"


def load_bundled_overrides(path: str | PathLike[str]) -> dict[date, bool]:
    """Parse ``production_calendar_overrides.csv``: day -> True (working Saturday) / False (day off).

    Columns used: ``date`` (ISO ``YYYY-MM-DD``) and ``kind`` ("рабочая суббота" -> True, "выходной" ->
    False; case and surrounding spaces are ignored). Blank lines are skipped; an unknown kind, a bad
    date or the same day listed twice with different kinds raises ``ValueError`` naming the line.
    """
    out: dict[date, bool] = {}
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"date", "kind"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            line = reader.line_num
            raw_day = (row.get("date") or "").strip()
            raw_kind = " ".join((row.get("kind") or "").split()).lower()
            if not raw_day and not raw_kind:
                continue
            try:
                day = date.fromisoformat(raw_day)
            except ValueError:
                raise ValueError(f"{path}:{line}: bad date {raw_day!r}") from None
            if raw_kind not in OVERRIDE_KINDS:
                raise ValueError(f"{path}:{line}: unknown kind {row.get('kind')!r}")
            working = OVERRIDE_KINDS[raw_kind]
            if out.get(day, working) != working:
                raise ValueError(f"{path}:{line}: {day} is listed both as working and as a day off")
            out[day] = working
    return out


class WorkCalendar:
    """Answers "is this a working day?" and walks over working days. Results are cached."""

    def __init__(self, overrides: Mapping[date, bool] | None = None):
        # overrides: day -> True (working, e.g. a working Saturday) or False (a day off)
        self._overrides = {day: bool(working) for day, working in (overrides or {}).items()}
        self._table = workdays_table.bundled()
        self._library = None  # ``holidays`` RU, made on first need (names, years outside the table)
        self._cache: dict[date, bool] = {}
        self._years: dict[int, list[int]] = {}  # year -> sorted ordinals of its working days
        # the materialised span [_lo_year, _hi_year] and the sorted ordinals of its working days
        self._lo_year = 0
        self._hi_year = -1
        self._workdays: list[int] = []

    @property
    def overrides(self) -> Mapping[date, bool]:
        return dict(self._overrides)

    # -- materialisation ---------------------------------------------------------------------------
    def _compute(self, day: date) -> bool:
        working = self._overrides.get(day)
        if working is None:
            if workdays_table.covers(day):
                working = self._table.get(day, day.weekday() < 5)
            else:
                working = bool(self._holidays().is_working_day(day))
        return working

    def _holidays(self):
        if self._library is None:
            import holidays

            # the names are Russian whatever the process locale is
            self._library = holidays.country_holidays("RU", language="ru")
        return self._library

    def _year_workdays(self, year: int) -> list[int]:
        """The sorted ordinals of the working days of ``year``; fills the ``is_working`` cache."""
        known = self._years.get(year)
        if known is not None:
            return known
        day = date(year, 1, 1)
        one = timedelta(days=1)
        out: list[int] = []
        cache = self._cache
        while True:
            working = self._compute(day)
            cache[day] = working
            if working:
                out.append(day.toordinal())
            if day.month == 12 and day.day == 31:
                break
            day += one
        self._years[year] = out
        return out

    def _ensure(self, lo_year: int, hi_year: int) -> None:
        """Make ``_workdays`` cover every year in ``[lo_year, hi_year]`` (one contiguous span)."""
        lo_year = max(lo_year, date.min.year)
        hi_year = min(hi_year, date.max.year)
        if self._lo_year <= lo_year and hi_year <= self._hi_year:
            return
        if self._hi_year < self._lo_year:  # nothing yet
            new_lo, new_hi, middle = lo_year, hi_year, []
        else:
            new_lo, new_hi, middle = min(lo_year, self._lo_year), max(hi_year, self._hi_year), self._workdays
        before: list[int] = []
        after: list[int] = []
        for year in range(new_lo, new_hi + 1):
            if year < self._lo_year or self._hi_year < self._lo_year:
                before.extend(self._year_workdays(year))
            elif year > self._hi_year:
                after.extend(self._year_workdays(year))
        # a new list is swapped in whole, so a reader never sees a half-built one
        self._workdays = before + middle + after
        self._lo_year, self._hi_year = new_lo, new_hi

    # -- questions ---------------------------------------------------------------------------------
    def is_working(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is not None:
            return cached
        self._year_workdays(day.year)
        return self._cache[day]

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday or transferred day off on ``day`` (in Russian), else None.

        A day the overrides make a working day has no name; a day off known only from the overrides is
        named :data:`OVERRIDE_DAY_OFF_NAME`. Ordinary weekends have no name.
        """
        override = self._overrides.get(day)
        if override is True:
            return None
        name = self._holidays().get(day)
        if name is None and override is False:
            return OVERRIDE_DAY_OFF_NAME
        return name

    def previous_working(self, day: date) -> date:
        """``day`` itself when it is a working day, else the working day before it."""
        one = timedelta(days=1)
        while not self.is_working(day):
            day -= one
        return day

    def next_working(self, day: date) -> date:
        """``day`` itself when it is a working day, else the working day after it."""
        one = timedelta(days=1)
        while not self.is_working(day):
            day += one
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (before it when negative); ``day`` itself for 0."""
        if count == 0:
            return day
        ordinal = day.toordinal()
        self._ensure(day.year, day.year)
        while True:
            days = self._workdays
            if count > 0:
                index = bisect_right(days, ordinal) + count - 1
                if index < len(days):
                    return date.fromordinal(days[index])
                if self._hi_year >= date.max.year:
                    raise OverflowError("date value out of range")
                # at least ~100 working days a year: grow by enough years at once
                self._ensure(self._lo_year, self._hi_year + 1 + (index - len(days)) // 100)
            else:
                index = bisect_left(days, ordinal) + count
                if index >= 0:
                    return date.fromordinal(days[index])
                if self._lo_year <= date.min.year:
                    raise OverflowError("date value out of range")
                self._ensure(self._lo_year - 1 - (-index) // 100, self._hi_year)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        self._ensure(start.year, end.year)
        days = self._workdays
        return bisect_right(days, end.toordinal()) - bisect_right(days, start.toordinal())

    def non_working_days(self, start: date, end: date) -> list[date]:
        """Every day off in ``[start, end]``, in order."""
        if end < start:
            return []
        self._ensure(start.year, end.year)
        cache = self._cache
        one = timedelta(days=1)
        out = []
        day = start
        while day <= end:
            if not cache[day]:
                out.append(day)
            if day == end:
                break
            day += one
        return out


def reception_day(year: int, calendar: WorkCalendar) -> date:
    """The all-Russian reception day of ``year``: 12 December (Constitution Day), 12:00-20:00 local time.

    When 12 December is a day off, the reception day is the nearest working day *following* it: that is
    how the presidential instruction has been applied (12.12.2015 and 12.12.2020, Saturdays -> Monday the
    14th; 12.12.2021, a Sunday -> 13.12; 12.12.2026, a Saturday -> 14.12.2026). A strict "nearest by
    distance" would pick Friday the 11th for a Saturday, which is never used; so ties and near misses
    alike resolve to the following working day, never the preceding one.
    """
    return calendar.next_working(date(year, 12, 12))
