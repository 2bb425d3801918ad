"""Secondary control: promises made in answers, kept on control after the appeal closes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class Promise(Base):
    """"Отремонтировать до 01.06": a promise of an answer with its date and executor, confirmed done by a
    call to the applicant."""

    __tablename__ = "promises"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date)
    executor_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | done | cancelled
    done_on: Mapped[date | None] = mapped_column(Date)
    confirmed_by: Mapped[str | None] = mapped_column(String(200))
    call_on: Mapped[date | None] = mapped_column(Date)  # the confirmation call with the applicant
    call_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_promises_open", "status", "due_on"),)
