"""Verification against a published table: a journal reproducing the 2019 and 2020 appeals of
``seeds/novokuznetsk_report_2020.txt`` (and its 374 messages of 2020, which the published report keeps apart)
goes in through the XLSX journal import; the 2020 report with comparison must show the published figures —
the questions-by-form table among them — in the JSON, in the XLSX cells and in the PDF text. When
LibreOffice is installed, it must open the XLSX (a real spreadsheet program) and print it with its charts."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from appealdesk.reports import Period, ReportOptions, report_to_json
from appealdesk.reports.pdf import write_report_pdf
from appealdesk.reports.xlsx import write_report_xlsx
from appealdesk.services import AppealDesk

from .novokuznetsk import EXPECTED, build_journal

TODAY = date(2026, 11, 20)
YEAR_2020 = Period(date(2020, 1, 1), date(2020, 12, 31))
MINUS = "\u2212"


def counter(current, previous):
    delta = current - previous
    percent = round(delta / previous * 100, 1) if previous else None
    return {"current": current, "previous": previous, "delta": delta, "percent": percent}


@pytest.fixture(scope="module")
def novokuznetsk(tmp_path_factory, databases, template_db):
    folder = tmp_path_factory.mktemp("novokuznetsk")
    journal = build_journal(folder / "journal.xlsx")
    district = databases.copy(template_db, folder, "district")
    desk = AppealDesk.open(district, today=lambda: TODAY)
    desk.settings.save(replace(desk.settings.get(), organisation="Администрация Новокузнецкого муниципального района",
                               head_position="Глава Новокузнецкого муниципального района", head_name="А.В. Шарнин"))
    result = desk.exchange.import_journal(journal)
    assert result.count == 1129 + 1273 + 374
    report = desk.reports.build(YEAR_2020, compare=True)
    options = ReportOptions(
        narratives={"totals": "Граждане доверяют решение вопросов органам местного самоуправления."},
        signatory_position="Глава Новокузнецкого муниципального района", signatory_name="А.В. Шарнин",
    )
    pdf = write_report_pdf(report, folder / "report_2020.pdf", options)
    xlsx = write_report_xlsx(report, folder / "report_2020.xlsx", options)
    yield {"desk": desk, "report": report, "json": report_to_json(report), "pdf": pdf, "xlsx": xlsx,
           "folder": folder}
    desk.close()
    databases.drop(district)


def test_json_reproduces_the_published_figures(novokuznetsk):
    data = novokuznetsk["json"]
    s = data["sections"]
    assert data["period"] == {"from": "2020-01-01", "to": "2020-12-31"}
    assert data["previous"] == {"from": "2019-01-01", "to": "2019-12-31"}
    assert s["appeals"] == {"current": 1273, "previous": 1129, "delta": 144, "percent": 12.8}
    assert s["questions"] == {"current": 1434, "previous": 2601, "delta": -1167, "percent": -44.9}
    assert s["by_quarter"]["1"] == {"current": 163, "previous": 166, "delta": -3, "percent": -1.8}
    q19, q20 = EXPECTED["quarters"][2019], EXPECTED["quarters"][2020]
    assert s["by_quarter"] == {str(q): counter(q20[q - 1], q19[q - 1]) for q in (1, 2, 3, 4)}
    for kind in ("proposal", "statement", "complaint"):
        assert s["by_kind"][kind] == counter(EXPECTED["kinds"][2020][kind], EXPECTED["kinds"][2019][kind])
    assert s["by_kind"]["proposal"] == {"current": 65, "previous": 58, "delta": 7, "percent": 12.1}
    for source, n in EXPECTED["sources"][2020].items():
        assert s["by_source"][source] == counter(n, EXPECTED["sources"][2019][source])
    for check, n in EXPECTED["checks"][2020].items():
        assert s["checks"][check] == counter(n, EXPECTED["checks"][2019][check])
    for result in ("supported", "measures_taken", "explained", "not_supported", "forwarded", "in_progress"):
        assert s["results"][result] == counter(EXPECTED["results"][2020][result], EXPECTED["results"][2019][result])
    assert s["satisfaction"]["satisfied"] == counter(534, 0)
    assert s["overdue"] == {"current": 7, "previous": 0, "delta": 7, "percent": None}


def test_messages_are_kept_apart(novokuznetsk):
    """«поступило 1273 обращения» although 170 + 60 + 144 messages came too: they are counted only apart."""
    s = novokuznetsk["json"]["sections"]
    assert s["messages"] == counter(374, 0) == s["by_kind"]["message"]
    assert s["appeals"]["current"] == 1273
    assert s["by_source"]["social_media"] == counter(0, 0) and s["by_source"]["feedback_platform"] == counter(0, 0)
    assert sum(v["current"] for v in s["by_form"].values()) == 1273
    m = novokuznetsk["report"].messages
    assert {k: f.current for k, f in m.by_source.items()} == {"feedback_platform": 144, "social_media": 230}
    assert {k: m.results[k].current for k in EXPECTED["messages_results"]} == EXPECTED["messages_results"]


def test_questions_by_form(novokuznetsk):
    """The published table «1273 обращения содержит 1434 вопроса»: by form, 2020 against 2019, and by quarter."""
    s = novokuznetsk["json"]["sections"]
    q19, q20 = EXPECTED["questions_by_form"][2019], EXPECTED["questions_by_form"][2020]
    for form in q20:
        assert s["questions_by_form"][form] == counter(q20[form], q19[form])
    assert s["questions_by_form"]["written"] == {"current": 375, "previous": 909, "delta": -534, "percent": -58.7}
    assert s["questions_by_form"]["visiting_reception"] == counter(0, 0)
    for form, per_q in EXPECTED["questions_by_quarter_form_2020"].items():
        assert tuple(s["by_quarter_form_questions"][str(q)][form]["current"] for q in (1, 2, 3, 4)) == per_q
    assert s["oral"]["current"] == sum(s["by_form"][f]["current"] for f in ("personal_reception", "phone"))
    shares = s["shares"]["by_kind"]
    assert (shares["proposal"], shares["statement"], shares["complaint"]) == (5.1, 54.0, 40.9)
    assert novokuznetsk["json"]["organisation"]["name"] == "Администрация Новокузнецкого муниципального района"


def test_quarter_by_source_cross_table(novokuznetsk):
    ct = novokuznetsk["report"].crosstabs[0]
    for source, per_q in EXPECTED["sources_by_quarter_2020"].items():
        assert tuple(ct.current[(source, q)] for q in (1, 2, 3, 4)) == per_q


def _rows(ws) -> dict[str, list]:
    """Rows by their label (the first occurrence: the tables come before the charts' data blocks)."""
    out: dict[str, list] = {}
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], str):
            out.setdefault(row[0], list(row))
    return out


