"""The printed registration card of an appeal (регистрационно-контрольная карточка), as a paper of the
one document model (``appealdesk.paper``): the preview, the printer and the PDF show the same pages.
No Qt here; reportlab is imported only when the PDF is rendered.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .domain.codes import DEADLINE_STATE_LABELS
from .paper.model import (
    CENTER,
    HEADING,
    NUMBERS_FOOTER,
    SMALL,
    TITLE,
    Column,
    Document,
    Para,
    Row,
    Section,
    Table,
)
from .services.values import AppealCard

Labeler = Callable[[str, str | None], str]


def _d(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _yes(value: bool) -> str:
    return "да" if value else "нет"


def card_document(card: AppealCard, label: Labeler, organisation: str = "") -> Document:
    """The card as a paper: only the rows that hold something, in the order of the card."""

    def rows(*pairs: tuple[str, str | None]) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in pairs if v not in (None, ""))

    a = card.applicant
    applicant = "Анонимное обращение" if a is None else a.display_name
    sections = [
        _section(
            "Регистрация",
            rows(
                ("Рег. номер", card.reg_number),
                ("Дата поступления", _d(card.received_on)),
                ("Дата регистрации", _d(card.registered_on) + (" (с нарушением срока)" if card.registered_late else "")),
                ("Форма поступления", label("form", card.form)),
                ("Источник", label("source", card.source)),
                ("Сопроводительное письмо", card.cover_letter),
                ("Вид обращения", label("kind", card.kind)),
                ("Обжалуются действия", card.complaint_about),
            ),
        ),
        _section(
            "Заявитель",
            rows(
                ("Заявитель", applicant),
                ("Населённый пункт", card.settlement or (a.settlement if a else None)),
                ("Адрес", a.address if a else None),
                ("Телефон", a.phone if a else None),
                ("Эл. почта", a.email if a else None),
                ("Социальная категория", a.social_category if a else None),
                ("Коллективное", f"да, подписей: {card.signatures or '—'}" if card.is_collective else None),
                ("Повторное", f"да, предыдущее № {card.previous_number}" if card.is_repeated and card.previous_number
                 else ("да" if card.is_repeated else None)),
            ),
        ),
        _section("Краткое содержание", (("", card.summary),)),
        _section(
            "Резолюция и контроль",
            rows(
                ("Резолюция", card.resolution),
                ("Дата резолюции", _d(card.resolution_on)),
                ("Исполнитель", card.executor),
                ("На контроле", _yes(card.on_control)),
                ("Срок по закону", _d(card.legal_deadline)),
                ("Контрольный срок", _d(card.control_deadline)),
                ("Продлено до", _d(card.extended_deadline)),
                ("Состояние", DEADLINE_STATE_LABELS.get(card.deadline_state, card.deadline_state)),
            ),
        ),
    ]
    if card.extension:
        e = card.extension
        sections.append(
            _section(
                "Продление срока",
                rows(
                    ("На сколько дней", str(e.days)),
                    ("Основание", e.reason),
                    ("Кто продлил", e.extended_by),
                    ("Дата продления", _d(e.extended_on)),
                    ("Уведомление заявителя", _d(e.notice_on)),
                ),
            )
        )
    for f in card.forwardings:
        sections.append(
            _section(
                "Переадресация",
                rows(
                    ("Куда направлено", f.to_body),
                    ("Дата направления", _d(f.forwarded_on)),
                    ("Исх. номер", f.outgoing_number),
                    ("Уведомление заявителя", _d(f.notice_on)),
                ),
            )
        )
    if card.answer_on or card.status == "closed":
        sections.append(
            _section(
                "Ответ",
                rows(
                    ("Дата ответа", _d(card.answer_on)),
                    ("Исх. номер ответа", card.answer_number),
                    ("Способ отправки", label("answer_method", card.answer_method)),
                    ("Удовлетворённость", label("satisfaction", card.satisfaction)),
                    ("Основание (ст. 11)", label("no_answer_ground", card.no_answer_ground)),
                    ("Закрыто", _d(card.closed_on)),
                ),
            )
        )
    questions = tuple(
        Row((str(q.position + 1), q.code, q.name, q.executor or "",
             label("result", q.result) if q.result else "на рассмотрении"))
        for q in card.questions
    )
    title = f"Регистрационная карточка обращения № {card.reg_number}"
    blocks: list = []
    if organisation:
        blocks.append(Para.of(organisation, align=CENTER))
    blocks.append(Para.of(title, TITLE, space_after=8))
    for heading, rows in sections:
        if not rows:
            continue
        blocks.append(Para.of(heading, HEADING))
        if len(rows) == 1 and not rows[0][0]:
            blocks.append(Para.of(rows[0][1]))
            continue
        blocks.append(Table((Column("", 0.32), Column("", 0.68)), tuple(Row(r) for r in rows), header=False))
    if questions:
        blocks.append(Para.of("Вопросы", HEADING))
        blocks.append(Table((Column("№", 0.05), Column("Код", 0.27), Column("Вопрос", 0.36),
                             Column("Исполнитель", 0.16), Column("Результат", 0.16)), questions))
    blocks.append(Para.of(f"Зарегистрировал: {card.created_by}, {card.created_at:%d.%m.%Y %H:%M}", SMALL,
                          space_before=12))
    return Document(title, (Section(tuple(blocks), footer=title),), page_numbers=NUMBERS_FOOTER, font_size=9.5)


def _section(title: str, rows: tuple[tuple[str, str], ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    return title, rows


def write_card_pdf(doc: Document, path: str | os.PathLike) -> Path:
    """The card's PDF (owner-only: it holds personal data)."""
    from .paper.pdf import write_pdf

    return write_pdf(doc, path)


