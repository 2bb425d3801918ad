"""The database schema (SQLAlchemy 2.x). Portable SQL: only the search index is SQLite-specific.

Live ORM objects never leave the service layer; the services turn them into frozen values.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


# -- reference data ---------------------------------------------------------------------------------
class ReferenceEdition(Base):
    """Which edition of each reference set (classifier, vocabulary, calendar) is loaded."""

    __tablename__ = "reference_editions"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    edition: Mapped[str] = mapped_column(String(80))
    checksum: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime)


class VocabularyEntry(Base):
    __tablename__ = "vocabulary"
    group: Mapped[str] = mapped_column(String(40), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ClassifierEntry(Base):
    """One entry of the thematic classifier. Entries in use are never deleted, only retired."""

    __tablename__ = "classifier"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    parent_code: Mapped[str | None] = mapped_column(String(32), index=True)
    level: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text)  # folded stems, for search by word
    section: Mapped[str] = mapped_column(String(4), index=True)
    edition: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ClassifierFavourite(Base):
    __tablename__ = "classifier_favourites"
    code: Mapped[str] = mapped_column(ForeignKey("classifier.code"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CalendarOverride(Base):
    """A transferred day off or a working Saturday; ``source`` is ``bundled`` or ``admin``."""

    __tablename__ = "calendar_overrides"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_working: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="admin")


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


# -- people and places ------------------------------------------------------------------------------
class Settlement(Base):
    __tablename__ = "settlements"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Official(Base):
    """An official of the office: the head, deputies, specialists. Executors are officials too."""

    __tablename__ = "officials"
    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(120))
    is_executor: Mapped[bool] = mapped_column(Boolean, default=True)
    is_head: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Applicant(Base):
    __tablename__ = "applicants"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(20), default="person")
    last_name: Mapped[str | None] = mapped_column(String(100))
    first_name: Mapped[str | None] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    org_name: Mapped[str | None] = mapped_column(String(300))
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlements.id"))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(120))
    social_category: Mapped[str | None] = mapped_column(String(200))
    last_key: Mapped[str] = mapped_column(String(300), default="")  # folded surname or organisation name
    name_key: Mapped[str] = mapped_column(String(400), default="")  # folded full name
    address_key: Mapped[str] = mapped_column(Text, default="")
    display_name: Mapped[str] = mapped_column(String(400), default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("applicants.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)

    settlement: Mapped[Settlement | None] = relationship()

    __table_args__ = (Index("ix_applicants_last_key", "last_key"), Index("ix_applicants_name_key", "name_key"))


# -- appeals ----------------------------------------------------------------------------------------
class Appeal(Base):
    __tablename__ = "appeals"
    id: Mapped[int] = mapped_column(primary_key=True)
    reg_number: Mapped[str] = mapped_column(String(60), unique=True)
    reg_series: Mapped[str] = mapped_column(String(20), default="appeal")  # appeal | message | info_request
    reg_year: Mapped[int] = mapped_column(Integer)
    reg_seq: Mapped[int | None] = mapped_column(Integer)
    received_on: Mapped[date] = mapped_column(Date)
    received_time: Mapped[time | None] = mapped_column(Time)
    registered_on: Mapped[date] = mapped_column(Date)
    form: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(40), default="direct")
    cover_letter: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    # a complaint names the body or official it complains about: never forwarded there (59-FZ art. 8 p. 6)
    complaint_about: Mapped[str | None] = mapped_column(String(300))
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicants.id"), index=True)
    # denormalised for the journal (sorting 100 000 rows by applicant without a join); kept by the services
    applicant_name: Mapped[str] = mapped_column(String(400), default="")
    applicant_sort: Mapped[str] = mapped_column(String(400), default="")
    is_anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    is_collective: Mapped[bool] = mapped_column(Boolean, default=False)
    signatures: Mapped[int | None] = mapped_column(Integer)
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlements.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    topic_code: Mapped[str | None] = mapped_column(String(32))  # the first question's code (journal column)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolution_by_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    resolution_on: Mapped[date | None] = mapped_column(Date)
    executor_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    on_control: Mapped[bool] = mapped_column(Boolean, default=False)
    commission: Mapped[bool] = mapped_column(Boolean, default=False)
    on_site: Mapped[bool] = mapped_column(Boolean, default=False)
    with_author: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_deadline: Mapped[date] = mapped_column(Date)
    control_deadline: Mapped[date] = mapped_column(Date)
    extended_deadline: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)  # the deadline in force: extended or legal
    answer_on: Mapped[date | None] = mapped_column(Date)
    answer_number: Mapped[str | None] = mapped_column(String(60))
    answer_method: Mapped[str | None] = mapped_column(String(40))
    answer_text: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[str | None] = mapped_column(String(40))
    is_repeated: Mapped[bool] = mapped_column(Boolean, default=False)
    previous_appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id"))
    previous_number: Mapped[str | None] = mapped_column(String(60))  # as given when the earlier one is unknown
    no_answer_ground: Mapped[str | None] = mapped_column(String(40))
    # 547-FZ: how an electronic appeal arrived (vocabulary ``channel``: epgu, site, own_is, email)
    channel: Mapped[str | None] = mapped_column(String(20))
    # art. 11 p. 1: an anonymous appeal reporting an unlawful act (forwarded to the competent state body)
    crime_report: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # art. 11 p. 5: who decided to end the correspondence (an official's id, checked by the service) and when
    decision_by_id: Mapped[int | None] = mapped_column(Integer)
    decision_on: Mapped[date | None] = mapped_column(Date)
    published_url: Mapped[str | None] = mapped_column(String(300))  # art. 11 p. 5.1: where the answer is
    # the call to the applicant confirming that the measures were taken (an office setting, the Gubkin note)
    call_on: Mapped[date | None] = mapped_column(Date)
    call_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    closed_on: Mapped[date | None] = mapped_column(Date)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    questions: Mapped[list[Question]] = relationship(
        back_populates="appeal", cascade="all, delete-orphan", order_by="Question.position"
    )
    applicant: Mapped[Applicant | None] = relationship()
    settlement: Mapped[Settlement | None] = relationship()
    executor: Mapped[Official | None] = relationship(foreign_keys=[executor_id])
    resolution_by: Mapped[Official | None] = relationship(foreign_keys=[resolution_by_id])
    extension: Mapped[Extension | None] = relationship(back_populates="appeal", uselist=False)
    forwardings: Mapped[list[Forwarding]] = relationship(back_populates="appeal", order_by="Forwarding.id")
    previous_appeal: Mapped[Appeal | None] = relationship(remote_side=[id])

    __table_args__ = (
        Index("ix_appeals_registered", "deleted", "registered_on"),
        Index("ix_appeals_open_deadline", "deleted", "status", "deadline"),
        Index("ix_appeals_year_seq", "reg_series", "reg_year", "reg_seq"),
        Index("ix_appeals_executor", "executor_id", "registered_on"),
        Index("ix_appeals_settlement", "settlement_id", "registered_on"),
        Index("ix_appeals_applicant_sort", "deleted", "applicant_sort"),
        Index("ix_appeals_deadline", "deleted", "deadline"),
        Index("ix_appeals_number_sort", "deleted", "reg_year", "reg_series", "reg_seq", "reg_number"),
        Index("ix_appeals_topic", "deleted", "topic_code"),
        Index("ix_appeals_received", "deleted", "received_on"),
        Index("ix_appeals_legal_deadline", "deleted", "legal_deadline"),
        Index("ix_appeals_control_deadline", "deleted", "control_deadline"),
        Index("ix_appeals_form", "deleted", "form"),
        Index("ix_appeals_kind", "deleted", "kind"),
    )


class Question(Base):
    """One question of an appeal: the unit of the federal statistics."""

    __tablename__ = "questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    classifier_code: Mapped[str] = mapped_column(ForeignKey("classifier.code"))
    section: Mapped[str] = mapped_column(String(4))  # first four digits of the code, for grouping
    executor_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    result: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)

    appeal: Mapped[Appeal] = relationship(back_populates="questions")
    classifier: Mapped[ClassifierEntry] = relationship()
    executor: Mapped[Official | None] = relationship()

    __table_args__ = (
        Index("ix_questions_appeal", "appeal_id", "position"),
        Index("ix_questions_code", "classifier_code"),
        Index("ix_questions_section", "section", "appeal_id"),
    )


class Extension(Base):
    """The one extension of an appeal's term (59-FZ art. 12 p. 2)."""

    __tablename__ = "extensions"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), unique=True)
    days: Mapped[int] = mapped_column(Integer)
    previous_deadline: Mapped[date] = mapped_column(Date)
    new_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    extended_by: Mapped[str] = mapped_column(String(200))
    extended_on: Mapped[date] = mapped_column(Date)
    notice_on: Mapped[date | None] = mapped_column(Date)

    appeal: Mapped[Appeal] = relationship(back_populates="extension")


