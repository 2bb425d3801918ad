"""The calendar's filters as SQL conditions, the same meaning as the journal's."""

from __future__ import annotations

from sqlalchemy.sql import Select

from ..services.appeal_filters import by_executor, by_section, open_appeals
from ..storage.models import Appeal
from .values import ControlFilter

__all__ = ["apply", "open_appeals"]


def apply(stmt: Select, f: ControlFilter | None) -> Select:
    if f is None:
        return stmt
    if f.executor_id is not None:
        stmt = by_executor(stmt, f.executor_id)
    if f.section:
        stmt = by_section(stmt, f.section)
    if f.form:
        stmt = stmt.where(Appeal.form == f.form)
    return stmt
