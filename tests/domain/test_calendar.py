"""The production calendar against the real 2024-2026 decrees (ПП №1314, №1335, №1466) and art. 112 ТК."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from appealdesk.domain.calendar import (
    OVERRIDE_DAY_OFF_NAME,
    WorkCalendar,
    load_bundled_overrides,
    reception_day,
)

D = date.fromisoformat

WORKING_SATURDAYS = ["2024-04-27", "2024-11-02", "2024-12-28", "2025-11-01"]

DAYS_OFF = [
    # 2024 (ПП №1314)
    "2024-04-29",
    "2024-04-30",
    "2024-05-10",
    "2024-12-30",
    "2024-12-31",
    # 2025 (ПП №1335)
    "2025-05-02",
    "2025-05-08",
    "2025-06-13",
    "2025-11-03",
    "2025-12-31",
    # 2026 (ПП №1466 and art. 112 ТК)
    *[f"2026-01-{d:02d}" for d in range(1, 10)],
    "2026-02-23",
    "2026-03-09",
    "2026-05-01",
    "2026-05-11",
    "2026-06-12",
    "2026-11-04",
    "2026-12-31",
]

ORDINARY_WEEKENDS = ["2024-06-08", "2024-06-09", "2025-03-08", "2025-03-09", "2026-06-13", "2026-12-12"]

# weekdays right next to the transfers that stay working days
WORKING_WEEKDAYS = [
    "2024-04-26",
    "2024-05-02",
    "2024-05-08",
    "2024-12-27",
    "2025-03-07",
    "2025-05-07",
    "2025-11-05",
    "2025-12-30",
    "2026-01-12",
    "2026-03-06",
    "2026-05-08",
    "2026-11-03",
    "2026-12-30",
]


@pytest.mark.parametrize("day", WORKING_SATURDAYS)
def test_working_saturdays(calendar, day):
    assert D(day).weekday() == 5
    assert calendar.is_working(D(day))
    assert calendar.holiday_name(D(day)) is None


@pytest.mark.parametrize("day", DAYS_OFF)
def test_days_off(calendar, day):
    assert not calendar.is_working(D(day))
    assert calendar.holiday_name(D(day))  # every one of them has a name


@pytest.mark.parametrize("day", ORDINARY_WEEKENDS)
def test_ordinary_weekends(calendar, day):
    assert D(day).weekday() in (5, 6)
    assert not calendar.is_working(D(day))


@pytest.mark.parametrize("day", WORKING_WEEKDAYS)
def test_working_weekdays(calendar, day):
    assert calendar.is_working(D(day))


def test_holiday_names_are_russian_whatever_the_locale(calendar):
    assert calendar.holiday_name(D("2026-01-01")) == "Новогодние каникулы"
    assert "27.04.2024" in calendar.holiday_name(D("2024-04-29"))
    assert calendar.holiday_name(D("2024-06-08")) is None  # a plain Saturday


def test_longest_run_of_days_off_is_the_2026_new_year_break(calendar):
    """31.12.2025-11.01.2026: 12 days in a row, the longest run in 2024-2027 (the property tests rely on it)."""
    longest, run, end = 0, 0, None
    day = D("2024-01-01")
    while day <= D("2027-12-31"):
        run = 0 if calendar.is_working(day) else run + 1
        if run > longest:
            longest, end = run, day
        day += timedelta(days=1)
    assert (longest, end) == (12, D("2026-01-11"))
    assert calendar.non_working_days(D("2025-12-30"), D("2026-01-12")) == [
        D("2025-12-31") + timedelta(days=i) for i in range(12)
    ]


# -- the bundled overrides ------------------------------------------------------------------------
def test_bundled_overrides_parse(bundled_overrides):
    assert len(bundled_overrides) == 18
    assert {d.isoformat() for d, w in bundled_overrides.items() if w} == set(WORKING_SATURDAYS)
    assert bundled_overrides[D("2026-01-09")] is False
    assert bundled_overrides[D("2026-12-31")] is False


def test_holidays_package_agrees_with_every_bundled_override(bundled_overrides):
    """A fact about the installed ``holidays`` (0.108+ knows 2024-2026): it has every bundled transfer.

    If a release ever disagrees, the overrides still win (see the next tests); this test says so loudly.
    """
    bare = WorkCalendar()
    disagree = {d: w for d, w in bundled_overrides.items() if bare.is_working(d) != w}
    assert disagree == {}


def test_load_bundled_overrides_tolerates_bom_case_and_blank_lines(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text(
        "\ufeffyear,date,kind,detail\n2027,2027-07-03, Рабочая  суббота ,x\n\n2027,2027-07-05,выходной,y\n",
        encoding="utf-8",
    )
    assert load_bundled_overrides(path) == {D("2027-07-03"): True, D("2027-07-05"): False}


@pytest.mark.parametrize(
    "body",
    [
        "year,date,kind\n2027,2027-07-05,праздник\n",  # unknown kind
        "year,date,kind\n2027,05.07.2027,выходной\n",  # not ISO
        "year,date,kind\n2027,2027-07-05,выходной\n2027,2027-07-05,рабочая суббота\n",  # contradiction
        "year,day,kind\n2027,2027-07-05,выходной\n",  # no date column
    ],
)
def test_load_bundled_overrides_rejects_bad_rows(tmp_path, body):
    path = tmp_path / "o.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError):
        load_bundled_overrides(path)


# -- overrides win over ``holidays`` --------------------------------------------------------------
ADMIN_2027 = {
    # a made-up 2027 decree that contradicts what holidays 0.109 says about 2027
    D("2027-02-20"): False,  # a working Saturday in holidays 0.109
    D("2027-02-22"): True,  # a transferred day off in holidays 0.109
    D("2027-07-03"): True,  # a plain Saturday made working
    D("2027-07-05"): False,  # a plain Monday made a day off
    D("2027-01-08"): True,  # even a New Year holiday
}


def test_admin_override_wins_over_holidays():
    bare = WorkCalendar()
    cal = WorkCalendar(ADMIN_2027)
    for day, working in ADMIN_2027.items():
        assert bare.is_working(day) is not working, day  # really a conflict with ``holidays``
        assert cal.is_working(day) is working, day
    assert cal.holiday_name(D("2027-07-05")) == OVERRIDE_DAY_OFF_NAME
    assert cal.holiday_name(D("2027-01-08")) is None
    # the walkers see the overrides too
    assert cal.next_working(D("2027-07-04")) == D("2027-07-06")
    assert cal.previous_working(D("2027-07-04")) == D("2027-07-03")
    assert cal.working_days_between(D("2027-07-02"), D("2027-07-06")) == 2  # 03.07 and 06.07


def test_override_wins_over_a_known_2024_transfer(bundled_overrides):
    cal = WorkCalendar({**bundled_overrides, D("2024-04-29"): True, D("2024-04-27"): False})
    assert cal.is_working(D("2024-04-29"))
    assert not cal.is_working(D("2024-04-27"))


# -- walking over working days -------------------------------------------------------------------
def test_previous_and_next_working(calendar):
    assert calendar.previous_working(D("2024-04-29")) == D("2024-04-27")
    assert calendar.next_working(D("2024-04-29")) == D("2024-05-02")
    assert calendar.previous_working(D("2026-01-11")) == D("2025-12-30")
    assert calendar.next_working(D("2025-12-31")) == D("2026-01-12")
    assert calendar.next_working(D("2024-04-27")) == D("2024-04-27")  # a working day is itself


def test_add_working_days(calendar):
    assert calendar.add_working_days(D("2024-04-26"), 1) == D("2024-04-27")  # working Saturday
    assert calendar.add_working_days(D("2024-04-26"), 2) == D("2024-05-02")
    assert calendar.add_working_days(D("2025-12-30"), 1) == D("2026-01-12")
    assert calendar.add_working_days(D("2026-01-12"), -1) == D("2025-12-30")
    assert calendar.add_working_days(D("2026-01-10"), -1) == D("2025-12-30")
    assert calendar.add_working_days(D("2026-01-10"), 0) == D("2026-01-10")
    # across many years (the materialised span grows on demand)
    assert calendar.add_working_days(D("2024-01-09"), 247) == D("2024-12-28")  # 2024 has 248 working days
    far = calendar.add_working_days(D("2024-01-01"), 2500)
    assert calendar.working_days_between(D("2024-01-01"), far) == 2500
    assert calendar.add_working_days(far, -2500) == D("2023-12-29")


def test_working_days_between(calendar):
    assert calendar.working_days_between(D("2024-01-01"), D("2024-12-31")) == 248
    assert calendar.working_days_between(D("2024-12-31"), D("2025-12-31")) == 247
    assert calendar.working_days_between(D("2025-12-31"), D("2026-12-31")) == 247
    assert calendar.working_days_between(D("2024-04-26"), D("2024-05-02")) == 2
    assert calendar.working_days_between(D("2024-05-02"), D("2024-04-26")) == -2
    assert calendar.working_days_between(D("2024-05-02"), D("2024-05-02")) == 0


def test_non_working_days(calendar):
    assert calendar.non_working_days(D("2024-04-26"), D("2024-05-02")) == [
        D("2024-04-28"),
        D("2024-04-29"),
        D("2024-04-30"),
        D("2024-05-01"),
    ]
    assert calendar.non_working_days(D("2024-05-02"), D("2024-04-26")) == []


def test_calendar_built_for_a_late_year_first_then_an_early_one(bundled_overrides):
    cal = WorkCalendar(bundled_overrides)
    assert cal.working_days_between(D("2026-01-01"), D("2026-01-31")) == 15
    assert cal.working_days_between(D("2023-12-31"), D("2024-01-31")) == 17
    assert cal.add_working_days(D("2026-01-12"), -1) == D("2025-12-30")


# -- the all-Russian reception day ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, "2024-12-12"),  # Thursday: the day itself
        (2025, "2025-12-12"),  # Friday
        (2026, "2026-12-14"),  # Saturday -> Monday (not Friday 11.12, although it is nearer)
        (2027, "2027-12-13"),  # Sunday -> Monday
        (2020, "2020-12-14"),  # Saturday -> Monday, as announced in 2020
        (2021, "2021-12-13"),  # Sunday -> Monday
    ],
)
def test_reception_day(calendar, year, expected):
    assert reception_day(year, calendar) == D(expected)


def test_reception_day_follows_the_overrides():
    cal = WorkCalendar({D("2024-12-12"): False, D("2024-12-13"): False})
    assert reception_day(2024, cal) == D("2024-12-16")