def test_xlsx_cells(novokuznetsk):
    wb = load_workbook(novokuznetsk["xlsx"])
    summary = _rows(wb["Сводка"])
    assert summary["Поступило обращений"][:5] == ["Поступило обращений", 1273, 1129, 144, 12.8]
    assert summary["Вопросов в обращениях"][:5] == ["Вопросов в обращениях", 1434, 2601, -1167, -44.9]
    quarters = _rows(wb["По кварталам"])
    assert quarters["1 квартал"][:5] == ["1 квартал", 163, 166, -3, -1.8]
    assert quarters["2 квартал"][:3] == ["2 квартал", 431, 257]
    assert quarters["3 квартал"][:3] == ["3 квартал", 421, 394]
    assert quarters["4 квартал"][:3] == ["4 квартал", 258, 312]
    # the cross table: per quarter the previous and the current year side by side (166/163 ...)
    ws = wb["По кварталам"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Показатель" and r[1] == "1 квартал, 2019")
    assert header[1:5] == ("1 квартал, 2019", "1 квартал, 2020", "2 квартал, 2019", "2 квартал, 2020")
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Всего")
    assert total[1:11] == (166, 163, 257, 431, 394, 421, 312, 258, 1129, 1273)
    kinds = _rows(wb["Виды обращений"])
    assert kinds["Предложение"][:4] == ["Предложение", 65, 5.1, 58]  # the count, its share, 2019
    assert kinds["Заявление"][:4] == ["Заявление", 687, 54.0, 615]
    assert kinds["Жалоба"][:4] == ["Жалоба", 521, 40.9, 456]
    assert kinds["Итого обращений"][:6] == ["Итого обращений", 1273, None, 1129, 144, 12.8]
    # questions by form come after appeals by form, on the same sheet, and the quarter-by-form table after it
    ws = wb["Формы поступления"]
    titles = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    assert titles.index("Обращения по формам поступления") < titles.index("Вопросы по формам поступления обращений") \
        < titles.index("Вопросы по кварталам и формам поступления")
    start = titles.index("Вопросы по формам поступления обращений")
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], str)]
    q_rows: dict[str, tuple] = {}
    for r in rows[start:]:
        q_rows.setdefault(r[0], r)
    assert q_rows["Письменное"][:6] == ("Письменное", 375, 26.2, 909, -534, -58.7)
    assert q_rows["В форме электронного документа"][:4] == ("В форме электронного документа", 552, 38.5, 281)
    assert q_rows["Итого"][:4] == ("Итого", 1434, None, 2601)
    checks = _rows(wb["Формы рассмотрения"])
    assert checks["Поставлено на контроль"][:3] == ["Поставлено на контроль", 910, 1033]


