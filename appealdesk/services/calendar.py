"""The production calendar as the office has it (``desk.calendar``): the bundled Russian calendar with the
overrides the administrator added. Screens ask it what a day is; the overrides themselves are edited
through ``desk.reference`` (administrator only)."""

from __future__ import annotations

from datetime import date

from ..domain.calendar import reception_day
from ..domain.roles import Permission as P
from . import recompute
from .access import requires
from .context import ServiceContext
from .values import DeadlineShift


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

    # -- what a change of the calendar would move ----------------------------------------------------------
    @requires(P.CALENDAR)
    def preview_override(self, day: date, is_working: bool, note: str | None = None) -> DeadlineShift:
        """The appeals on consideration whose deadlines adding this override moves (number, old and new
        dates): what the administrator confirms before ``reference.set_calendar_override``."""
        ctx = self._ctx
        rules = ctx.settings().deadline_rules()
        with ctx.read() as s:
            before = recompute.read_overrides(s)
            after = {**before, day: bool(is_working)}
            return recompute.plan(s, recompute.engine_of(before, rules), recompute.engine_of(after, rules),
                                  recompute.override_text(day, is_working, note))

    @requires(P.CALENDAR)
    def preview_removal(self, day: date) -> DeadlineShift:
        """The appeals whose deadlines removing the override of ``day`` moves."""
        ctx = self._ctx
        rules = ctx.settings().deadline_rules()
        with ctx.read() as s:
            before = recompute.read_overrides(s)
            after = {d: w for d, w in before.items() if d != day}
            return recompute.plan(s, recompute.engine_of(before, rules), recompute.engine_of(after, rules),
                                  recompute.override_text(day, None))
