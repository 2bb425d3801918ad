"""Report periods: the presets the offices publish (quarter, half-year, 9 months, year), the same period of
the previous year, the calendar quarters a period covers, and the Russian wording of the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import DomainError

_MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря")


@dataclass(frozen=True)
class Period:
    """Registration dates from ``start`` to ``end``, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise DomainError(
                f"Начало периода ({self.start:%d.%m.%Y}) позже его конца ({self.end:%d.%m.%Y})"
            )

    # -- derived periods -------------------------------------------------------------------------
    def previous_year(self) -> Period:
        """The same dates one year earlier (29 February becomes 28 February)."""
        return Period(_minus_year(self.start), _minus_year(self.end))

    @staticmethod
    def previous_year_day(day: date) -> date:
        """The same day one year earlier (29 February becomes 28 February)."""
        return _minus_year(day)

    def quarters(self) -> tuple[int, ...]:
        """The calendar quarters (1..4) that at least one day of the period falls in, in order."""
        if (self.end - self.start).days >= 366:
            return (1, 2, 3, 4)
        found: set[int] = set()
        day = self.start
        while day <= self.end:
            q = (day.month - 1) // 3 + 1
            found.add(q)
            nxt_month = (q * 3) % 12 + 1
            nxt_year = day.year + (1 if q == 4 else 0)
            day = date(nxt_year, nxt_month, 1)
        return tuple(sorted(found))

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    # -- wording -----------------------------------------------------------------------------------
    def preset(self) -> tuple[str, int, int] | None:
        """``(kind, number, year)`` when the period is a preset: ``("quarter", 2, 2026)``,
        ``("half", 1, 2026)``, ``("nine", 9, 2026)``, ``("year", 0, 2026)``; else None."""
        s, e = self.start, self.end
        if s.year != e.year or s.day != 1 or e != _month_end(e):
            return None
        y = s.year
        if s.month == 1 and e.month == 12:
            return ("year", 0, y)
        if s.month == 1 and e.month == 9:
            return ("nine", 9, y)
        if (s.month, e.month) in ((1, 6), (7, 12)):
            return ("half", 1 if s.month == 1 else 2, y)
        if s.month in (1, 4, 7, 10) and e.month == s.month + 2:
            return ("quarter", (s.month - 1) // 3 + 1, y)
        return None

    def phrase(self) -> str:
        """«за 1 полугодие 2026 года», «за 2026 год», «за период с 01.02.2026 по 15.03.2026»."""
        p = self.preset()
        if p is None:
            if (self.start.year, self.start.month) == (self.end.year, self.end.month) and self.start.day == 1 \
                    and self.end == _month_end(self.end):
                return f"за {_MONTH_NOM[self.start.month - 1]} {self.start.year} года"
            return f"за период с {self.start:%d.%m.%Y} по {self.end:%d.%m.%Y}"
        kind, n, y = p
        if kind == "year":
            return f"за {y} год"
        if kind == "nine":
            return f"за 9 месяцев {y} года"
        if kind == "half":
            return f"за {n} полугодие {y} года"
        return f"за {n} квартал {y} года"

    def column_label(self) -> str:
        """The heading of the period's column in a comparison table: the year when the period lies in
        one year (as the published reports do), else the dates."""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start:%d.%m.%y}–{self.end:%d.%m.%y}"

    def end_phrase(self) -> str:
        """«по состоянию на 31.12.2020»."""
        return f"по состоянию на {self.end:%d.%m.%Y}"

    def as_dict(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


_MONTH_NOM = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
              "ноябрь", "декабрь")


def _month_end(d: date) -> date:
    first_next = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _minus_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


# -- presets -----------------------------------------------------------------------------------------
def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise DomainError("Номер квартала: от 1 до 4")
    start = date(year, 3 * number - 2, 1)
    return Period(start, _month_end(date(year, 3 * number, 1)))


def half_year(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise DomainError("Номер полугодия: 1 или 2")
    return Period(date(year, 1, 1), date(year, 6, 30)) if number == 1 else Period(date(year, 7, 1), date(year, 12, 31))


def nine_months(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 9, 30))


def whole_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def date_phrase(d: date) -> str:
    """«31 декабря 2020 г.»"""
    return f"{d.day} {_MONTHS_GEN[d.month - 1]} {d.year} г."
