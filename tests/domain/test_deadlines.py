"""The 59-FZ deadline engine on the real 2024-2026 production calendar.

Every expected date below was worked out by hand from the calendar (weekdays, decree transfers), never by
calling the engine. ``+30`` is ``registered_on + 30`` calendar days (the term starts the next day).
"""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.domain.codes import DeadlineState, Kind
from appealdesk.domain.deadlines import FOLLOWING, PRECEDING, DeadlineEngine, DeadlineRules

D = date.fromisoformat

# registered_on, expected under the preceding-working-day rule, under the next-working-day rule, why
LEGAL_TABLE = [
    ("2024-01-15", "2024-02-14", "2024-02-14", "+30 = Wed 14.02, a working day"),
    ("2024-01-24", "2024-02-22", "2024-02-26", "+30 = Fri 23.02 holiday; next: Sat, Sun -> Mon 26.02"),
    ("2024-03-28", "2024-04-27", "2024-04-27", "+30 = working Saturday 27.04: stays"),
    (
        "2024-03-30",
        "2024-04-27",
        "2024-05-02",
        "+30 = Mon 29.04 transferred off; 28.04 Sun; 27.04 working Sat",
    ),
    ("2024-03-31", "2024-04-27", "2024-05-02", "+30 = 30.04 off; next: 01.05 holiday -> Thu 02.05"),
    (
        "2024-04-10",
        "2024-05-08",
        "2024-05-13",
        "+30 = Fri 10.05 off, 09.05 holiday; next: Sat, Sun -> Mon 13.05",
    ),
    ("2024-06-06", "2024-07-05", "2024-07-08", "+30 = Sat 06.07 plain weekend"),
    ("2024-10-03", "2024-11-02", "2024-11-02", "+30 = working Saturday 02.11: stays"),
    ("2024-10-05", "2024-11-02", "2024-11-05", "+30 = Mon 04.11 Unity Day; 03.11 Sun; 02.11 working Sat"),
    ("2024-11-28", "2024-12-28", "2024-12-28", "+30 = working Saturday 28.12: stays"),
    ("2024-11-30", "2024-12-28", "2025-01-09", "+30 = 30.12 off; next: 31.12, 01-08.01 off -> Thu 09.01"),
    ("2024-12-01", "2024-12-28", "2025-01-09", "+30 = 31.12 off"),
    ("2024-12-05", "2024-12-28", "2025-01-09", "+30 = Sat 04.01.2025 New Year holidays"),
    ("2025-02-06", "2025-03-07", "2025-03-10", "+30 = Sat 08.03 (the holiday itself moved to 13.06)"),
    ("2025-04-02", "2025-04-30", "2025-05-05", "+30 = Fri 02.05 transferred off, 01.05 holiday"),
    ("2025-04-08", "2025-05-07", "2025-05-12", "+30 = Thu 08.05 off; next: 09.05 holiday, Sat, Sun -> 12.05"),
    ("2025-05-14", "2025-06-11", "2025-06-16", "+30 = Fri 13.06 off, 12.06 holiday; next: Sat, Sun -> 16.06"),
    ("2025-10-02", "2025-11-01", "2025-11-01", "+30 = working Saturday 01.11: stays"),
    (
        "2025-10-04",
        "2025-11-01",
        "2025-11-05",
        "+30 = Mon 03.11 off; 02.11 Sun; 01.11 working Sat; 04.11 holiday",
    ),
    ("2025-12-01", "2025-12-30", "2026-01-12", "+30 = Wed 31.12 off; 01-11.01.2026 all off"),
    ("2025-12-02", "2025-12-30", "2026-01-12", "+30 = Thu 01.01.2026"),
    ("2025-12-10", "2025-12-30", "2026-01-12", "+30 = Fri 09.01.2026 transferred off"),
    ("2025-12-12", "2025-12-30", "2026-01-12", "+30 = Sun 11.01.2026: 12 days back to 30.12"),
    ("2026-01-24", "2026-02-20", "2026-02-24", "+30 = Mon 23.02 holiday; Sat, Sun before"),
    ("2026-02-07", "2026-03-06", "2026-03-10", "+30 = Mon 09.03 (08.03 was a Sunday)"),
    ("2026-04-01", "2026-04-30", "2026-05-04", "+30 = Fri 01.05 holiday; next: Sat, Sun -> Mon 04.05"),
    ("2026-04-11", "2026-05-08", "2026-05-12", "+30 = Mon 11.05 (09.05 was a Saturday)"),
    ("2026-05-13", "2026-06-11", "2026-06-15", "+30 = Fri 12.06 Russia Day"),
    ("2026-10-05", "2026-11-03", "2026-11-05", "+30 = Wed 04.11 Unity Day"),
    ("2026-12-01", "2026-12-30", "2027-01-11", "+30 = Thu 31.12 transferred off; 01-10.01.2027 off"),
    ("2026-12-02", "2026-12-30", "2027-01-11", "+30 = Fri 01.01.2027"),
]


