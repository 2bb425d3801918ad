"""Plain immutable values that go in and out of the service layer. No ORM object ever leaves it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from ..domain.text import CleanText

# -- input ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ApplicantInput(CleanText):
    """An applicant as typed on the card or read from a journal row. Empty surname = anonymous."""

    type: str = "person"  # person | organisation
    last_name: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    org_name: str | None = None
    settlement_id: int | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    social_category: str | None = None


@dataclass(frozen=True)
class QuestionInput(CleanText):
    code: str
    executor_id: int | None = None
    result: str | None = None
    note: str | None = None
    id: int | None = None  # an existing question of the appeal (edit), None for a new one


@dataclass(frozen=True)
class AppealInput(CleanText):
    """Everything the registration card holds. ``registered_on`` None means today."""

    form: str
    kind: str
    summary: str
    questions: tuple[QuestionInput, ...]
    source: str = "direct"
    registered_on: date | None = None
    received_on: date | None = None
    cover_letter: str | None = None
    complaint_about: str | None = None
    applicant: ApplicantInput | None = None  # a new or edited applicant; None with no id = anonymous
    applicant_id: int | None = None  # an applicant chosen from the look-up
    is_collective: bool = False
    signatures: int | None = None
    settlement_id: int | None = None  # None = the applicant's settlement
    resolution: str | None = None
    resolution_by_id: int | None = None
    resolution_on: date | None = None
    executor_id: int | None = None
    on_control: bool = False
    commission: bool = False
    on_site: bool = False
    with_author: bool = False
    is_repeated: bool = False
    previous_appeal_id: int | None = None
    previous_number: str | None = None
    reg_number: str | None = None  # None = assign from the numbering pattern
    channel: str | None = None  # an electronic appeal: epgu | site | own_is | email (547-FZ)
    crime_report: bool = False  # art. 11 p. 1: the text reports an unlawful act (an anonymous one is forwarded)


@dataclass(frozen=True)
class ResolutionInput(CleanText):
    text: str
    executor_id: int | None
    by_id: int | None = None
    on: date | None = None
    on_control: bool = True
    control_deadline: date | None = None  # None = keep the computed one


@dataclass(frozen=True)
class ExtensionInput(CleanText):
    days: int
    reason: str
    extended_by: str
    extended_on: date | None = None
    notice_on: date | None = None


@dataclass(frozen=True)
class ForwardingInput(CleanText):
    to_body: str
    forwarded_on: date | None = None
    outgoing_number: str | None = None
    notice_on: date | None = None
    note: str | None = None
    question_ids: tuple[int, ...] = ()  # empty = the whole appeal


@dataclass(frozen=True)
class AnswerInput(CleanText):
    answer_on: date
    results: dict[int, str] = field(default_factory=dict)  # question id -> result code
    answer_number: str | None = None
    method: str | None = None
    text: str | None = None
    satisfaction: str | None = None
    no_answer_ground: str | None = None
    close: bool = True
    decision_by_id: int | None = None  # art. 11 p. 5: the official who decided to end the correspondence
    decision_on: date | None = None
    published_url: str | None = None  # art. 11 p. 5.1: the page of the site with the answer
    call_on: date | None = None  # the call confirming the measures taken (the office's setting)
    call_note: str | None = None


@dataclass(frozen=True)
class InterimAnswerInput(CleanText):
    """An interim answer: the appeal stays on control; the date of the final answer is named."""

    answer_on: date
    final_due: date
    text: str
    number: str | None = None
    method: str | None = None


@dataclass(frozen=True)
class OfficialInput(CleanText):
    full_name: str
    position: str | None = None
    department: str | None = None
    phone: str | None = None
    email: str | None = None
    is_executor: bool = True
    is_head: bool = False
    active: bool = True


# -- output -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    code: str
    label: str


@dataclass(frozen=True)
class ClassifierItem:
    code: str
    name: str
    level: int
    parent_code: str | None
    section: str
    active: bool = True
    path: str = ""  # the names of its parents, "Раздел › Тематика › Тема"


@dataclass(frozen=True)
class SettlementView:
    id: int
    name: str
    active: bool


@dataclass(frozen=True)
class OfficialView:
    id: int
    full_name: str
    position: str | None
    department: str | None
    phone: str | None
    email: str | None
    is_executor: bool
    is_head: bool
    active: bool


@dataclass(frozen=True)
class ApplicantView:
    id: int
    type: str
    last_name: str | None
    first_name: str | None
    middle_name: str | None
    org_name: str | None
    display_name: str
    settlement_id: int | None
    settlement: str | None
    address: str | None
    phone: str | None
    email: str | None
    social_category: str | None
    appeals_count: int = 0


@dataclass(frozen=True)
class QuestionView:
    id: int
    position: int
    code: str
    name: str
    section: str
    executor_id: int | None
    executor: str | None
    result: str | None
    note: str | None


@dataclass(frozen=True)
class ExtensionView:
    days: int
    previous_deadline: date
    new_deadline: date
    reason: str
    extended_by: str
    extended_on: date
    notice_on: date | None


@dataclass(frozen=True)
class ForwardingView:
    id: int
    to_body: str
    forwarded_on: date
    outgoing_number: str | None
    notice_on: date | None
    note: str | None
    within_term: bool


@dataclass(frozen=True)
class AnswerView:
    id: int
    kind: str  # interim | final
    answer_on: date
    number: str | None
    method: str | None
    text: str | None
    final_due: date | None
    created_by: str


@dataclass(frozen=True)
class DocumentRequestView:
    id: int
    appeal_id: int | None
    reg_number: str | None
    direction: str  # incoming | outgoing
    body: str
    request_on: date
    number: str | None
    subject: str | None
    due_on: date
    answered_on: date | None
    answer_number: str | None
    state: str  # answered | answered_late | overdue | due_today | due_soon | open

    @property
    def direction_label(self) -> str:
        return "запрос к нам" if self.direction == "incoming" else "наш запрос"


@dataclass(frozen=True)
class AppealCard:
    """The whole appeal as the card shows it."""

    id: int
    reg_number: str
    received_on: date
    registered_on: date
    registered_late: bool
    form: str
    source: str
    cover_letter: str | None
    kind: str
    complaint_about: str | None
    applicant: ApplicantView | None
    is_anonymous: bool
    is_collective: bool
    signatures: int | None
    settlement_id: int | None
    settlement: str | None
    summary: str
    questions: tuple[QuestionView, ...]
    resolution: str | None
    resolution_by_id: int | None
    resolution_on: date | None
    executor_id: int | None
    executor: str | None
    on_control: bool
    commission: bool
    on_site: bool
    with_author: bool
    legal_deadline: date
    control_deadline: date
    extended_deadline: date | None
    deadline: date
    deadline_state: str
    extension: ExtensionView | None
    forwardings: tuple[ForwardingView, ...]
    answer_on: date | None
    answer_number: str | None
    answer_method: str | None
    answer_text: str | None
    satisfaction: str | None
    no_answer_ground: str | None
    is_repeated: bool
    previous_appeal_id: int | None
    previous_number: str | None
    status: str
    closed_on: date | None
    version: int
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    channel: str | None = None
    crime_report: bool = False
    decision_by_id: int | None = None
    decision_by: str | None = None
    decision_on: date | None = None
    published_url: str | None = None
    call_on: date | None = None
    call_note: str | None = None
    answers: tuple[AnswerView, ...] = ()
    document_requests: tuple[DocumentRequestView, ...] = ()
    anonymity: str | None = None  # art. 11 p. 1: no_surname | no_address | None
    warnings: tuple[str, ...] = ()  # what the law asks the clerk to look at (Russian sentences)

    def to_input(self) -> AppealInput:
        """The card as an input, for editing one field and saving the rest unchanged."""
        return AppealInput(
            form=self.form,
            kind=self.kind,
            summary=self.summary,
            questions=tuple(
                QuestionInput(code=q.code, executor_id=q.executor_id, result=q.result, note=q.note, id=q.id)
                for q in self.questions
            ),
            source=self.source,
            registered_on=self.registered_on,
            received_on=self.received_on,
            cover_letter=self.cover_letter,
            complaint_about=self.complaint_about,
            applicant_id=self.applicant.id if self.applicant else None,
            is_collective=self.is_collective,
            signatures=self.signatures,
            settlement_id=self.settlement_id,
            resolution=self.resolution,
            resolution_by_id=self.resolution_by_id,
            resolution_on=self.resolution_on,
            executor_id=self.executor_id,
            on_control=self.on_control,
            commission=self.commission,
            on_site=self.on_site,
            with_author=self.with_author,
            is_repeated=self.is_repeated,
            previous_appeal_id=self.previous_appeal_id,
            previous_number=self.previous_number,
            reg_number=self.reg_number,
            channel=self.channel,
            crime_report=self.crime_report,
        )


@dataclass(frozen=True)
class AppealBrief:
    """A short line about an appeal: earlier appeals of an applicant, repeated-appeal suggestions."""

    id: int
    reg_number: str
    registered_on: date
    summary: str
    codes: tuple[str, ...]
    status: str


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: datetime
    user: str
    entity: str
    entity_id: int | None
    action: str
    changes: tuple[tuple[str, str | None, str | None], ...]  # (field, old, new)


@dataclass(frozen=True)
class StateCounts:
    """The status bar's live counts."""

    in_progress: int
    overdue: int
    due_today: int
    due_soon: int


@dataclass(frozen=True)
class DeadlineItem:
    id: int
    reg_number: str
    applicant: str
    executor: str | None
    deadline: date
    control_deadline: date
    extended: bool
    state: str
    days_left: int  # calendar days, negative when overdue
    summary: str


@dataclass(frozen=True)
class DeadlineMove:
    """One appeal on consideration whose deadlines the change moves."""

    appeal_id: int
    reg_number: str
    applicant: str
    old_deadline: date  # the deadline in force
    new_deadline: date
    old_legal: date
    new_legal: date
    old_control: date
    new_control: date
    old_extended: date | None
    new_extended: date | None


@dataclass(frozen=True)
class DeadlineShift:
    """What a change of the calendar or of the rules does to the appeals on consideration."""

    what: str  # the change in Russian: «09.11.2026 — выходной день (перенос)»
    moves: tuple[DeadlineMove, ...]

    @property
    def fingerprint(self) -> str:
        text = json.dumps([(m.appeal_id, str(m.new_legal), str(m.new_control), str(m.new_extended))
                           for m in self.moves])
        return hashlib.sha256(text.encode()).hexdigest()
