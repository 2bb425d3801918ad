"""Plain frozen values of deadline control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ControlFilter:
    """The calendar's filters: executor, classifier section (or any code prefix), form of receipt."""

    executor_id: int | None = None
    section: str | None = None
    form: str | None = None

    def is_active(self) -> bool:
        return self.executor_id is not None or bool(self.section) or bool(self.form)


@dataclass(frozen=True)
class DayCounts:
    """One day of the calendar. Counts are of appeals on consideration (not closed, not deleted)."""

    day: date
    legal: int = 0  # the deadline in force (legal or extended) falls on this day
    extended: int = 0  # ... of which the deadline was extended
    control: int = 0  # the internal control deadline falls on this day (when it differs from the deadline)
    promises: int = 0  # open promises of answers due this day
    receptions: int = 0  # receptions of citizens that day (not cancelled)
    working: bool = True
    holiday: str | None = None  # the holiday's or the transferred day off's name
    transferred_working: bool = False  # a working Saturday or Sunday (a transfer by decree)
    state: str = ""  # overdue | due_today | due_soon | extended | "" (nothing due)

    @property
    def due(self) -> int:
        return self.legal + self.control + self.promises


@dataclass(frozen=True)
class MonthCounts:
    year: int
    month: int
    today: date
    first: date  # the Monday the six-week grid starts on
    days: tuple[DayCounts, ...]  # 42 days from ``first``

    def get(self, day: date) -> DayCounts | None:
        index = (day - self.first).days
        return self.days[index] if 0 <= index < len(self.days) else None

    def in_month(self) -> tuple[DayCounts, ...]:
        return tuple(d for d in self.days if d.day.month == self.month and d.day.year == self.year)


@dataclass(frozen=True)
class ControlItem:
    """One line behind a calendar day or a today-panel line: an appeal (or a promise of its answer)."""

    appeal_id: int | None  # None: a request for documents of another body's appeal
    reg_number: str
    applicant: str
    executor: str | None
    what: str  # deadline | control | promise | extension_notice | forwarding | late_registration | message | document
    due_on: date | None
    state: str
    summary: str
    detail: str = ""
    promise_id: int | None = None
    forwarding_id: int | None = None
    document_id: int | None = None
    notice_missing: bool = False  # an extension or forwarding whose notice to the applicant is not recorded


@dataclass(frozen=True)
class TodayLine:
    key: str
    title: str
    count: int
    journal_state: str | None = None  # the journal state filter behind the line, None = a list of its own
    severity: str = "info"  # alarm | warn | info
    description: str = ""  # what the line means, in full (the tooltip, the title of its list)


@dataclass(frozen=True)
class TodaySummary:
    today: date
    due_soon_until: date
    lines: tuple[TodayLine, ...]

    def count(self, key: str) -> int:
        return next((line.count for line in self.lines if line.key == key), 0)

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)


@dataclass(frozen=True)
class PromiseInput:
    text: str
    due_on: date | None
    executor_id: int | None = None


@dataclass(frozen=True)
class PromiseDoneInput:
    done_on: date | None
    call_on: date | None  # the confirmation call with the applicant
    call_note: str = ""
    confirmed_by: str = ""


@dataclass(frozen=True)
class PromiseView:
    id: int
    appeal_id: int
    reg_number: str
    applicant: str
    appeal_closed: bool
    text: str
    due_on: date
    executor_id: int | None
    executor: str | None
    status: str  # open | done | cancelled
    state: str  # overdue | due_today | due_soon | open | done | cancelled
    done_on: date | None
    confirmed_by: str | None
    call_on: date | None
    call_note: str | None
    created_by: str


@dataclass(frozen=True)
class DisciplineRow:
    executor_id: int | None
    executor: str
    total: int
    on_time: int
    late: int
    open_in_term: int
    overdue_now: int
    avg_days: float | None  # calendar days from registration to the answer, answered appeals only
    late_letters: int = 0  # notices and answers sent after their term (letters made by the program)

    @property
    def answered(self) -> int:
        return self.on_time + self.late


@dataclass(frozen=True)
class Discipline:
    date_from: date
    date_to: date
    today: date
    rows: tuple[DisciplineRow, ...]
    total: DisciplineRow


@dataclass(frozen=True)
class ReminderItem:
    reg_number: str
    applicant: str
    summary: str
    what: str  # appeal | promise
    due_on: date
    control_deadline: date | None
    days_left: int


@dataclass(frozen=True)
class ReminderGroup:
    executor_id: int | None
    executor: str
    position: str | None
    items: tuple[ReminderItem, ...]


@dataclass(frozen=True)
class Reminders:
    today: date
    until: date
    organisation: str
    groups: tuple[ReminderGroup, ...]


@dataclass(frozen=True)
class DocumentRequestInput:
    """Documents for the consideration of an appeal (59-FZ art. 10 p. 2, 15 days): ``incoming`` — another
    body asks us (its appeal; ours may be linked), ``outgoing`` — we ask another body for our appeal."""

    direction: str
    body: str
    request_on: date  # received (incoming) or sent (outgoing)
    appeal_id: int | None = None
    number: str | None = None
    subject: str | None = None
