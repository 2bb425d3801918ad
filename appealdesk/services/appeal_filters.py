"""Conditions on appeals that several lists share (the journal, the deadline calendar): one meaning each."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.sql import Select

from ..storage.models import Appeal, Question


def by_executor(stmt: Select, executor_id: int) -> Select:
    """The appeal's executor, or the executor of one of its questions."""
    by_question = select(Question.appeal_id).where(Question.executor_id == executor_id)
    return stmt.where(or_(Appeal.executor_id == executor_id, Appeal.id.in_(by_question)))


def by_section(stmt: Select, section: str) -> Select:
    """A question in a classifier section (``0003``) or under any code prefix (``0003.0009.0097``)."""
    prefix = section.strip()
    if len(prefix) == 4:
        sub = select(Question.appeal_id).where(Question.section == prefix)
    else:
        sub = select(Question.appeal_id).where(Question.classifier_code.startswith(prefix))
    return stmt.where(Appeal.id.in_(sub))