@pytest.mark.parametrize(
    ("registered", "preceding", "following"),
    [row[:3] for row in LEGAL_TABLE],
    ids=[row[0] for row in LEGAL_TABLE],
)
def test_legal_deadline_table(engine_prev, engine_next, registered, preceding, following):
    for kind in (Kind.STATEMENT, Kind.COMPLAINT, Kind.PROPOSAL):
        assert engine_prev.legal_deadline(D(registered), kind) == D(preceding)
        assert engine_next.legal_deadline(D(registered), kind) == D(following)


def test_default_rule_is_the_preceding_working_day(calendar):
    assert DeadlineRules().non_working_rule == PRECEDING
    assert DeadlineEngine(calendar).legal_deadline(D("2024-03-30"), Kind.STATEMENT) == D("2024-04-27")


def test_rules_are_validated():
    with pytest.raises(ValueError):
        DeadlineRules(non_working_rule="nearest")
    with pytest.raises(ValueError):
        DeadlineRules(control_offset_days=-1)
    with pytest.raises(ValueError):
        DeadlineRules(consideration_days=0)
    assert DeadlineRules(non_working_rule=FOLLOWING).non_working_rule == "next"


# -- the control deadline (Gubkin practice: 7 days before the legal one) --------------------------
@pytest.mark.parametrize(
    ("registered", "legal", "offset", "expected"),
    [
        ("2024-03-28", "2024-04-27", 7, "2024-04-19"),  # 27.04 - 7 = Sat 20.04 (plain) -> Fri 19.04
        ("2026-01-24", "2026-02-20", 7, "2026-02-13"),  # Fri 13.02 is a working day
        ("2025-12-02", "2025-12-30", 7, "2025-12-23"),  # Tue 23.12
        ("2024-05-07", "2024-06-06", 7, "2024-05-30"),  # Thu 30.05
        ("2024-03-30", "2024-04-27", 40, "2024-04-01"),  # before registration (a Saturday): Mon 01.04
        ("2024-03-28", "2024-04-27", 0, "2024-04-27"),  # default: the legal deadline itself
    ],
)
def test_control_deadline(calendar, registered, legal, offset, expected):
    engine = DeadlineEngine(calendar, DeadlineRules(control_offset_days=offset))
    assert engine.control_deadline(D(legal), D(registered)) == D(expected)


# -- extension (art. 12 p. 2) -------------------------------------------------------------------
def test_max_extension_days(engine_prev):
    assert engine_prev.max_extension_days(Kind.COMPLAINT) == 30
    assert engine_prev.max_extension_days(Kind.STATEMENT) == 30
    assert engine_prev.max_extension_days(Kind.INFO_REQUEST) == 15
    assert engine_prev.max_extension_days(Kind.MESSAGE) == 0


