"""The one renderer's pagination rules, checked on the pages it writes: a heading never ends a page, a
table's note stays with the table, a signature never stands alone; sections turn the page to landscape;
a Word letter read into the model prints with its texts."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from appealdesk.paper.model import (
    HEADING,
    Column,
    Document,
    Para,
    Row,
    Section,
    Signature,
    Table,
    simple,
)
from appealdesk.paper.pdf import render_pdf

FILLER = "Текст абзаца, который занимает строку и ещё немного, чтобы перенестись на вторую строку страницы. " * 2


def pages(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("стр. ")]


@pytest.mark.parametrize("filler", range(20, 34))
def test_a_heading_never_ends_a_page(filler):
    blocks = [Para.of(f"{FILLER} {n}") for n in range(filler)]
    blocks += [Para.of("ЗАГОЛОВОК РАЗДЕЛА", HEADING), Para.of(FILLER + " продолжение")]
    for text in pages(render_pdf(simple("Проверка", blocks, page_numbers="footer"))):
        assert lines(text)[-1] != "ЗАГОЛОВОК РАЗДЕЛА"


@pytest.mark.parametrize("filler", range(0, 40, 3))
def test_a_tables_note_stays_with_its_rows(filler):
    rows = tuple(Row((f"строка {n}", str(n))) for n in range(1, 61))
    table = Table((Column("Показатель", 3), Column("Число", 1)), rows, caption="Таблица 1",
                  note="ПРИМЕЧАНИЕ К ТАБЛИЦЕ")
    blocks = [Para.of(f"{FILLER} {n}") for n in range(filler)] + [table]
    texts = pages(render_pdf(simple("Проверка", blocks)))
    [with_note] = [t for t in texts if "ПРИМЕЧАНИЕ К ТАБЛИЦЕ" in t]
    assert "строка 60" in with_note
    assert not any(lines(t)[-1] == "Таблица 1" for t in texts)  # the caption is not left alone either


@pytest.mark.parametrize("filler", range(26, 40))
def test_a_signature_never_stands_alone(filler):
    blocks = [Para.of(f"{FILLER} {n}") for n in range(filler)] + [Signature("Глава поселения", "П.П. Петров")]
    texts = pages(render_pdf(simple("Проверка", blocks)))
    [signed] = [t for t in texts if "П.П. Петров" in t]
    assert "Текст абзаца" in signed


def test_a_signature_after_a_long_table_keeps_some_rows():
    rows = tuple(Row((f"строка {n}", str(n))) for n in range(1, 200))
    blocks = [Table((Column("Показатель", 3), Column("Число", 1)), rows), Signature("Глава", "П.П. Петров")]
    texts = pages(render_pdf(simple("Проверка", blocks)))
    [signed] = [t for t in texts if "П.П. Петров" in t]
    assert "строка 199" in signed


def test_sections_turn_the_page_and_the_numbers_count_every_page():
    doc = Document("Проверка", (Section((Para.of("книжная"),)), Section((Para.of("альбомная"),), landscape=True)))
    data = render_pdf(doc)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes[0][0] < sizes[0][1] and sizes[1][0] > sizes[1][1]
    assert "стр. 2 из 2" in reader.pages[1].extract_text()


def test_a_word_letter_prints_through_the_model():
    from docx import Document as Docx

    from appealdesk.paper.docx_reader import document_of_docx

    d = Docx()
    d.add_paragraph("Уважаемый Иван Ильич!")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "Глава поселения"
    t.rows[0].cells[1].text = "П.П. Петров"
    buf = io.BytesIO()
    d.save(buf)
    doc = document_of_docx(buf.getvalue(), "Письмо")
    text = pages(render_pdf(doc))[0]
    assert "Уважаемый Иван Ильич!" in text and "П.П. Петров" in text
