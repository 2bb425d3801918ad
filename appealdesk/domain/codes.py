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
    RETURNED = "returned"  # 59-FZ art. 11 p. 2: a court decision challenged, the appeal returned (added in v2)


# results that answer a question on the merits (59-FZ art. 11 p. 5, art. 13 p. 6: "ответ по существу")
MERITS_RESULTS = frozenset({"supported", "measures_taken", "explained", "not_supported"})


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
    CONSULTATIVE = "consultative"  # a consultative reception, also on days off (the Gubkin practice)


class Channel(StrEnum):
    """How an electronic appeal arrived (547-FZ: since 30.03.2025 through ЕПГУ, the body's own information
    system or its official site; a plain e-mail is no longer a channel of 59-FZ appeals)."""

    EPGU = "epgu"
    SITE = "site"
    OWN_IS = "own_is"
    EMAIL = "email"


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
    PUBLISHED_ON_SITE = "published_on_site"  # art. 11 p. 5.1 with art. 10 p. 4
    SECRET = "secret"  # art. 11 p. 6


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


# THE labels of the deadline states (the journal's column, the status bar, the today panel, the command
# line) and of the journal's state filters (a filter is a set of states: "В срок" is every open appeal
# that is not overdue)
DEADLINE_STATE_LABELS = {
    DeadlineState.CLOSED: "Закрыто",
    DeadlineState.OVERDUE: "Просрочено",
    DeadlineState.DUE_TODAY: "Срок сегодня",
    DeadlineState.DUE_SOON: "Срок скоро",
    DeadlineState.EXTENDED: "Продлено",
    DeadlineState.IN_PROGRESS: "На рассмотрении",
}
DEADLINE_FILTER_LABELS = {
    "open": "Все на рассмотрении",
    "in_progress": "В срок",
    "overdue": "Просроченные",
    "due_today": "Срок сегодня",
    "due_soon": "Срок скоро",
    "extended": "Продлённые",
    "closed": "Закрытые",
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
    "channel": "channel",
}
