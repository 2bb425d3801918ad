"""Outgoing letters made from the office's templates, and what was uploaded to ССТУ.РФ."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class Letter(Base):
    """One outgoing letter of an appeal: its number from the outgoing series (``reg_counters`` row of the
    series ``letter``), its date, the term it was due by, and the files attached to the appeal."""

    __tablename__ = "letters"
    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    made_on: Mapped[date] = mapped_column(Date)  # the letter's date
    term_on: Mapped[date | None] = mapped_column(Date)  # the legal term of this letter, when it has one
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # made after its term
    addressee: Mapped[str] = mapped_column(String(400), default="")
    signatory: Mapped[str] = mapped_column(String(200), default="")
    forwarding_id: Mapped[int | None] = mapped_column(ForeignKey("forwardings.id"))
    docx_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    pdf_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100), default="")

    __table_args__ = (Index("ix_letters_appeal", "appeal_id", "kind"), Index("ix_letters_made_on", "made_on"))


class LetterTemplate(Base):
    """A letter template the office edited in Word (a DOCX with {{ placeholders }}); a kind without a row
    uses the program's default. Kept in the database, so that backups, restores and every workstation of a
    server carry the office's own templates."""

    __tablename__ = "letter_templates"
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class SstuBatch(Base):
    """One upload archive for ССТУ.РФ: when, by whom, which period, how many appeals."""

    __tablename__ = "sstu_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(100), default="")
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    appeals: Mapped[int] = mapped_column(Integer, default=0)
    file_name: Mapped[str] = mapped_column(String(300), default="")


class SstuUpload(Base):
    """The last upload of an appeal: the appeal's version then and a digest of what was sent, so that the
    next upload knows what changed since."""

    __tablename__ = "sstu_uploads"
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeals.id", ondelete="CASCADE"), primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("sstu_batches.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
