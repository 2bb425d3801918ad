"""Plain frozen values of the personal reception (59-FZ art. 13): what goes in and out of the service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING

from ..domain.names import short_full_name
from ..domain.text import CleanText

if TYPE_CHECKING:  # a runtime import would load the whole service layer (and loop back here)
    from ..services.values import ApplicantInput

KIND_LABELS = {
    "regular": "Личный приём",
    "visiting": "Выездной приём",
    "national_day": "Общероссийский день приёма граждан",
    "video": "Приём в режиме видеосвязи",
    "consultative": "Консультативный приём",
}
# for narrow lists (the reception panel): the full label goes into the tooltip
KIND_SHORT = {
    "regular": "Личный",
    "visiting": "Выездной",
    "national_day": "Общерос. день",
    "video": "Видеосвязь",
    "consultative": "Консульт.",
}
EXCEPTION_LABELS = {
    "vacation": "отпуск",
    "sick_leave": "больничный",
    "cancelled": "приём отменён",
    "changed": "изменены часы или место",
}
BOOKING_LABELS = {"booked": "записан", "cancelled": "запись отменена", "no_show": "не явился", "received": "принят"}
RECEPTION_LABELS = {"planned": "запланирован", "held": "проведён", "cancelled": "отменён"}
OUTCOME_LABELS = {
    "oral_answer": "Дан устный ответ (с согласия гражданина)",
    "written_answer": "Будет дан письменный ответ",
    "outside_competence": "Вопрос не относится к компетенции: разъяснено, куда обратиться",
    "appeal_handed": "Принято письменное обращение",
    "invited": "Не принят в этот день: приглашён на личный приём (в течение 7 рабочих дней)",
    "refused_answered": "Отказано в дальнейшем рассмотрении: ответ по существу дан ранее (ч. 6 ст. 13 59-ФЗ)",
}
WEEKDAY_NAMES = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
WEEKDAY_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
NATIONAL_FROM, NATIONAL_TO = time(12, 0), time(20, 0)


# -- input ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleInput(CleanText):
    """A standing rule: ``weekdays`` are ISO numbers (1 = Monday); ``month_weeks`` (1..5) limit it to some
    weeks of the month, empty = every week."""

    official_id: int
    weekdays: tuple[int, ...]
    time_from: time
    time_to: time
    place: str
    valid_from: date
    valid_to: date | None = None
    phone: str | None = None
    pre_registration: bool = False
    slot_minutes: int = 15
    kind: str = "regular"  # regular | video
    month_weeks: tuple[int, ...] = ()
    priority_note: str | None = None
    note: str | None = None
    active: bool = True


@dataclass(frozen=True)
class ExceptionInput(CleanText):
    official_id: int
    date_from: date
    date_to: date
    kind: str  # vacation | sick_leave | cancelled | changed
    time_from: time | None = None
    time_to: time | None = None
    place: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class VisitingInput(CleanText):
    """A visiting reception in a village (or any one-off reception when ``kind`` is regular or video)."""

    official_id: int
    day: date
    time_from: time
    time_to: time
    settlement_id: int | None
    place: str
    phone: str | None = None
    pre_registration: bool = False
    slot_minutes: int = 15
    note: str | None = None
    kind: str = "visiting"


@dataclass(frozen=True)
class BookingInput(CleanText):
    slot_from: time
    applicant_id: int | None = None
    applicant: ApplicantInput | None = None  # a new visitor (or edits of the chosen one)
    topic: str | None = None
    priority_category: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class CardQuestionInput(CleanText):
    code: str
    note: str | None = None


@dataclass(frozen=True)
class CardInput(CleanText):
    """The reception card of 59-FZ art. 13. ``outcome``: oral_answer | written_answer | outside_competence
    | appeal_handed. A written answer or a handed-in appeal registers an appeal with the card."""

    summary: str
    questions: tuple[CardQuestionInput, ...]
    outcome: str
    booking_id: int | None = None  # None: a walk-in
    applicant_id: int | None = None
    applicant: ApplicantInput | None = None
    visited_at: time | None = None
    identity_document: str | None = None
    social_category: str | None = None
    oral_consent: bool = False
    answer_text: str | None = None
    referred_to: str | None = None
    appeal_kind: str = "statement"  # the kind of the appeal a written answer creates
    executor_id: int | None = None
    official_id: int | None = None  # who received the visitor (the reception day: any official present)
    video_body: str | None = None  # connected by video to the competent body (with the visitor's consent)
    video_consent: bool = False
    invited_on: date | None = None  # outcome ``invited``: the day of the personal reception he is invited to
    earlier_appeal_id: int | None = None  # outcome ``refused_answered``: the appeal answered on the merits


# -- output -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleView:
    id: int
    official_id: int
    official: str
    position: str
    kind: str
    weekdays: tuple[int, ...]
    month_weeks: tuple[int, ...]
    time_from: time
    time_to: time
    place: str
    phone: str | None
    pre_registration: bool
    slot_minutes: int
    priority_note: str | None
    valid_from: date
    valid_to: date | None
    note: str | None
    active: bool

    @property
    def days_text(self) -> str:
        return weekdays_text(self.weekdays, self.month_weeks)


@dataclass(frozen=True)
class ExceptionView:
    id: int
    official_id: int
    official: str
    date_from: date
    date_to: date
    kind: str
    time_from: time | None
    time_to: time | None
    place: str | None
    note: str | None


@dataclass(frozen=True)
class ScheduleEntry:
    """One reception on one day, materialised (``reception_id``) or only proposed by a rule or the calendar.
    ``key`` names it for the service either way: ``r:<id>``, ``rule:<id>:<YYYY-MM-DD>``, ``nd:<year>``."""

    key: str
    reception_id: int | None
    kind: str
    day: date
    time_from: time
    time_to: time
    official_id: int | None
    official: str  # "" for the reception day of all officials
    position: str
    place: str
    settlement: str | None
    phone: str | None
    pre_registration: bool
    slot_minutes: int
    status: str = "planned"
    rule_id: int | None = None
    note: str | None = None
    booked: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def official_short(self) -> str:
        return short_full_name(self.official)

    @property
    def kind_short(self) -> str:
        return KIND_SHORT.get(self.kind, self.kind_label)

    @property
    def hours(self) -> str:
        return f"{self.time_from:%H:%M}–{self.time_to:%H:%M}"


@dataclass(frozen=True)
class Schedule:
    start: date
    end: date
    entries: tuple[ScheduleEntry, ...]
    rules: tuple[RuleView, ...]  # the rules valid in the period
    exceptions: tuple[ExceptionView, ...]
    skipped: tuple[tuple[int, date, str], ...]  # (rule id, day, why) rule days with no reception


@dataclass(frozen=True)
class BookingView:
    id: int
    reception_id: int
    slot_from: time
    slot_to: time
    applicant_id: int
    applicant: str
    applicant_phone: str | None
    topic: str | None
    priority_category: str | None
    phone: str | None
    status: str
    status_note: str | None
    card_id: int | None = None

    @property
    def status_label(self) -> str:
        return BOOKING_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Slot:
    slot_from: time
    slot_to: time
    booking: BookingView | None


@dataclass(frozen=True)
class CardQuestionView:
    code: str
    name: str
    note: str | None


@dataclass(frozen=True)
class CardView:
    id: int
    reception_id: int
    day: date
    reception_kind: str
    official: str
    position: str
    place: str
    booking_id: int | None
    applicant_id: int | None
    applicant: str
    applicant_address: str | None
    visited_at: time | None
    walk_in: bool
    identity_document: str | None
    social_category: str | None
    summary: str
    questions: tuple[CardQuestionView, ...]
    outcome: str
    oral_consent: bool
    answer_text: str | None
    referred_to: str | None
    appeal_id: int | None
    appeal_number: str | None
    appeal_deadline: date | None
    official_id: int | None = None
    video_body: str | None = None
    video_consent: bool = False
    invited_on: date | None = None
    earlier_appeal_id: int | None = None
    earlier_appeal_number: str | None = None

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, self.outcome)


@dataclass(frozen=True)
class ReceptionDay:
    """A reception with its slots, bookings and cards: what the reception day screen shows."""

    entry: ScheduleEntry
    slots: tuple[Slot, ...]
    bookings: tuple[BookingView, ...]  # every booking, cancelled ones too, by time
    cards: tuple[CardView, ...]


def weekdays_text(weekdays: tuple[int, ...], month_weeks: tuple[int, ...] = ()) -> str:
    days = sorted(set(weekdays))
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        text = f"{WEEKDAY_NAMES[days[0] - 1]} – {WEEKDAY_NAMES[days[-1] - 1]}"
    else:
        text = ", ".join(WEEKDAY_NAMES[d - 1] for d in days)
    if month_weeks:
        ordinals = {1: "1-я", 2: "2-я", 3: "3-я", 4: "4-я", 5: "5-я"}
        text += " (" + ", ".join(ordinals.get(w, str(w)) for w in sorted(month_weeks)) + " неделя месяца)"
    return text
