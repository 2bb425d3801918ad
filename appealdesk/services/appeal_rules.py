"""Validation of an appeal as typed and the computed parts of a registration (series, deadlines).

Shared by the card (one appeal), the journal import and the demo (many at once), so that every way in
follows the same rules.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date

from ..domain.codes import Kind
from ..domain.law import channel_problems
from ..errors import FieldError
from .applicants import validate_applicant
from .values import AppealInput

MAX_SIGNATURES = 1_000_000
SERIES_APPEAL = "appeal"
SERIES_MESSAGE = "message"
SERIES_INFO = "info_request"


def series_of(kind: str) -> str:
    if kind == Kind.MESSAGE:
        return SERIES_MESSAGE
    if kind == Kind.INFO_REQUEST:
        return SERIES_INFO
    return SERIES_APPEAL


@dataclass(frozen=True)
class Known:
    """What the rules look values up in: vocabularies, classifier codes usable for questions, officials."""

    vocabulary: dict[str, dict[str, str]]
    question_codes: Container[str]
    official_ids: Container[int]
    settlement_ids: Container[int]


def validate(data: AppealInput, known: Known, today: date) -> list[FieldError]:
    """Every problem of ``data`` at once, each with the field it belongs to and a Russian message."""
    errors: list[FieldError] = []
    vocab = known.vocabulary

    def check_code(field: str, group: str, value: str | None, what: str, required: bool = True) -> None:
        if not value:
            if required:
                errors.append(FieldError(field, f"Укажите {what}"))
            return
        if value not in vocab.get(group, {}):
            errors.append(FieldError(field, f"Неизвестное значение «{value}» в поле «{what}»"))

    check_code("form", "form", data.form, "форму поступления")
    check_code("source", "source", data.source, "источник")
    check_code("kind", "kind", data.kind, "вид обращения")
    check_code("channel", "channel", data.channel, "канал поступления", required=False)
    if data.form and data.source and data.kind:
        errors.extend(FieldError(field, message)
                      for field, message in channel_problems(data.form, data.source, data.kind, data.channel))
    if not (data.summary or "").strip():
        errors.append(FieldError("summary", "Укажите краткое содержание обращения"))
    registered = data.registered_on or today
    if registered > today:
        errors.append(FieldError("registered_on", "Дата регистрации не может быть позже сегодняшней"))
    if data.received_on and data.received_on > registered:
        errors.append(FieldError("received_on", "Дата поступления не может быть позже даты регистрации"))
    if data.is_collective and data.signatures is not None and data.signatures < 2:
        errors.append(FieldError("signatures", "В коллективном обращении не меньше двух подписей"))
    if data.signatures is not None and data.signatures < 0:
        errors.append(FieldError("signatures", "Число подписей не может быть отрицательным"))
    if data.signatures is not None and data.signatures > MAX_SIGNATURES:
        errors.append(FieldError("signatures", "Число подписей слишком велико (не больше 1 000 000)"))
    if not data.questions:
        errors.append(FieldError("questions", "Добавьте хотя бы один вопрос с кодом классификатора"))
    seen = set()
    for i, q in enumerate(data.questions, start=1):
        code = (q.code or "").strip()
        if not code:
            errors.append(FieldError(f"questions.{i}", f"Вопрос {i}: укажите код классификатора"))
            continue
        if code not in known.question_codes:
            errors.append(
                FieldError(
                    f"questions.{i}",
                    f"Вопрос {i}: код «{code}» не найден в классификаторе (нужен код вопроса или подвопроса)",
                )
            )
        if code in seen:
            errors.append(FieldError(f"questions.{i}", f"Вопрос {i}: код «{code}» указан дважды"))
        seen.add(code)
        if (q.result and q.result not in vocab.get("result", {})) or q.result == "in_progress":
            errors.append(FieldError(f"questions.{i}", f"Вопрос {i}: неизвестный результат «{q.result}»"))
        if q.executor_id is not None and q.executor_id not in known.official_ids:
            errors.append(FieldError(f"questions.{i}", f"Вопрос {i}: исполнитель не найден"))
    for field, value in (("executor_id", data.executor_id), ("resolution_by_id", data.resolution_by_id)):
        if value is not None and value not in known.official_ids:
            errors.append(FieldError(field, "Должностное лицо не найдено"))
    if data.settlement_id is not None and data.settlement_id not in known.settlement_ids:
        errors.append(FieldError("settlement_id", "Населённый пункт не найден"))
    if data.applicant is not None:
        errors.extend(validate_applicant(data.applicant))
        if data.applicant.settlement_id is not None and data.applicant.settlement_id not in known.settlement_ids:
            errors.append(FieldError("applicant.settlement_id", "Населённый пункт не найден"))
    if data.resolution_on and data.resolution_on < registered:
        errors.append(FieldError("resolution_on", "Дата резолюции раньше даты регистрации"))
    if data.reg_number is not None and not data.reg_number.strip():
        errors.append(FieldError("reg_number", "Регистрационный номер не может быть пустым"))
    return errors


NumberFactory = Callable[[str, int], str]


def executors_of(appeal) -> set[int | None]:
    """The officials an appeal is assigned to: its executor and the executors of its questions."""
    return {appeal.executor_id} | {q.executor_id for q in appeal.questions}
