"""The audit log: who changed what and when, with old and new values. Nothing is ever removed from it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..domain.roles import Permission as P
from ..storage import audit_chain
from ..storage.models import AuditEntry
from .access import requires
from .context import ServiceContext
from .values import AuditRecord


def as_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, date | datetime):
        return value.strftime("%d.%m.%Y")
    return str(value)


def diff(before: Mapping[str, object], after: Mapping[str, object]) -> list[tuple[str, str | None, str | None]]:
    """The fields whose values differ, as text: ``[(field, old, new), ...]``."""
    out = []
    for key in after:
        old, new = as_text(before.get(key)), as_text(after.get(key))
        if old != new:
            out.append((key, old, new))
    return out


def record(
    session: Session,
    ctx: ServiceContext,
    entity: str,
    entity_id: int | None,
    action: str,
    changes: list[tuple[str, str | None, str | None]] | None = None,
    *,
    user: str | None = None,
) -> None:
    """One row of the audit log, by the signed-in person (``user`` names someone else: the file holder
    who reset a password from the command line), chained to the row before it."""
    row = {
        "at": ctx.now(), "user": user if user is not None else ctx.user,
        "user_id": None if user is not None else ctx.user_id, "entity": entity, "entity_id": entity_id,
        "action": action, "changes": json.dumps(changes or [], ensure_ascii=False),
    }
    session.execute(insert(AuditEntry.__table__), chained(session, [row]))


def chained(session: Session, rows: list[dict]) -> list[dict]:
    """``rows`` (dicts of audit columns, in the order they will be inserted) with their chain values,
    continuing the chain from the newest row in the database. The unit of work holds the write lock, so
    nobody else appends meanwhile."""
    session.flush()
    previous = session.scalar(select(AuditEntry.chain).order_by(AuditEntry.id.desc()).limit(1))
    for row in rows:
        previous = row["chain"] = audit_chain.link(previous, *(row[c] for c in audit_chain.COLUMNS))
    return rows


class AuditService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def history(self, entity: str, entity_id: int) -> tuple[AuditRecord, ...]:
        """The changes of one record, oldest first."""
        with self._ctx.read() as s:
            rows = s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id)
            ).all()
            return tuple(_view(r) for r in rows)

    @requires(P.READ)
    def recent(self, limit: int = 100) -> tuple[AuditRecord, ...]:
        with self._ctx.read() as s:
            rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
            return tuple(_view(r) for r in rows)


def _view(row: AuditEntry) -> AuditRecord:
    changes = tuple(tuple(c) for c in json.loads(row.changes or "[]"))
    return AuditRecord(
        id=row.id,
        at=row.at,
        user=row.user,
        entity=row.entity,
        entity_id=row.entity_id,
        action=row.action,
        changes=changes,  # type: ignore[arg-type]
    )


# Russian names of the fields and actions, for the history the desktop shows
ACTION_LABELS = {
    "register": "Регистрация",
    "update": "Изменение",
    "resolution": "Резолюция",
    "extend": "Продление срока",
    "extension_notice": "Уведомление о продлении",
    "forward": "Переадресация",
    "answer": "Ответ",
    "close": "Закрытие",
    "reopen": "Возобновление",
    "delete": "Удаление",
    "restore": "Восстановление",
    "import": "Импорт",
    "merge": "Объединение",
    "settings": "Настройки",
    "promise": "Обещание в ответе",
    "promise_done": "Обещание выполнено",
    "promise_cancel": "Обещание снято с контроля",
    "move": "Перенос записи на приём",
    "interim_answer": "Промежуточный ответ",
    "recompute": "Пересчёт сроков",
    "document_request": "Запрос документов",
    "document_answer": "Ответ на запрос документов",
    "letter": "Письмо",
    "letter_template": "Шаблон письма",
    "sstu_upload": "Выгрузка в ССТУ.РФ",
}

FIELD_LABELS = {
    "reg_number": "Рег. номер",
    "received_on": "Дата поступления",
    "registered_on": "Дата регистрации",
    "form": "Форма поступления",
    "source": "Источник",
    "cover_letter": "Сопроводительное письмо",
    "kind": "Вид обращения",
    "complaint_about": "Обжалуются действия",
    "applicant": "Заявитель",
    "is_collective": "Коллективное",
    "signatures": "Число подписей",
    "settlement": "Населённый пункт",
    "summary": "Содержание",
    "questions": "Вопросы",
    "resolution": "Резолюция",
    "resolution_by": "Автор резолюции",
    "resolution_on": "Дата резолюции",
    "executor": "Исполнитель",
    "on_control": "На контроле",
    "commission": "Комиссионно",
    "on_site": "С выездом на место",
    "with_author": "С участием автора",
    "legal_deadline": "Срок по закону",
    "control_deadline": "Контрольный срок",
    "extended_deadline": "Продлено до",
    "answer_on": "Дата ответа",
    "answer_number": "Исх. номер ответа",
    "answer_method": "Способ отправки",
    "answer_text": "Текст ответа",
    "satisfaction": "Удовлетворённость",
    "no_answer_ground": "Основание (ст. 11)",
    "is_repeated": "Повторное",
    "previous_number": "Предыдущее обращение",
    "status": "Состояние",
    "reason": "Причина",
    "days": "Дней",
    "notice_on": "Дата уведомления",
    "to_body": "Куда направлено",
    "forwarded_on": "Дата направления",
    "results": "Результаты",
    "channel": "Канал поступления",
    "crime_report": "Сведения о противоправном деянии",
    "decision_by": "Решение о прекращении переписки принял",
    "decision_on": "Дата решения",
    "published_url": "Ответ размещён на сайте",
    "call_on": "Звонок заявителю",
    "call_note": "Итог звонка",
    "final_due": "Срок окончательного ответа",
    "deadline": "Срок в силе",
    "letter": "Письмо",
    "outgoing_number": "Исх. номер",
    "letter_template": "Шаблон письма",
}
