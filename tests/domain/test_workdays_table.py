"""The shipped table of working days equals what the installed ``holidays`` computes; years outside it
are asked of ``holidays`` itself, and holiday names still come from it."""

from __future__ import annotations

from datetime import date

from appealdesk.domain import workdays_table
from appealdesk.domain.calendar import WorkCalendar


def test_the_table_is_what_holidays_computes():
    # fails after an upgrade of ``holidays`` that changes a year: run python -m appealdesk.domain.workdays_table
    assert workdays_table.bundled() == workdays_table.computed()


def test_the_table_knows_the_2026_new_year_break_and_transfers():
    table = workdays_table.bundled()
    for day in range(1, 10):  # 1-9 January 2026: holidays, plus 9 January moved from Saturday 3 January
        d = date(2026, 1, day)
        if d.weekday() < 5:
            assert table[d] is False
    assert table[date(2026, 5, 11)] is False  # moved from Sunday 10 May
    assert date(2026, 11, 20) not in table  # an ordinary Friday


def test_years_outside_the_table_ask_holidays():
    import holidays

    cal = WorkCalendar()
    library = holidays.country_holidays("RU")
    for day in (date(2010, 1, 4), date(2010, 2, 22), date(2045, 1, 2), date(2045, 6, 12), date(2045, 6, 13)):
        assert not workdays_table.covers(day)
        assert cal.is_working(day) == library.is_working_day(day)


def test_names_come_from_holidays():
    cal = WorkCalendar()
    assert cal.holiday_name(date(2026, 6, 12)) == "День России"
    assert cal.holiday_name(date(2026, 11, 20)) is None


def test_the_table_is_round_tripped(tmp_path):
    table = {date(2030, 1, 1): False, date(2030, 1, 4): False, date(2030, 11, 2): True}
    path = tmp_path / "t.csv"
    workdays_table.write(path, table)
    assert workdays_table.read(path) == table
