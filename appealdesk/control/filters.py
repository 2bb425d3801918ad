"""The calendar's filters as SQL conditions, the same meaning as the journal's."""

from __future__ import annotations

from sqlalchemy import false, or_, select
from sqlalchemy.sql import Select

from ..storage.models import Appeal, Question
from .values import ControlFilter


def open_appeals(stmt: Select) -> Select:
    """Appeals on consideration: not deleted, not closed."""
    return stmt.where(Appeal.deleted == false(), Appeal.status == "in_progress")


def apply(stmt: Select, f: ControlFilter | None) -> Select:
    if f is None:
        return stmt
    if f.executor_id is not None:
        by_question = select(Question.appeal_id).where(Question.executor_id == f.executor_id)
        stmt = stmt.where(or_(Appeal.executor_id == f.executor_id, Appeal.id.in_(by_question)))
    if f.section:
        prefix = f.section.strip()
        if len(prefix) == 4:
            sub = select(Question.appeal_id).where(Question.section == prefix)
        else:
            sub = select(Question.appeal_id).where(Question.classifier_code.startswith(prefix))
        stmt = stmt.where(Appeal.id.in_(sub))
    if f.form:
        stmt = stmt.where(Appeal.form == f.form)
    return stmt
