"""Stable codes of the vocabularies (``resources/reference/vocabulary*.csv``).

The codes are what the database, the exchange files and the JSON report hold; the Russian labels
come from the vocabulary tables. The classes here let the rules name a code without a typo.
"""

from __future__ import annotations

from enum import StrEnum


class Form(StrEnum):
    WRITTEN = "written"
    ELECTRONIC = "electronic"
    PERSONAL_RECEPTION = "personal_reception"
    VISITING_RECEPTION = "visiting_reception"
    PHONE = "phone"


class Source(StrEnum):
    DIRECT = "direct"
    REGION = "region"
    PRESIDENT = "president"
    OTHER_BODY = "other_body"
    FEEDBACK_PLATFORM = "feedback_platform"
    SOCIAL_MEDIA = "social_media"


class Kind(StrEnum):
    PROPOSAL = "proposal"
    STATEMENT = "statement"
    COMPLAINT = "complaint"
    INFO_REQUEST = "info_request"
    MESSAGE = "message"


class Result(StrEnum):
    SUPPORTED = "supported"
    MEASURES_TAKEN = "measures_taken"
    EXPLAINED = "explained"
    NOT_SUPPORTED = "not_supported"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    LEFT_WITHOUT_ANSWER = "left_without_answer"
    IN_PROGRESS = "in_progress"  # derived: a question without a result


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    PARTLY_SATISFIED = "partly_satisfied"
    NOT_SATISFIED = "not_satisfied"


class Check(StrEnum):
    ON_CONTROL = "on_control"
    COMMISSION = "commission"
    ON_SITE = "on_site"
    WITH_AUTHOR = "with_author"


class ReceptionKind(StrEnum):
    REGULAR = "regular"
    VISITING = "visiting"
    NATIONAL_DAY = "national_day"
    VIDEO = "video"


class AnswerMethod(StrEnum):
    POST = "post"
    EMAIL = "email"
    HANDED = "handed"
    EPGU = "epgu"
    ORAL = "oral"


class NoAnswerGround(StrEnum):
    """Grounds of 59-FZ art. 11 for leaving an appeal without an answer."""

    ANONYMOUS = "anonymous"
    OBSCENE = "obscene"
    UNREADABLE = "unreadable"
    UNCLEAR = "unclear"
    COURT_DECISION = "court_decision"
    CORRESPONDENCE_TERMINATED = "correspondence_terminated"


class ApplicantType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class DeadlineState(StrEnum):
    """How an appeal stands against its deadline on a given day (the colour in the journal)."""

    CLOSED = "closed"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    EXTENDED = "extended"
    IN_PROGRESS = "in_progress"


DEADLINE_STATE_LABELS = {
    DeadlineState.CLOSED: "Закрыто",
    DeadlineState.OVERDUE: "Просрочено",
    DeadlineState.DUE_TODAY: "Срок сегодня",
    DeadlineState.DUE_SOON: "Срок скоро",
    DeadlineState.EXTENDED: "Продлено",
    DeadlineState.IN_PROGRESS: "На рассмотрении",
}

# The vocabulary groups a value of which an appeal field must hold.
FIELD_GROUPS = {
    "form": "form",
    "source": "source",
    "kind": "kind",
    "result": "result",
    "satisfaction": "satisfaction",
    "answer_method": "answer_method",
    "no_answer_ground": "no_answer_ground",
}
