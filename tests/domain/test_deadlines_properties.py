"""Properties of the deadline engine over every registration date of 2024-2026 (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from appealdesk.domain.calendar import WorkCalendar, load_bundled_overrides
from appealdesk.domain.codes import Kind
from appealdesk.domain.deadlines import FOLLOWING, PRECEDING, DeadlineEngine, DeadlineRules
from appealdesk.paths import resources_dir

# module-level, not a fixture: hypothesis re-runs the test body, the calendar is built once
CALENDAR = WorkCalendar(
    load_bundled_overrides(resources_dir() / "reference" / "production_calendar_overrides.csv")
)
ENGINES = {
    rule: DeadlineEngine(CALENDAR, DeadlineRules(non_working_rule=rule)) for rule in (PRECEDING, FOLLOWING)
}

# The longest run of days off in 2024-2027 is 12 days (31.12.2025-11.01.2026, see test_calendar), so a
# deadline moved back lands at most 12 days before registered+30: well inside the 14 days of the brief.
LONGEST_DAYS_OFF = 12

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))
rules = st.sampled_from([PRECEDING, FOLLOWING])
kinds = st.sampled_from([Kind.STATEMENT, Kind.COMPLAINT, Kind.PROPOSAL, Kind.INFO_REQUEST])
THIRTY = timedelta(days=30)


@given(registered=dates, rule=rules, kind=kinds)
def test_legal_deadline_is_a_working_day_within_bounds(registered, rule, kind):
    legal = ENGINES[rule].legal_deadline(registered, kind)
    assert CALENDAR.is_working(legal)
    nominal = registered + THIRTY
    if rule == PRECEDING:
        assert nominal - timedelta(days=LONGEST_DAYS_OFF) <= legal <= nominal
        assert legal > nominal - timedelta(days=14)
        # nothing between the deadline and the nominal day is a working day
        assert CALENDAR.working_days_between(legal, nominal) == 0
    else:
        assert nominal <= legal <= nominal + timedelta(days=LONGEST_DAYS_OFF)
        assert CALENDAR.working_days_between(nominal - timedelta(days=1), legal) == 1
    assert legal > registered


@given(first=dates, second=dates, rule=rules)
def test_legal_deadline_is_monotonic(first, second, rule):
    first, second = sorted((first, second))
    engine = ENGINES[rule]
    assert engine.legal_deadline(first, Kind.STATEMENT) <= engine.legal_deadline(second, Kind.STATEMENT)


@given(registered=dates, rule=rules, offset=st.integers(min_value=0, max_value=45))
def test_control_deadline_between_registration_and_legal(registered, rule, offset):
    engine = DeadlineEngine(CALENDAR, DeadlineRules(non_working_rule=rule, control_offset_days=offset))
    legal = engine.legal_deadline(registered, Kind.STATEMENT)
    control = engine.control_deadline(legal, registered)
    assert registered <= control <= legal
    assert CALENDAR.is_working(control)
    if offset:
        assert control <= legal - timedelta(days=offset) or control == CALENDAR.next_working(registered)


@given(registered=dates, rule=rules, days=st.integers(min_value=1, max_value=30))
def test_extended_deadline_is_later_and_working(registered, rule, days):
    engine = ENGINES[rule]
    legal = engine.legal_deadline(registered, Kind.COMPLAINT)
    extended = engine.extended_deadline(legal, days)
    assert extended > legal
    assert CALENDAR.is_working(extended)
    assert extended <= legal + timedelta(days=days + LONGEST_DAYS_OFF)


@given(received=dates, rule=rules)
def test_registration_and_forwarding_never_end_before_they_start(received, rule):
    engine = ENGINES[rule]
    assert engine.registration_deadline(received) > received
    assert engine.forwarding_deadline(received) > received
    assert CALENDAR.is_working(engine.registration_deadline(received))
    assert not engine.registered_late(received, received)


@given(day=dates, count=st.integers(min_value=0, max_value=600))
def test_add_working_days_round_trips_forward(day, count):
    later = CALENDAR.add_working_days(day, count)
    assert later >= day
    assert CALENDAR.working_days_between(day, later) == count
    if count:
        assert CALENDAR.is_working(later)


@given(day=dates, count=st.integers(min_value=1, max_value=600))
def test_add_working_days_round_trips_backward(day, count):
    day = CALENDAR.next_working(day)  # (earlier, day] holds ``count`` working days when ``day`` works
    earlier = CALENDAR.add_working_days(day, -count)
    assert earlier < day
    assert CALENDAR.is_working(earlier)
    assert CALENDAR.working_days_between(day, earlier) == -count
    assert CALENDAR.add_working_days(earlier, count) == day


@given(start=dates, end=dates)
def test_working_days_between_matches_a_day_by_day_count(start, end):
    low, high = sorted((start, end))
    expected = sum(CALENDAR.is_working(low + timedelta(days=i)) for i in range(1, (high - low).days + 1))
    sign = 1 if end >= start else -1
    assert CALENDAR.working_days_between(start, end) == sign * expected
    working_in_closed_range = expected + CALENDAR.is_working(low)
    assert len(CALENDAR.non_working_days(low, high)) == (high - low).days + 1 - working_in_closed_range


@settings(max_examples=50)
@given(day=dates)
def test_previous_and_next_working_bracket_the_day(day):
    before, after = CALENDAR.previous_working(day), CALENDAR.next_working(day)
    assert before <= day <= after
    assert CALENDAR.is_working(before) and CALENDAR.is_working(after)
    assert (before == after) == CALENDAR.is_working(day)
    assert CALENDAR.non_working_days(before, after) == [
        before + timedelta(days=i) for i in range(1, (after - before).days)
    ]
