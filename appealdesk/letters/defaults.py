"""The program's own templates: one Word document per kind, made here with python-docx, with the requisites
of a letter of ГОСТ Р 7.0.97-2025 — the blank (the body's name and contacts), the outgoing number and
date, the reference «На № … от …», the addressee, the heading, the greeting, the text, the enclosure
mark, the signatory and the executor mark. The office opens one in Word from Settings → «Шаблоны писем»,
changes it and loads it back; «Восстановить стандартный» comes back here."""

from __future__ import annotations

import functools
import io

from .kinds import BY_CODE, TO_BODY

LAW_59 = "Федерального закона от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан Российской Федерации»"
LAW_8 = ("Федерального закона от 09.02.2009 № 8-ФЗ «Об обеспечении доступа к информации о деятельности "
         "государственных органов и органов местного самоуправления»")
NB = "\u00a0"  # non-breaking: «рег. № 12-ОГ/26», «от 03.11.2026» stay on one line
APPEAL = f"Ваше обращение от {{{{ дата_поступления }}}} (рег.{NB}№{NB}{{{{ рег_номер }}}} от{NB}{{{{ дата_регистрации }}}})"
APPEAL_GEN = APPEAL.replace("Ваше обращение", "Вашего обращения")
APPEAL_PREP = APPEAL.replace("Ваше обращение", "Вашем обращении")

