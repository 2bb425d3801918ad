"""The office's people who sign in to the program (``domain.roles`` says what each role may do)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class User(Base):
    """A person who works in the program. Never deleted (the history refers to them), only disabled."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(60))
    login_key: Mapped[str] = mapped_column(String(60), unique=True)  # casefolded: logins differ not by case
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # the official whose questions are "mine" for an executor (and who signs, for a head)
    official_id: Mapped[int | None] = mapped_column(ForeignKey("officials.id"))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # None: signs in without a password
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_tries: Mapped[int] = mapped_column(Integer, default=0)  # wrong passwords in a row
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
