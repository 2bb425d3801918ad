"""The production calendar as the office has it (``desk.calendar``): the bundled Russian calendar with the
overrides the administrator added. Screens ask it what a day is; the overrides themselves are edited
through ``desk.reference`` (administrator only)."""

from __future__ import annotations

from datetime import date

from ..domain.calendar import reception_day
from ..domain.roles import Permission as P
from .access import requires
from .context import ServiceContext


class CalendarService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def is_working(self, day: date) -> bool:
        return self._ctx.engine().calendar.is_working(day)

    @requires(P.READ)
    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or a transferred day off's note (loads the ``holidays`` package once)."""
        return self._ctx.engine().calendar.holiday_name(day)

    @requires(P.READ)
    def national_reception_day(self, year: int) -> date:
        """The all-Russian reception day of ``year``: 12 December, or the nearest working day."""
        return reception_day(year, self._ctx.engine().calendar)

    @requires(P.READ)
    def next_working(self, day: date) -> date:
        return self._ctx.engine().calendar.next_working(day)