class Forwarding(Base):
    """Forwarding to the competent body (59-FZ art. 8 p. 3), with the notice to the applicant."""

    __tablename__ = "forwardings"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), index=True)
    to_body: Mapped[str] = mapped_column(String(300))
    forwarded_on: Mapped[date] = mapped_column(Date)
    outgoing_number: Mapped[str | None] = mapped_column(String(60))
    notice_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    appeal: Mapped[Appeal] = relationship(back_populates="forwardings")


class AppealAnswer(Base):
    """Every answer sent on an appeal, with its date, number and text: the interim ones (the appeal stays on
    control; the final answer's date is promised) and the final one. The appeal's ``answer_*`` columns are
    the final answer."""

    __tablename__ = "appeal_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # interim | final
    answer_on: Mapped[date] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(60))
    method: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str | None] = mapped_column(Text)
    final_due: Mapped[date | None] = mapped_column(Date)  # an interim answer names the final answer's date
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_appeal_answers_appeal", "appeal_id", "answer_on"),)


class DocumentRequest(Base):
    """Documents and materials for the consideration of an appeal asked of another body, or asked of us by
    another body (59-FZ art. 10 p. 2): provided within 15 days."""

    __tablename__ = "document_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(20))  # incoming (another body asks us) | outgoing (we ask)
    body: Mapped[str] = mapped_column(String(300))
    request_on: Mapped[date] = mapped_column(Date)  # received (incoming) or sent (outgoing)
    number: Mapped[str | None] = mapped_column(String(60))
    subject: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    answer_number: Mapped[str | None] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_document_requests_open", "answered_on", "due_on"),)


