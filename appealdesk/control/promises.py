"""Secondary control (the Gubkin note's «Вторичная реакция»): the rules of a promise made in an answer.

A promise ("отремонтировать до 01.06") is recorded with its date and executor; it stays on control after
the appeal is closed until someone confirms it done and records the confirmation call with the applicant.
"""

from __future__ import annotations

from datetime import date

from ..domain.deadlines import DeadlineWindow
from ..errors import FieldError
from .values import PromiseDoneInput, PromiseInput

STATUS_LABELS = {"open": "На контроле", "done": "Выполнено", "cancelled": "Снято с контроля"}
MAX_TEXT = 2000


def check_new(data: PromiseInput, registered_on: date) -> list[FieldError]:
    errors = []
    text = (data.text or "").strip()
    if not text:
        errors.append(FieldError("text", "Укажите, что обещано заявителю"))
    elif len(text) > MAX_TEXT:
        errors.append(FieldError("text", f"Текст обещания длиннее {MAX_TEXT} знаков"))
    if data.due_on is None:
        errors.append(FieldError("due_on", "Укажите срок выполнения обещания"))
    elif data.due_on < registered_on:
        errors.append(FieldError("due_on", "Срок выполнения раньше даты регистрации обращения"))
    return errors


def check_done(data: PromiseDoneInput, today: date, created_on: date) -> list[FieldError]:
    errors = []
    if data.done_on is None:
        errors.append(FieldError("done_on", "Укажите дату выполнения"))
    elif data.done_on > today:
        errors.append(FieldError("done_on", "Дата выполнения не может быть позже сегодняшней"))
    if data.call_on is None:
        errors.append(FieldError("call_on", "Запишите контрольный звонок заявителю: без него обещание не снимается "
                                            "с контроля"))
    elif data.call_on > today:
        errors.append(FieldError("call_on", "Дата звонка не может быть позже сегодняшней"))
    elif data.done_on is not None and data.call_on < data.done_on:
        errors.append(FieldError("call_on", "Звонок заявителю — после выполнения работ"))
    if not (data.call_note or "").strip():
        errors.append(FieldError("call_note", "Запишите, что ответил заявитель"))
    if not (data.confirmed_by or "").strip():
        errors.append(FieldError("confirmed_by", "Укажите, кто подтвердил выполнение"))
    return errors


def promise_state(status: str, due_on: date, window: DeadlineWindow) -> str:
    if status != "open":
        return status
    return window.urgency(due_on) or "open"
