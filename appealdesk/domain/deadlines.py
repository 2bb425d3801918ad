"""The 59-FZ deadline engine (domain.md section 2, deadlines_59fz.csv). Pure functions over a calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import WorkCalendar
from .codes import DeadlineState, Kind

PRECEDING = "previous"
FOLLOWING = "next"

# the hours a message (ПОС, social networks) may wait for its answer: a regional rule, not 59-FZ; the
# office's setting keeps it between these bounds
MESSAGE_HOURS_MIN, MESSAGE_HOURS_MAX = 1, 240


@dataclass(frozen=True)
class DeadlineRules:
    """The office's deadline settings. Defaults follow 59-FZ and the usual record-keeping practice."""

    non_working_rule: str = PRECEDING  # a deadline on a day off moves to the preceding (or next) working day
    consideration_days: int = 30  # art. 12 p. 1
    control_offset_days: int = 0  # the internal control deadline, days before the legal one
    due_soon_days: int = 3  # working days before a deadline that count as "due soon"
    extension_max_days: int = 30  # art. 12 p. 2
    forwarding_days: int = 7  # art. 8 p. 3
    registration_days: int = 3  # art. 8 p. 2
    message_hours: int = 24  # messages from ПОС / social networks: a regional rule (the office's setting)
    info_request_days: int = 30  # 8-FZ art. 18
    info_request_extension_max_days: int = 15  # 8-FZ: +15 with notice of the delay
    info_delay_notice_days: int = 7  # 8-FZ art. 18: the notice of the delay within 7 days of registration
    document_request_days: int = 15  # 59-FZ art. 10 p. 2: documents another body asks for, within 15 days
    no_answer_notice_days: int = 7  # 59-FZ art. 11 pp. 2, 4, 4.1, 5.1: the return or the notice, 7 days
    reception_invite_working_days: int = 7  # 12 December: one not received is invited within 7 working days

    def __post_init__(self):
        if self.non_working_rule not in (PRECEDING, FOLLOWING):
            raise ValueError(f"unknown non-working-day rule {self.non_working_rule!r}")
        for name in (
            "consideration_days",
            "control_offset_days",
            "due_soon_days",
            "extension_max_days",
            "forwarding_days",
            "registration_days",
            "message_hours",
            "info_request_days",
            "info_request_extension_max_days",
            "info_delay_notice_days",
            "document_request_days",
            "no_answer_notice_days",
            "reception_invite_working_days",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer, not {value!r}")
        if self.consideration_days < 1 or self.info_request_days < 1:
            raise ValueError("a consideration term must be at least one day")
        if not MESSAGE_HOURS_MIN <= self.message_hours <= MESSAGE_HOURS_MAX:
            raise ValueError(f"message_hours must be {MESSAGE_HOURS_MIN}..{MESSAGE_HOURS_MAX}, not {self.message_hours}")


@dataclass(frozen=True)
class DeadlineWindow:
    """Where a deadline stands seen from one day: THE definition of "overdue", "due today" and "due soon".

    ``soon_until`` is the last day that still counts as due soon (``due_soon_days`` working days ahead).
    Its SQL twin (``services.deadline_sql``) states the same conditions over the appeals table, so that
    the journal's filter, the status bar, the today panel and the calendar count what a card shows.
    """

    today: date
    soon_until: date

    def urgency(self, deadline: date) -> str:
        """``overdue`` | ``due_today`` | ``due_soon`` | ``""`` (later) of a deadline not yet met."""
        if deadline < self.today:
            return DeadlineState.OVERDUE.value
        if deadline == self.today:
            return DeadlineState.DUE_TODAY.value
        if deadline <= self.soon_until:
            return DeadlineState.DUE_SOON.value
        return ""

    def state(self, deadline: date | None, closed: bool, extended: bool) -> DeadlineState:
        """The state of an appeal: closed; else overdue / due today / due soon; else extended; else in
        progress."""
        if closed:
            return DeadlineState.CLOSED
        if deadline is None:
            return DeadlineState.IN_PROGRESS
        urgent = self.urgency(deadline)
        if urgent:
            return DeadlineState(urgent)
        return DeadlineState.EXTENDED if extended else DeadlineState.IN_PROGRESS


class DeadlineEngine:
    """Computes every term the program controls, for one calendar and one set of rules."""

    def __init__(self, calendar: WorkCalendar, rules: DeadlineRules | None = None):
        self.calendar = calendar
        self.rules = rules or DeadlineRules()

    def shift(self, day: date, start: date | None = None) -> date:
        """Move a deadline that falls on a non-working day according to the office's rule.

        ``start`` is the event the term runs from. Under the preceding-day rule a term whose every day
        after ``start`` is a day off (a 3-day registration term over the New Year break, a short
        extension over a weekend) would end on ``start`` itself or even before it; such a term moves to
        the next working day instead, so a term of at least one day always ends after it starts.
        """
        calendar = self.calendar
        if self.rules.non_working_rule == FOLLOWING:
            return calendar.next_working(day)
        earlier = calendar.previous_working(day)
        if start is not None and earlier <= start < day:
            return calendar.next_working(day)
        return earlier

    # -- the terms -------------------------------------------------------------------------------
    def legal_deadline(self, registered_on: date, kind: str, received_on: date | None = None) -> date:
        """The deadline by law: 30 days from registration (the term starts the next day)."""
        if kind == Kind.MESSAGE:
            # 24 hours from receipt, round the clock: not moved off days off
            start = received_on or registered_on
            return start + timedelta(days=max(1, -(-self.rules.message_hours // 24)))
        days = self.rules.info_request_days if kind == Kind.INFO_REQUEST else self.rules.consideration_days
        return self.shift(registered_on + timedelta(days=days), registered_on)

    def control_deadline(self, legal: date, registered_on: date) -> date:
        """The internal control deadline: ``control_offset_days`` calendar days before the legal one.

        It falls on the working day at or before that date, but never before the first working day from
        registration, and never after the legal deadline.
        """
        if self.rules.control_offset_days <= 0:
            return legal
        day = self.calendar.previous_working(legal - timedelta(days=self.rules.control_offset_days))
        return min(legal, max(day, self.calendar.next_working(registered_on)))

    def max_extension_days(self, kind: str) -> int:
        if kind == Kind.INFO_REQUEST:
            return self.rules.info_request_extension_max_days
        if kind == Kind.MESSAGE:
            return 0
        return self.rules.extension_max_days

    def extended_deadline(self, legal: date, days: int) -> date:
        """The deadline after an extension by ``days`` calendar days, counted from the deadline in force.

        An extension of at least one day always ends after ``legal`` (see :meth:`shift`).
        """
        if days < 0:
            raise ValueError(f"an extension cannot be negative: {days}")
        if days == 0:
            return legal
        return self.shift(legal + timedelta(days=days), legal)

    def forwarding_deadline(self, registered_on: date) -> date:
        """Forwarding to the competent body, and the notice of it, within 7 days of registration."""
        return self.shift(registered_on + timedelta(days=self.rules.forwarding_days), registered_on)

    def registration_deadline(self, received_on: date) -> date:
        """Registration within 3 days of receipt."""
        return self.shift(received_on + timedelta(days=self.rules.registration_days), received_on)

    def registered_late(self, received_on: date, registered_on: date) -> bool:
        return registered_on > self.registration_deadline(received_on)

    def due_soon_until(self, today: date) -> date:
        """The last day that still counts as "due soon" seen from ``today``."""
        return self.calendar.add_working_days(today, self.rules.due_soon_days)

    def window(self, today: date) -> DeadlineWindow:
        """The deadline window seen from ``today``."""
        return DeadlineWindow(today, self.due_soon_until(today))

    def state(self, deadline: date | None, closed: bool, extended: bool, today: date) -> DeadlineState:
        """Where an appeal stands against the deadline in force on ``today`` (``DeadlineWindow.state``)."""
        return self.window(today).state(deadline, closed, extended)

    # -- terms of 59-FZ art. 10, 11 and 8-FZ art. 18 ------------------------------------------------
    def seven_day_notice(self, registered_on: date) -> date:
        """The last day of a notice due "within seven days of registration" (59-FZ art. 11 pp. 2, 4, 4.1,
        5.1): the return of an appeal challenging a court decision, the notice that the text is unreadable
        or unclear, the site where the answer is published."""
        return self.shift(registered_on + timedelta(days=self.rules.no_answer_notice_days), registered_on)

    def info_delay_notice_deadline(self, registered_on: date) -> date:
        """8-FZ art. 18: the notice of a delayed answer to an information request, within 7 days of its
        registration."""
        return self.shift(registered_on + timedelta(days=self.rules.info_delay_notice_days), registered_on)

    def document_request_deadline(self, received_on: date) -> date:
        """59-FZ art. 10 p. 2: documents and materials another body requests for the consideration of an
        appeal are provided within 15 days (of the request's receipt)."""
        return self.shift(received_on + timedelta(days=self.rules.document_request_days), received_on)

    def reception_invite_deadline(self, day: date) -> date:
        """The all-Russian reception day: a citizen who could not be received that day is given a time of a
        personal reception within 7 working days after it."""
        return self.calendar.add_working_days(day, self.rules.reception_invite_working_days)

    def squeezed_days(self, registered_on: date, kind: str, legal: date) -> int:
        """How many days of the consideration term a run of days off takes away: 0 for a term that ends as
        counted or is shortened by an ordinary weekend (at most 2 days); else the days lost (an appeal of
        11.12.2026 is due 30.12.2026 before the New Year holidays: it gets 19 days of 30, 11 are lost)."""
        if kind == Kind.MESSAGE:
            return 0
        days = self.rules.info_request_days if kind == Kind.INFO_REQUEST else self.rules.consideration_days
        lost = days - (legal - registered_on).days
        return lost if lost > 2 else 0