@pytest.mark.parametrize(
    ("legal", "days", "preceding", "following"),
    [
        ("2024-04-27", 30, "2024-05-27", "2024-05-27"),  # Mon 27.05
        ("2025-12-30", 30, "2026-01-29", "2026-01-29"),  # Thu 29.01.2026
        ("2024-12-05", 30, "2024-12-28", "2025-01-09"),  # Sat 04.01.2025
        ("2024-07-05", 1, "2024-07-08", "2024-07-08"),  # Fri + 1 = Sat: never back onto the Friday itself
        ("2025-12-30", 3, "2026-01-12", "2026-01-12"),  # all of 31.12-11.01 off: not back to 30.12
        ("2024-07-05", 0, "2024-07-05", "2024-07-05"),
    ],
)
def test_extended_deadline(engine_prev, engine_next, legal, days, preceding, following):
    assert engine_prev.extended_deadline(D(legal), days) == D(preceding)
    assert engine_next.extended_deadline(D(legal), days) == D(following)


def test_negative_extension_is_refused(engine_prev):
    with pytest.raises(ValueError):
        engine_prev.extended_deadline(D("2024-07-05"), -1)


# -- forwarding (art. 8 p. 3) and registration (art. 8 p. 2) -----------------------------------
@pytest.mark.parametrize(
    ("registered", "preceding", "following"),
    [
        ("2024-06-03", "2024-06-10", "2024-06-10"),  # Mon + 7 = Mon
        ("2024-04-22", "2024-04-27", "2024-05-02"),  # + 7 = 29.04 off -> working Sat 27.04
        ("2024-06-05", "2024-06-11", "2024-06-13"),  # + 7 = 12.06 Russia Day
        ("2025-12-30", "2026-01-12", "2026-01-12"),  # + 7 = 06.01: the whole term is off, not 30.12 itself
    ],
)
def test_forwarding_deadline(engine_prev, engine_next, registered, preceding, following):
    assert engine_prev.forwarding_deadline(D(registered)) == D(preceding)
    assert engine_next.forwarding_deadline(D(registered)) == D(following)


@pytest.mark.parametrize(
    ("received", "preceding", "following"),
    [
        ("2024-06-03", "2024-06-06", "2024-06-06"),  # Mon + 3 = Thu
        ("2024-06-05", "2024-06-07", "2024-06-10"),  # Wed + 3 = Sat
        ("2024-04-26", "2024-04-27", "2024-05-02"),  # + 3 = 29.04 off -> working Sat 27.04
        ("2025-12-31", "2026-01-12", "2026-01-12"),  # received on a day off: never 30.12, before receipt
        ("2025-12-30", "2026-01-12", "2026-01-12"),  # + 3 = 02.01: no working day in the term
    ],
)
def test_registration_deadline(engine_prev, engine_next, received, preceding, following):
    assert engine_prev.registration_deadline(D(received)) == D(preceding)
    assert engine_next.registration_deadline(D(received)) == D(following)


def test_registered_late(engine_prev, engine_next):
    received = D("2024-06-05")  # Wed; the deadline is Fri 07.06 (preceding) or Mon 10.06 (next)
    assert not engine_prev.registered_late(received, D("2024-06-05"))
    assert not engine_prev.registered_late(received, D("2024-06-07"))
    assert engine_prev.registered_late(received, D("2024-06-10"))
    assert not engine_next.registered_late(received, D("2024-06-10"))
    assert engine_next.registered_late(received, D("2024-06-11"))
    # received on 31.12.2025 (a day off) and registered on the first working day of 2026: on time
    assert not engine_prev.registered_late(D("2025-12-31"), D("2026-01-12"))


# -- messages (ПОС, social networks): 24 hours, round the clock ----------------------------------
def test_message_deadline_is_24_hours_and_not_moved(engine_prev, engine_next, calendar):
    for engine in (engine_prev, engine_next):
        assert engine.legal_deadline(D("2024-12-31"), Kind.MESSAGE) == D("2025-01-01")  # a holiday: stays
        assert engine.legal_deadline(D("2024-06-07"), Kind.MESSAGE) == D("2024-06-08")  # a Saturday: stays
        # counted from receipt when given
        deadline = engine.legal_deadline(D("2024-06-10"), Kind.MESSAGE, received_on=D("2024-06-08"))
        assert deadline == D("2024-06-09")
    engine48 = DeadlineEngine(calendar, DeadlineRules(message_hours=48))
    assert engine48.legal_deadline(D("2024-06-07"), Kind.MESSAGE) == D("2024-06-09")


