"""Personal reception (59-FZ art. 13): schedule rules, exceptions, receptions, pre-registration, cards."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, Time, false
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class ReceptionRule(Base):
    """A standing rule of an official's schedule: "Monday and Thursday 14:00-17:00, office 1"."""

    __tablename__ = "reception_rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="regular")  # regular | video
    weekdays: Mapped[str] = mapped_column(String(20))  # ISO weekdays, "1,4" = Monday and Thursday
    month_weeks: Mapped[str | None] = mapped_column(String(20))  # "1,3" = first and third week; None = every
    time_from: Mapped[time] = mapped_column(Time)
    time_to: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str | None] = mapped_column(String(60))
    pre_registration: Mapped[bool] = mapped_column(Boolean, default=False)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=15)
    priority_note: Mapped[str | None] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReceptionException(Base):
    """A break in an official's schedule: vacation, sick leave, a cancelled or moved reception."""

    __tablename__ = "reception_exceptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[int] = mapped_column(ForeignKey("officials.id"), index=True)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))  # vacation | sick_leave | cancelled | changed
    time_from: Mapped[time | None] = mapped_column(Time)  # for "changed": the new hours and place
    time_to: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)


class Reception(Base):
    """One reception on one day: from a rule, a visiting reception, the 12 December day, or a one-off."""

    __tablename__ = "receptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="regular")  # vocabulary reception_kind
    official_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))  # None: all officials
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("reception_rules.id"))
    day: Mapped[date] = mapped_column(Date)
    time_from: Mapped[time] = mapped_column(Time)
    time_to: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlements.id"))
    phone: Mapped[str | None] = mapped_column(String(60))
    pre_registration: Mapped[bool] = mapped_column(Boolean, default=False)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=15)
    status: Mapped[str] = mapped_column(String(20), default="planned")  # planned | held | cancelled
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_receptions_day", "day", "official_id"),)


class ReceptionBooking(Base):
    """Pre-registration of a visitor into a slot of a reception."""

    __tablename__ = "reception_bookings"
    id: Mapped[int] = mapped_column(primary_key=True)
    reception_id: Mapped[int] = mapped_column(ForeignKey("receptions.id", ondelete="CASCADE"))
    slot_from: Mapped[time] = mapped_column(Time)
    slot_to: Mapped[time] = mapped_column(Time)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    topic: Mapped[str | None] = mapped_column(Text)
    priority_category: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default="booked")  # booked | cancelled | no_show | received
    status_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_bookings_reception", "reception_id", "slot_from"),)


class ReceptionCard(Base):
    """The reception card of 59-FZ art. 13: what the visitor asked and how it was answered."""

    __tablename__ = "reception_cards"
    id: Mapped[int] = mapped_column(primary_key=True)
    reception_id: Mapped[int] = mapped_column(ForeignKey("receptions.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("reception_bookings.id"))
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("applicants.id"), index=True)
    visited_at: Mapped[time | None] = mapped_column(Time)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    identity_document: Mapped[str | None] = mapped_column(String(200))
    # who received the visitor: on the reception day every official present receives (None: the reception's)
    official_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    video_body: Mapped[str | None] = mapped_column(String(300))  # connected by video to the competent body
    video_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    invited_on: Mapped[date | None] = mapped_column(Date)  # not received that day: invited for this day
    # art. 13 p. 6: a further conversation refused, the question answered on the merits in this appeal
    earlier_appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id"))
    social_category: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    # oral_answer | written_answer | outside_competence | appeal_handed | invited | refused_answered
    outcome: Mapped[str] = mapped_column(String(30), default="oral_answer")
    oral_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_text: Mapped[str | None] = mapped_column(Text)
    referred_to: Mapped[str | None] = mapped_column(Text)  # where to go when outside competence
    appeal_id: Mapped[int | None] = mapped_column(ForeignKey("appeals.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ReceptionCardQuestion(Base):
    __tablename__ = "reception_card_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("reception_cards.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    classifier_code: Mapped[str] = mapped_column(ForeignKey("classifier.code"))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_card_questions_card", "card_id", "position"),)