def pdf_text(path) -> str:
    """The text of the PDF with every run of white space (line ends too) made one space."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (apt-get install poppler-utils)")
def test_pdf_text(novokuznetsk):
    text = pdf_text(novokuznetsk["pdf"])
    assert "Администрация Новокузнецкого муниципального района" in text
    assert "о работе с обращениями граждан за 2020 год" in text
    assert "За 2020 год поступило 1273 обращения, что на 144 обращения больше, чем за 2019 год (+12,8 %)." in text
    assert "Количество обращений 1273 1129 +144 +12,8" in text
    assert f"Количество вопросов в обращениях 1434 2601 {MINUS}1167 {MINUS}44,9" in text
    assert f"1 квартал 163 166 {MINUS}3 {MINUS}1,8" in text
    assert "2 квартал 431 257 +174 +67,7" in text
    assert "3 квартал 421 394 +27 +6,9" in text
    assert f"4 квартал 258 312 {MINUS}54 {MINUS}17,3" in text
    assert "Всего 166/163 257/431 394/421 312/258 1129/1273 +144 +12,8" in text
    assert "Предложение 65 (5,1 %) 58 +7 +12,1" in text
    assert "Заявление 687 (54,0 %) 615 +72 +11,7" in text
    assert "Жалоба 521 (40,9 %) 456 +65 +14,3" in text
    # the questions by form, shares in brackets as the Kavkazsky note writes them
    assert f"Письменное 375 (26,2 %) 909 {MINUS}534 {MINUS}58,7" in text
    assert f"по телефону 401 (28,0 %) 733 {MINUS}332 {MINUS}45,3" in text
    assert f"из них на личном приёме 106 (7,4 %) 678 {MINUS}572 {MINUS}84,4" in text
    assert "В форме электронного документа 552 (38,5 %) 281 +271 +96,4" in text
    assert "Всего 163/244" not in text  # the questions' quarter table is its own
    assert "Вопросы по кварталам и формам поступления" in text
    assert "Сообщения ПОС и социальных сетей" in text and "374" in text
    assert "Поставлено на контроль 910 1033" in text
    assert "Находится на рассмотрении на конец периода 60 (4,2 %) 327" in text
    assert "Глава Новокузнецкого муниципального района" in text and "А.В. Шарнин" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (apt-get install poppler-utils)")
def test_pdf_pages_render(novokuznetsk, tmp_path):
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(novokuznetsk["pdf"]), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 4
    assert all(p.stat().st_size > 2000 for p in pages)


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(_soffice() is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and pdftotext (apt-get install libreoffice-calc-nogui poppler-utils); CI leaves LibreOffice out: a download of hundreds of MB")
def test_libreoffice_reads_the_xlsx_and_draws_the_charts(novokuznetsk, tmp_path):
    profile = tmp_path / "lo-profile"
    run = subprocess.run(
        [_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(novokuznetsk["xlsx"])],
        capture_output=True, text=True, timeout=240,
    )
    converted = tmp_path / "report_2020.pdf"
    assert converted.exists(), run.stdout + run.stderr
    text = pdf_text(converted)
    assert "1273" in text.replace(",", "").replace("\u00a0", "")
    # the charts' own titles and legends are drawn by LibreOffice (the data blocks carry the title in «»)
    assert text.count("Обращения по кварталам") >= 2
    assert text.count("Вопросы по разделам классификатора") >= 2
    assert "Поддержано" in text