# -- information requests under 8-FZ: 30 days, +15 ----------------------------------------------
def test_info_request(engine_prev, engine_next):
    assert engine_prev.legal_deadline(D("2025-12-02"), Kind.INFO_REQUEST) == D("2025-12-30")
    assert engine_next.legal_deadline(D("2025-12-02"), Kind.INFO_REQUEST) == D("2026-01-12")
    assert engine_prev.legal_deadline(D("2024-03-30"), Kind.INFO_REQUEST) == D("2024-04-27")
    days = engine_prev.max_extension_days(Kind.INFO_REQUEST)
    assert days == 15
    assert engine_prev.extended_deadline(D("2025-12-30"), days) == D("2026-01-14")  # Wed
    assert engine_prev.extended_deadline(D("2024-04-27"), days) == D("2024-05-08")  # 12.05 Sun; 09-11.05 off


def test_info_request_term_is_a_setting(calendar):
    engine = DeadlineEngine(calendar, DeadlineRules(info_request_days=20))
    # +20 = Sun 04.02 -> Fri 02.02
    assert engine.legal_deadline(D("2024-01-15"), Kind.INFO_REQUEST) == D("2024-02-02")
    assert engine.legal_deadline(D("2024-01-15"), Kind.STATEMENT) == D("2024-02-14")


# -- deadline states ----------------------------------------------------------------------------
FRI = D("2024-07-05")  # due soon (3 working days) = Mon 08, Tue 09, Wed 10.07


@pytest.mark.parametrize(
    ("deadline", "closed", "extended", "today", "expected"),
    [
        ("2024-07-04", False, False, FRI, DeadlineState.OVERDUE),
        ("2024-07-04", False, True, FRI, DeadlineState.OVERDUE),
        ("2024-07-05", False, False, FRI, DeadlineState.DUE_TODAY),
        ("2024-07-08", False, False, FRI, DeadlineState.DUE_SOON),  # across the weekend
        ("2024-07-10", False, False, FRI, DeadlineState.DUE_SOON),  # the third working day
        ("2024-07-10", False, True, FRI, DeadlineState.DUE_SOON),  # due soon outranks extended
        ("2024-07-11", False, False, FRI, DeadlineState.IN_PROGRESS),
        ("2024-07-11", False, True, FRI, DeadlineState.EXTENDED),
        ("2024-07-04", True, False, FRI, DeadlineState.CLOSED),  # closed outranks overdue
        (None, False, False, FRI, DeadlineState.IN_PROGRESS),
        # Fri 07.06.2024: Mon 10, Tue 11, (Wed 12 Russia Day), Thu 13.06
        ("2024-06-13", False, False, D("2024-06-07"), DeadlineState.DUE_SOON),
        ("2024-06-14", False, False, D("2024-06-07"), DeadlineState.IN_PROGRESS),
        # seen from a Saturday: Mon, Tue, Wed
        ("2024-07-10", False, False, D("2024-07-06"), DeadlineState.DUE_SOON),
        ("2024-07-11", False, False, D("2024-07-06"), DeadlineState.IN_PROGRESS),
    ],
)
def test_state(engine_prev, deadline, closed, extended, today, expected):
    deadline = D(deadline) if deadline else None
    assert engine_prev.state(deadline, closed, extended, today) == expected


def test_due_soon_until(engine_prev):
    assert engine_prev.due_soon_until(FRI) == D("2024-07-10")
    assert engine_prev.due_soon_until(D("2024-06-07")) == D("2024-06-13")
    assert engine_prev.due_soon_until(D("2025-12-26")) == D("2026-01-12")  # Mon 29, Tue 30.12, then 12.01