class Attachment(Base):
    """A scan or file of an appeal. Its bytes live in the database (``AttachmentContent``), so that they
    travel with every backup, restore and move to a server, and every workstation sees the same scans."""

    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    stored_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str] = mapped_column(String(100), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    sha256: Mapped[str | None] = mapped_column(String(64))  # of the content; None: no content was found


class AttachmentContent(Base):
    """The bytes of an attachment, apart from its row so that listing attachments never reads them."""

    __tablename__ = "attachment_contents"
    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AuditEntry(Base):
    """Who changed what and when: the history the desktop shows. Never deleted, never changed: each row
    carries ``chain``, a hash of itself and of the row before it, so a changed or removed row shows."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user: Mapped[str] = mapped_column(String(100))  # the person's name as it was (older rows: the OS login)
    user_id: Mapped[int | None] = mapped_column(Integer)  # users.id of the signed-in person
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    changes: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[field, old, new], ...]
    chain: Mapped[str | None] = mapped_column(String(64))  # storage.audit_chain.link of this row

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id", "id"),)


class RegCounter(Base):
    """The last registration sequence number of a series in a year: locked by the transaction that
    registers, so that numbers are unique and without gaps however many workstations register at once."""

    __tablename__ = "reg_counters"
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class AppealSearch(Base):
    """Portable search text of an appeal (stems): the table the search uses where SQLite FTS5 is not
    available (PostgreSQL). On SQLite the migration creates the FTS5 table ``appeal_fts`` instead."""

    __tablename__ = "appeal_search"
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), primary_key=True)
    document: Mapped[str] = mapped_column(Text, default="")


__all__ = [
    "Appeal",
    "AppealAnswer",
    "AppealSearch",
    "Applicant",
    "Attachment",
    "AttachmentContent",
    "AuditEntry",
    "Base",
    "CalendarOverride",
    "ClassifierEntry",
    "ClassifierFavourite",
    "DocumentRequest",
    "Extension",
    "Forwarding",
    "Official",
    "Question",
    "ReferenceEdition",
    "RegCounter",
    "Setting",
    "Settlement",
    "VocabularyEntry",
]


# the tables of the later parts live in their own modules; importing them here puts them on Base.metadata
from .models_control import Promise  # noqa: E402
from .models_letters import Letter, LetterTemplate, SstuBatch, SstuUpload  # noqa: E402
from .models_reception import (  # noqa: E402
    Reception,
    ReceptionBooking,
    ReceptionCard,
    ReceptionCardQuestion,
    ReceptionException,
    ReceptionRule,
)
from .models_users import User  # noqa: E402

__all__ += [
    "Letter",
    "LetterTemplate",
    "Promise",
    "Reception",
    "ReceptionBooking",
    "ReceptionCard",
    "ReceptionCardQuestion",
    "ReceptionException",
    "ReceptionRule",
    "SstuBatch",
    "SstuUpload",
    "User",
]