# the text of each kind: paragraphs; "{{ текст }}" stands alone in its paragraph (it may be several)
BODIES: dict[str, tuple[str, ...]] = {
    "answer": (
        f"{APPEAL} рассмотрено.",
        "{{ текст }}",
        "В случае несогласия с ответом Вы вправе обжаловать его вышестоящему должностному лицу или в суд в "
        "порядке, установленном законодательством Российской Федерации.",
    ),
    "interim_answer": (
        f"{APPEAL} находится на рассмотрении.",
        "{{ текст }}",
        "Окончательный ответ будет направлен Вам не позднее {{ дата_окончательного_ответа }}.",
    ),
    "forwarding_notice": (
        f"Сообщаем, что {APPEAL} в соответствии с частью 3 "
        f"статьи 8 {LAW_59} направлено {{{{ дата_направления }}}} для рассмотрения по компетенции: "
        "{{ орган }}, так как решение поставленных в нём вопросов относится к компетенции этого органа.",
        "{{ текст }}",
        "О результатах рассмотрения Вам сообщит орган, в который направлено обращение.",
    ),
    "cover_letter": (
        f"В соответствии с частью 3 статьи 8 {LAW_59} направляем для рассмотрения по компетенции обращение "
        "{{ заявитель_рп }} ({{ заявитель_адрес }}) от {{ дата_поступления }}, зарегистрированное "
        "{{ дата_регистрации }} за № {{ рег_номер }}.",
        "{{ текст }}",
        "О результатах рассмотрения просим проинформировать заявителя. Заявитель уведомлён о переадресации "
        "обращения.",
    ),
    "extension_notice": (
        f"Сообщаем, что в соответствии с частью 2 статьи 12 {LAW_59} срок рассмотрения {APPEAL_GEN} "
        "продлён на {{ продление_дней }} дн., до {{ новый_срок }}.",
        "Основание продления:",
        "{{ текст }}",
        "Ответ по существу поставленных вопросов будет направлен Вам не позднее {{ новый_срок }}.",
    ),
    "court_decision": (
        f"{APPEAL} содержит обжалование судебного решения. В соответствии с частью 2 статьи 11 {LAW_59} "
        "обращение возвращается Вам.",
        "{{ текст }}",
        "Разъясняем, что судебное решение обжалуется в порядке, установленном процессуальным "
        "законодательством Российской Федерации: путём подачи апелляционной, кассационной или надзорной "
        "жалобы через суд, принявший решение, в сроки, установленные законом.",
    ),
    "abusive_language": (
        f"{APPEAL} содержит нецензурные либо оскорбительные выражения, угрозы жизни, здоровью и имуществу "
        "должностного лица, а также членов его семьи.",
        f"В соответствии с частью 3 статьи 11 {LAW_59} обращение оставлено без ответа по существу "
        "поставленных в нём вопросов.",
        "{{ текст }}",
        "Сообщаем Вам о недопустимости злоупотребления правом на обращение.",
    ),
    "unreadable": (
        f"Ответ на {APPEAL} не даётся, поскольку текст "
        f"обращения не поддаётся прочтению (часть 4 статьи 11 {LAW_59}). Обращение не подлежит направлению "
        "на рассмотрение в государственный орган, орган местного самоуправления или должностному лицу в "
        "соответствии с их компетенцией.",
        "{{ текст }}",
        "Вы вправе вновь обратиться, изложив обращение разборчиво.",
    ),
    "unclear": (
        f"Текст {APPEAL_GEN} не позволяет определить суть предложения, заявления или жалобы. В соответствии "
        f"с частью 4.1 статьи 11 {LAW_59} ответ на обращение не даётся, и оно не подлежит направлению на "
        "рассмотрение в государственный орган, орган местного самоуправления или должностному лицу в "
        "соответствии с их компетенцией.",
        "{{ текст }}",
        "Вы вправе вновь обратиться, изложив суть Вашего предложения, заявления или жалобы.",
    ),
    "correspondence_end": (
        f"{APPEAL} содержит вопрос, на который Вам неоднократно давались письменные ответы по существу в "
        "связи с ранее направляемыми обращениями, и в нём не приводятся новые доводы или обстоятельства.",
        "Ранее даны ответы:",
        "{{ текст }}",
        f"На основании части 5 статьи 11 {LAW_59} {{{{ дата_решения }}}} принято решение о безосновательности "
        "очередного обращения и прекращении переписки с Вами по данному вопросу.",
    ),
    "already_published": (
        f"Ответ на вопрос, поставленный в {APPEAL_PREP}, "
        "размещён на официальном сайте в информационно-телекоммуникационной сети «Интернет» по адресу: "
        "{{ адрес_сайта }} (часть 4 статьи 10, часть 5.1 статьи 11 " + LAW_59 + ").",
        "{{ текст }}",
    ),
    "info_answer": (
        "На Ваш запрос информации от {{ дата_поступления }} (рег. № {{ рег_номер }} от {{ дата_регистрации }}) "
        "сообщаем следующее.",
        "{{ текст }}",
        f"Ответ дан в соответствии со статьями 18-20 {LAW_8}.",
    ),
    "info_delay_notice": (
        "Сообщаем, что предоставить запрашиваемую Вами информацию (запрос от {{ дата_поступления }}, рег. "
        "№ {{ рег_номер }} от {{ дата_регистрации }}) в установленный тридцатидневный срок не представляется "
        "возможным по следующей причине:",
        "{{ текст }}",
        f"В соответствии с {LAW_8} информация будет предоставлена Вам не позднее {{{{ новый_срок }}}}.",
    ),
    "reception_invitation": (
        f"По вопросу, изложенному в {APPEAL_PREP}, "
        "приглашаем Вас на личный приём.",
        "Приём состоится {{ приём_дата }} в {{ приём_время }} по адресу: {{ приём_место }}.",
        "{{ текст }}",
        f"При себе необходимо иметь документ, удостоверяющий личность (часть 2 статьи 13 {LAW_59}).",
    ),
}

BODY_FONT = "Times New Roman"
BODY_PT = 14
BLANK_PT = 11
MARK_PT = 10


def _set_font(style, name: str, size: int) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _no_borders(table) -> None:
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"})
        borders.append(el)
    tbl_pr.append(borders)


def _para(container, text: str = "", *, size: int | None = None, bold: bool = False, align=None,
          indent: bool = False, space_after: float = 0):
    from docx.shared import Cm, Pt

    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.25)
    return p


