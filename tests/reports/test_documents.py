"""The documents for people: the PDF (text, pages, landscape pages), the XLSX (numbers as numbers, styled
frozen headers, print setup, native charts), the journal and overdue lists, the preview, the optional
reception section, the Russian number format and period wording."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from appealdesk.reports import (
    Period,
    ReceptionFigures,
    ReceptionLine,
    ReportOptions,
    half_year,
    nine_months,
    quarter,
    whole_year,
)
from appealdesk.reports.document import ALL_SECTIONS, build_document
from appealdesk.reports.numbers import fmt_delta, fmt_int, fmt_percent, plural
from appealdesk.reports.pdf import write_report_pdf
from appealdesk.reports.xlsx import write_report_xlsx

H1 = Period(date(2026, 1, 1), date(2026, 6, 30))
NEEDS_POPPLER = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (apt-get install poppler-utils)")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out)


def pdf_pages(path) -> list[tuple[float, float]]:
    """(width, height) of every page, from pdfinfo."""
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


# -- numbers and periods --------------------------------------------------------------------------------
def test_russian_number_format():
    assert fmt_int(1273) == "1273"  # four digits stay whole, as in the published reports
    assert fmt_int(50387) == "50\u00a0387"
    assert fmt_int(None) == "—"
    assert fmt_delta(144) == "+144"
    assert fmt_delta(-1167) == "\u22121167"
    assert fmt_delta(0) == "0"
    assert fmt_percent(12.8) == "+12,8"
    assert fmt_percent(-44.9) == "\u221244,9"
    assert fmt_percent(0.0) == "0,0"
    assert fmt_percent(None) == "—"
    assert fmt_percent(1234.5) == "+1234,5"
    assert [plural(n, "обращение", "обращения", "обращений") for n in (1, 2, 5, 11, 21, 144, 1273)] == [
        "обращение", "обращения", "обращений", "обращений", "обращение", "обращения", "обращения"]


def test_period_presets_and_wording():
    assert half_year(2026, 1).phrase() == "за 1 полугодие 2026 года"
    assert quarter(2026, 3) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert quarter(2026, 3).phrase() == "за 3 квартал 2026 года"
    assert nine_months(2026).phrase() == "за 9 месяцев 2026 года"
    assert whole_year(2020).phrase() == "за 2020 год"
    assert Period(date(2026, 2, 1), date(2026, 2, 28)).phrase() == "за февраль 2026 года"
    assert Period(date(2026, 2, 3), date(2026, 3, 15)).phrase() == "за период с 03.02.2026 по 15.03.2026"
    assert Period(date(2024, 1, 1), date(2024, 2, 29)).previous_year() == Period(date(2023, 1, 1), date(2023, 2, 28))
    from appealdesk.errors import DomainError

    with pytest.raises(DomainError, match="позже"):
        Period(date(2026, 2, 1), date(2026, 1, 1))


# -- PDF ----------------------------------------------------------------------------------------------------
@NEEDS_POPPLER
def test_pdf_has_heading_tables_narrative_signature_and_page_numbers(office, tmp_path):
    report = office.reports.build(H1, compare=True)
    options = ReportOptions(narratives={"totals": "Большинство обращений касается уличного освещения.",
                                        "results": "Все ответы даны в срок, кроме двух."},
                            signatory_position="Глава сельсовета", signatory_name="А. В. Соколов")
    path = write_report_pdf(report, tmp_path / "report.pdf", options)
    text = pdf_text(path)
    assert "СПРАВКА" in text
    assert "о работе с обращениями граждан за 1 полугодие 2026 года" in text
    assert "Администрация Ключевского сельсовета" in text
    assert "Количество обращений 6 2 +4 +200,0" in text
    assert "2 квартал 4 0 +4 —" in text
    assert "в т.ч. меры приняты 1 (14,3 %) 0 +1 —" in text
    assert "Большинство обращений касается уличного освещения." in text
    assert "Глава сельсовета" in text and "А. В. Соколов" in text
    pages = pdf_pages(path)
    assert f"стр. 1 из {len(pages)}" in text
    assert any(w > h for w, h in pages), "the wide quarter tables are on a landscape page"
    assert any(w < h for w, h in pages)


@NEEDS_POPPLER
def test_pdf_without_comparison_and_with_some_sections(office, tmp_path):
    report = office.reports.build(H1, compare=False)
    path = write_report_pdf(report, tmp_path / "r.pdf", ReportOptions(sections=("totals", "by_kind")))
    text = pdf_text(path)
    assert "Количество обращений 6" in text
    assert "+/-" not in text
    assert "Виды обращений" in text and "Результаты рассмотрения" not in text


def test_document_sections_follow_options(office):
    report = office.reports.build(H1, compare=True)
    assert [s.key for s in build_document(report)] == [k for k in ALL_SECTIONS if k not in ("reception", "by_organisation")]
    secs = build_document(report, ReportOptions(sections=("results", "totals"), narratives={"results": " текст "}))
    assert [s.key for s in secs] == ["totals", "results"]
    assert secs[1].narrative == "текст"
    assert any(c.kind == "pie" for c in secs[1].charts)
    topics = build_document(report, ReportOptions(sections=("topics",)))[0]
    assert any(c.kind == "bar" and len(c.categories) == 5 for c in topics.charts)
    from appealdesk.paper.model import Table, text_of

    paper = office.papers.report(report)
    text = text_of(paper)
    assert "Количество обращений" in text and "+200,0" in text
    assert any(isinstance(b, Table) for s in paper.sections for b in s.blocks)


# -- XLSX -----------------------------------------------------------------------------------------------------
def _find_row(ws, label):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return [c.value for c in row]
    raise AssertionError(f"{label!r} not on sheet {ws.title}")


def test_xlsx_numbers_styles_print_setup_and_charts(office, tmp_path):
    report = office.reports.build(H1, compare=True)
    path = write_report_xlsx(report, tmp_path / "report.xlsx",
                             ReportOptions(signatory_position="Глава сельсовета", signatory_name="А. В. Соколов"))
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Сводка"
    assert len(wb.sheetnames) == 1 + len([k for k in ALL_SECTIONS if k not in ("reception", "by_organisation")])
    summary = wb["Сводка"]
    assert _find_row(summary, "Поступило обращений")[:5] == ["Поступило обращений", 6, 2, 4, 200.0]
    kinds = wb["Виды обращений"]
    row = _find_row(kinds, "Жалоба")
    assert row[:6] == ["Жалоба", 1, 16.7, 1, 0, 0.0]  # the count, its share of the appeals, 2025, +/-, %
    assert _find_row(kinds, "Запрос информации (8-ФЗ)")[5] is None  # no percent when previous is 0
    for ws in wb.worksheets:
        assert ws.freeze_panes is not None, ws.title
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    header = kinds.cell(int(kinds.freeze_panes[1:]) - 1, 1)
    assert header.font.bold and header.fill.fgColor.rgb.endswith("DCE6F1")
    assert kinds.column_dimensions["A"].width >= 20
    assert wb["По кварталам"].page_setup.orientation == "landscape"
    assert {type(ch).__name__ for ch in wb["Тематика"]._charts} == {"BarChart"}
    assert {type(ch).__name__ for ch in wb["Результаты"]._charts} == {"PieChart"}
    delta = _find_row(summary, "Поступило обращений")
    assert isinstance(delta[3], int)


def test_xlsx_number_formats_show_signs(office, tmp_path):
    report = office.reports.build(H1, compare=True)
    wb = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    ws = wb["Общие сведения"]
    for row in ws.iter_rows():
        if row[0].value == "Количество обращений":
            assert row[3].number_format == "+#,##0;-#,##0;0"
            assert row[4].number_format == "+0.0;-0.0;0.0"
            break
    else:
        raise AssertionError("row missing")


# -- lists --------------------------------------------------------------------------------------------------
def test_journal_and_overdue_rows(office):
    journal = office.reports.list_rows("journal", H1)
    assert len(journal) == 7 and all(r.registered_on <= H1.end for r in journal)
    assert [r.registered_on for r in journal] == sorted(r.registered_on for r in journal)
    late = office.reports.list_rows("overdue", H1)
    assert {r.summary for r in late} == {"Обращение A2", "Обращение A4"}
    a2 = next(r for r in late if r.summary == "Обращение A2")
    assert a2.state == "Ответ с нарушением срока" and a2.days_late > 0
    a4 = next(r for r in late if r.summary == "Обращение A4")
    assert a4.state == "Просрочено, ответа нет" and a4.days_late == (H1.end - a4.deadline).days


@pytest.mark.parametrize("kind", ["journal", "overdue"])
def test_lists_as_pdf_and_xlsx(office, tmp_path, kind):
    n_pdf = office.reports.write_list(kind, H1, "pdf", tmp_path / f"{kind}.pdf")
    n_xlsx = office.reports.write_list(kind, H1, "xlsx", tmp_path / f"{kind}.xlsx")
    assert n_pdf == n_xlsx == (7 if kind == "journal" else 2)
    ws = load_workbook(tmp_path / f"{kind}.xlsx").active
    assert ws.freeze_panes == "A4"
    assert ws.cell(3, 2).value == "Рег. номер"
    assert ws.cell(4, 3).is_date and ws.cell(4, 3).number_format == "DD.MM.YYYY"
    if shutil.which("pdftotext"):
        text = pdf_text(tmp_path / f"{kind}.pdf")
        assert ("Журнал регистрации обращений" if kind == "journal" else "нарушением срока") in text
        assert f"Всего: {n_pdf}" in text
        assert all(w > h for w, h in pdf_pages(tmp_path / f"{kind}.pdf"))


def test_unknown_list_kind_is_refused(office, tmp_path):
    from appealdesk.errors import DomainError

    with pytest.raises(DomainError, match="Неизвестный список"):
        office.reports.write_list("calendar", H1, "pdf", tmp_path / "x.pdf")


# -- reception --------------------------------------------------------------------------------------------
def test_reception_section_only_when_the_provider_gives_figures(office, tmp_path):
    assert office.reports.build(H1).reception is None

    def provider(session, start, end):
        if start.year == 2026:
            return ReceptionFigures((
                ReceptionLine("Соколов Андрей Викторович", "Глава", "regular", 10, 25, 30, 12, 5),
                ReceptionLine("Соколов Андрей Викторович", "Глава", "visiting", 2, 9, 11, 4, 3),
            ))
        return ReceptionFigures((ReceptionLine("Соколов Андрей Викторович", "Глава", "regular", 8, 20, 22, 10, 2),))

    report = _build_with(office, provider)
    assert report.reception is not None
    sec = [s for s in build_document(report) if s.key == "reception"]
    assert len(sec) == 1
    rows = {r.values[0]: r.values[1:] for r in sec[0].tables[0].rows}
    assert rows["Проведено приёмов"] == (12, 8, 4, 50.0)
    assert rows["Принято граждан"] == (34, 20, 14, 70.0)
    assert rows["в т.ч. выездной приём"][:2] == (2, 0)
    none = _build_with(office, lambda s, a, b: None)
    assert none.reception is None
    assert "reception" not in [s.key for s in build_document(none)]
    # the contract's JSON is the same with or without receptions
    from appealdesk.reports import report_to_json

    assert report_to_json(report) == report_to_json(office.reports.build(H1, compare=True))
    write_report_pdf(report, tmp_path / "r.pdf")
    wb = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    assert "Личный приём" in wb.sheetnames


def _build_with(office, provider):
    """The report counted with a reception provider of the test's own (the service passes the real one)."""
    from appealdesk.reports.aggregate import build_report as count

    ctx = office._ctx
    with ctx.read() as s:
        return count(s, H1, today=office.today(), vocab=ctx.vocabulary(), organisation=office.settings.get().organisation,
                     compare=True, reception_provider=provider)
