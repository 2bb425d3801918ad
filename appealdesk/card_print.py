"""The printed registration card of an appeal (регистрационно-контрольная карточка).

``card_document`` turns an ``AppealCard`` into plain printable content; ``write_card_pdf`` renders it with
reportlab and the bundled Cyrillic font. The desktop's print preview renders the same content, so the
paper and the PDF say the same thing. No Qt here; reportlab is imported only when a PDF is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .domain.codes import DEADLINE_STATE_LABELS
from .private_files import make_private
from .services.values import AppealCard

Labeler = Callable[[str, str | None], str]


@dataclass(frozen=True)
class CardSection:
    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CardDocument:
    organisation: str
    title: str
    sections: tuple[CardSection, ...]
    question_header: tuple[str, ...]
    questions: tuple[tuple[str, ...], ...]
    footer: str


def _d(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _yes(value: bool) -> str:
    return "да" if value else "нет"


def card_document(card: AppealCard, label: Labeler, organisation: str = "") -> CardDocument:
    """Printable content of the card: only the rows that hold something, in the order of the card."""

    def rows(*pairs: tuple[str, str | None]) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in pairs if v not in (None, ""))

    a = card.applicant
    applicant = "Анонимное обращение" if a is None else a.display_name
    sections = [
        CardSection(
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
        CardSection(
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
        CardSection("Краткое содержание", (("", card.summary),)),
        CardSection(
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
            CardSection(
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
            CardSection(
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
            CardSection(
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
        (str(q.position + 1), q.code, q.name, q.executor or "", label("result", q.result) if q.result else "на рассмотрении")
        for q in card.questions
    )
    return CardDocument(
        organisation=organisation,
        title=f"Регистрационная карточка обращения № {card.reg_number}",
        sections=tuple(s for s in sections if s.rows),
        question_header=("№", "Код", "Вопрос", "Исполнитель", "Результат"),
        questions=questions,
        footer=f"Зарегистрировал: {card.created_by}, {card.created_at:%d.%m.%Y %H:%M}",
    )


def write_card_pdf(doc: CardDocument, path: str | os.PathLike) -> None:
    """An A4 PDF of the card with the bundled Cyrillic font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from .pdf_fonts import register

    fonts = register()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=12)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.grey)
    head = ParagraphStyle("head", parent=base, fontName=fonts.bold, fontSize=11, leading=14, spaceBefore=6)
    title = ParagraphStyle("title", parent=base, fontName=fonts.bold, fontSize=13, leading=16, alignment=1)
    org = ParagraphStyle("org", parent=base, alignment=1)

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        safe = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
        return Paragraph(safe, style)

    width = A4[0] - 36 * mm
    story: list = []
    if doc.organisation:
        story.append(p(doc.organisation, org))
        story.append(Spacer(1, 3 * mm))
    story.append(p(doc.title, title))
    story.append(Spacer(1, 4 * mm))
    grid = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    for section in doc.sections:
        story.append(p(section.title, head))
        if len(section.rows) == 1 and not section.rows[0][0]:
            story.append(p(section.rows[0][1]))
            continue
        data = [[p(k), p(v)] for k, v in section.rows]
        table = Table(data, colWidths=[width * 0.32, width * 0.68])
        table.setStyle(grid)
        story.append(table)
    if doc.questions:
        story.append(p("Вопросы", head))
        code = ParagraphStyle("code", parent=base, fontSize=8.5)
        data = [[p(h) for h in doc.question_header]] + [
            [p(c, code if n == 1 else base) for n, c in enumerate(row)] for row in doc.questions
        ]
        table = Table(data, colWidths=[width * w for w in (0.05, 0.27, 0.36, 0.16, 0.16)], repeatRows=1)
        table.setStyle(grid)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]))
        story.append(table)
    story.append(Spacer(1, 6 * mm))
    story.append(p(doc.footer, small))
    pdf = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=doc.title, author="AppealDesk",
    )
    pdf.build(story)
    make_private(path)  # personal data: owner-only


def card_html(doc: CardDocument) -> str:
    """The same content as HTML, for the desktop's print preview (QTextDocument)."""
    from html import escape

    parts = ['<html><body style="font-family: \'DejaVu Sans\', sans-serif; font-size: 9.5pt;">']
    if doc.organisation:
        parts.append(f'<p align="center">{escape(doc.organisation)}</p>')
    parts.append(f'<h3 align="center">{escape(doc.title)}</h3>')
    cell = 'style="border: 1px solid #888; padding: 3px; vertical-align: top;"'
    for s in doc.sections:
        parts.append(f"<h4>{escape(s.title)}</h4>")
        if len(s.rows) == 1 and not s.rows[0][0]:
            parts.append(f"<p>{escape(s.rows[0][1]).replace(chr(10), '<br/>')}</p>")
            continue
        parts.append('<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse;">')
        for k, v in s.rows:
            parts.append(f'<tr><td width="32%" {cell}>{escape(k)}</td><td {cell}>{escape(v)}</td></tr>')
        parts.append("</table>")
    if doc.questions:
        parts.append("<h4>Вопросы</h4>")
        parts.append('<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse: collapse;">')
        parts.append("<tr>" + "".join(f"<th {cell}>{escape(h)}</th>" for h in doc.question_header) + "</tr>")
        for row in doc.questions:
            parts.append("<tr>" + "".join(f"<td {cell}>{escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    parts.append(f'<p style="color: #777; font-size: 8pt;">{escape(doc.footer)}</p></body></html>')
    return "".join(parts)