def _optional(container, test: str, text: str, **kw) -> None:
    """A paragraph only when ``test`` holds (docxtpl's paragraph-level tags)."""
    _para(container, f"{{%p if {test} %}}", **{k: v for k, v in kw.items() if k == "size"})
    _para(container, text, **kw)
    _para(container, "{%p endif %}", **{k: v for k, v in kw.items() if k == "size"})


@functools.cache
def default_template(code: str) -> bytes:
    """The default DOCX of a letter kind (made once per process)."""
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    kind = BY_CODE[code]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    _set_font(doc.styles["Normal"], BODY_FONT, BODY_PT)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    doc.core_properties.title = kind.title
    doc.core_properties.author = "AppealDesk"
    doc.core_properties.comments = (
        "Шаблон письма AppealDesk. Поля в двойных фигурных скобках заполняются программой; список полей — "
        "в Настройки → Шаблоны писем."
    )
    # the blank (left) and the addressee (right)
    blank = doc.add_table(rows=1, cols=2)
    blank.alignment = WD_TABLE_ALIGNMENT.LEFT
    blank.autofit = False
    _no_borders(blank)
    left, right = blank.rows[0].cells
    left.width, right.width = Cm(8.5), Cm(8.5)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    first = left.paragraphs[0]
    run = first.add_run("{{ организация }}")
    run.bold = True
    run.font.size = Pt(BLANK_PT + 1)
    first.alignment = centre
    _optional(left, "организация_адрес", "{{ организация_адрес }}", size=BLANK_PT - 1, align=centre)
    _optional(left, "организация_телефон", "тел. {{ организация_телефон }}", size=BLANK_PT - 1, align=centre)
    _optional(left, "организация_почта", "эл. почта: {{ организация_почта }}", size=BLANK_PT - 1, align=centre)
    _optional(left, "организация_сайт", "{{ организация_сайт }}", size=BLANK_PT - 1, align=centre)
    _para(left, "", size=BLANK_PT)
    _para(left, "{{ исх_номер }} от {{ исх_дата }}", size=BLANK_PT, align=centre)
    if kind.to != TO_BODY:
        _para(left, "{{ ссылка }}", size=BLANK_PT, align=centre)
    addr = right.paragraphs[0]
    addr.add_run("{{ адресат }}")
    addr.paragraph_format.left_indent = Cm(1)
    _optional(right, "адресат_адрес", "{{ адресат_адрес }}", align=None)
    for p in right.paragraphs:
        p.paragraph_format.left_indent = Cm(1)
    _para(doc)
    _para(doc, kind.heading, bold=True, space_after=12)
    if kind.to != TO_BODY:
        _optional(doc, "приветствие", "{{ приветствие }}", align=centre, space_after=12)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for text in BODIES[code]:
        if text == "{{ текст }}":
            _optional(doc, "текст", "{{ текст }}", align=justify, indent=True)
        else:
            _para(doc, text, align=justify, indent=True)
    _para(doc)
    _optional(doc, "приложение", "Приложение: {{ приложение }}", align=justify)
    _para(doc)
    # the signatory: the position on the left, «И.О. Фамилия» on the right
    sign = doc.add_table(rows=1, cols=2)
    sign.autofit = False
    _no_borders(sign)
    pos, name = sign.rows[0].cells
    pos.width, name.width = Cm(11), Cm(6)
    pos.paragraphs[0].add_run("{{ подписант_должность }}")
    name.paragraphs[0].add_run("{{ подписант }}")
    name.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    name.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    _para(doc)
    _para(doc)
    _para(doc, "{{ исполнитель }}", size=MARK_PT)
    _optional(doc, "исполнитель_телефон", "{{ исполнитель_телефон }}", size=MARK_PT)
    _optional(doc, "исполнитель_почта", "{{ исполнитель_почта }}", size=MARK_PT)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
