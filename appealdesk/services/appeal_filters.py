"""Conditions on appeals that several lists share (the journal, the deadline calendar): one meaning each."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.sql import Select

from ..domain.deadlines import DeadlineWindow
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


# -- the SQL twin of ``domain.deadlines.DeadlineWindow`` -----------------------------------------------------
OVERDUE, DUE_TODAY, DUE_SOON = "overdue", "due_today", "due_soon"


def open_appeals(stmt: Select) -> Select:
    """Appeals on consideration: not deleted, not closed."""
    return stmt.where(Appeal.deleted == false(), Appeal.status == "in_progress")


def urgency(window: DeadlineWindow, which: str, column=None) -> ColumnElement[bool]:
    """``column`` (the deadline in force by default) is ``which`` of ``DeadlineWindow.urgency``: overdue
    before today, due today, due soon after today up to ``soon_until``."""
    col = Appeal.deadline if column is None else column
    if which == OVERDUE:
        return col < window.today
    if which == DUE_TODAY:
        return col == window.today
    if which == DUE_SOON:
        return and_(col > window.today, col <= window.soon_until)
    raise ValueError(f"unknown urgency {which!r}")


def urgency_sums(window: DeadlineWindow, column=None) -> tuple:
    """``sum()`` columns counting the rows overdue, due today and due soon (one pass of one query)."""
    return tuple(func.sum(case((urgency(window, which, column), 1), else_=0))
                 for which in (OVERDUE, DUE_TODAY, DUE_SOON))


def state_filter(stmt: Select, window: DeadlineWindow, state: str) -> Select:
    """The journal's state filters (``DEADLINE_FILTER_LABELS``), each a set of the window's states:
    ``open`` every appeal on consideration; ``in_progress`` ("В срок") those not overdue; ``overdue``,
    ``due_today``, ``due_soon`` as the window says; ``extended`` extended and not overdue; ``closed``."""
    if state == "closed":
        return stmt.where(Appeal.status == "closed")
    stmt = stmt.where(Appeal.status == "in_progress")
    if state == "open":
        return stmt
    if state in (OVERDUE, DUE_TODAY, DUE_SOON):
        return stmt.where(urgency(window, state))
    if state == "extended":
        return stmt.where(Appeal.extended_deadline.is_not(None), Appeal.deadline >= window.today)
    if state == "in_progress":
        return stmt.where(Appeal.deadline >= window.today)
    raise ValueError(f"unknown state filter {state!r}")
