"""The workflow after registration: resolution, extension, forwarding, answer, close, reopen, delete."""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.errors import DomainError, ValidationError
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AnswerInput, ExtensionInput, ForwardingInput, ResolutionInput

from .helpers import HEAT, HOUSING, appeal, executor


def test_resolution_sets_executor_and_control(desk):
    ex = executor(desk)
    card = desk.appeals.register(appeal())
    card = desk.appeals.set_resolution(card.id, ResolutionInput("Рассмотреть, ответить заявителю", ex.id))
    assert card.executor == "Петров Пётр Петрович" and card.on_control
    assert card.questions[0].executor_id == ex.id


def test_extension_once_at_most_30_days(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    with pytest.raises(ValidationError, match="не более чем на 30"):
        desk.appeals.extend(card.id, ExtensionInput(31, "Запрос в другой орган", "Глава"))
    with pytest.raises(ValidationError, match="основание"):
        desk.appeals.extend(card.id, ExtensionInput(10, " ", "Глава"))
    ext = desk.appeals.extend(card.id, ExtensionInput(30, "Запрос в другой орган (ч.2 ст.10)", "Глава", notice_on=date(2026, 11, 20)))
    # 02.12.2026 + 30 = 01.01.2027, a holiday -> preceding working day 31.12.2026 is a day off too -> 30.12.2026
    assert ext.extended_deadline == date(2026, 12, 30)
    assert ext.deadline == ext.extended_deadline and ext.legal_deadline == date(2026, 12, 2)
    assert ext.extension.notice_on == date(2026, 11, 20)
    with pytest.raises(DomainError, match="только один раз"):
        desk.appeals.extend(card.id, ExtensionInput(5, "Ещё раз", "Глава"))


def test_extension_after_the_deadline_is_refused(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 10, 1)))  # due 30.10.2026, today is 20.11
    with pytest.raises(ValidationError, match="истёк"):
        desk.appeals.extend(card.id, ExtensionInput(10, "Причина", "Глава"))


def test_forwarding_within_7_days_and_not_to_the_body_complained_about(desk):
    late = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    with pytest.raises(ValidationError, match="7 дней"):
        desk.appeals.forward(late.id, ForwardingInput("Прокуратура района", forwarded_on=date(2026, 11, 20)))
    complaint = desk.appeals.register(
        appeal(registered_on=date(2026, 11, 18), kind="complaint", complaint_about="МУП «Водоканал»")
    )
    with pytest.raises(ValidationError, match="обжалуются"):
        desk.appeals.forward(complaint.id, ForwardingInput("МУП «ВОДОКАНАЛ»", forwarded_on=date(2026, 11, 19)))
    done = desk.appeals.forward(
        complaint.id, ForwardingInput("Государственная жилищная инспекция", forwarded_on=date(2026, 11, 19), notice_on=date(2026, 11, 19))
    )
    assert done.status == "closed"
    assert done.questions[0].result == "forwarded"
    assert done.forwardings[0].within_term


def test_close_only_when_every_question_has_a_result(desk):
    card = desk.appeals.register(appeal(codes=(HEAT, HOUSING)))
    first, second = card.questions
    with pytest.raises(ValidationError, match="вопроса 2"):
        desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), results={first.id: "explained"}))
    # nothing was saved by the refused answer
    assert desk.appeals.get(card.id).answer_on is None
    partial = desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), results={first.id: "explained"}, close=False))
    assert partial.status == "in_progress" and partial.questions[0].result == "explained"
    with pytest.raises(DomainError, match="нет результата"):
        desk.appeals.close(card.id)
    closed = desk.appeals.answer(
        card.id,
        AnswerInput(date(2026, 11, 19), results={second.id: "measures_taken"}, answer_number="01-15/123",
                    method="post", satisfaction="satisfied"),
    )
    assert closed.status == "closed" and closed.closed_on == date(2026, 11, 19)
    assert closed.deadline_state == "closed"


def test_left_without_answer_with_ground(desk):
    card = desk.appeals.register(appeal(last_name=None))
    closed = desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), no_answer_ground="anonymous"))
    assert closed.status == "closed" and closed.questions[0].result == "left_without_answer"


def test_reopen_and_delete_leave_a_trace(desk):
    card = desk.appeals.register(appeal())
    desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), results={card.questions[0].id: "explained"}))
    with pytest.raises(ValidationError):
        desk.appeals.reopen(card.id, "")
    reopened = desk.appeals.reopen(card.id, "Заявитель сообщил, что отопления по-прежнему нет")
    assert reopened.status == "in_progress"
    desk.appeals.delete(card.id, "Зарегистрировано ошибочно")
    assert desk.journal.count(JournalQuery()) == 0
    assert desk.journal.count(JournalQuery(text="отопление")) == 0
    actions = [h.action for h in desk.audit.history("appeal", card.id)]
    assert actions == ["register", "answer", "reopen", "delete"]
    restored = desk.appeals.restore(card.id)
    assert restored.reg_number == card.reg_number
    assert desk.journal.count(JournalQuery(text="отопление")) == 1


def test_closed_appeal_cannot_be_extended(desk):
    card = desk.appeals.register(appeal())
    desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), results={card.questions[0].id: "explained"}))
    with pytest.raises(DomainError, match="закрыто"):
        desk.appeals.extend(card.id, ExtensionInput(10, "Причина", "Глава"))


def test_deadline_counts(desk):
    desk.appeals.register(appeal(registered_on=date(2026, 10, 1)))  # due 30.10: overdue
    desk.appeals.register(appeal(registered_on=date(2026, 10, 21)))  # due 20.11: today
    desk.appeals.register(appeal(registered_on=date(2026, 10, 24)))  # 23.11 (Mon): due soon
    desk.appeals.register(appeal(registered_on=date(2026, 11, 19)))  # 19.12 (Sat) -> 18.12: in progress
    counts = desk.deadlines.counts()
    assert (counts.in_progress, counts.overdue, counts.due_today, counts.due_soon) == (4, 1, 1, 1)
    states = [i.state for i in desk.deadlines.due()]
    assert states == ["overdue", "due_today", "due_soon"]
    assert desk.journal.count(JournalQuery(state="overdue")) == 1
    assert desk.journal.count(JournalQuery(state="due_soon")) == 1
