"""A report made on 4 December 2026 for the year 2026: the period is not over, so it is compared with
1 January - 4 December 2025, not with the whole of 2025, and the documents say so in their title.

The appeals (worked by hand): 2025 — 10.03, 10.10, 15.11, 02.12 and 20.12 (after 4 December: outside the
comparison); 2026 — 12.03, 12.10, 01.12, 03.12. The fourth quarter: 3 against 3 (10.10, 15.11, 02.12), not
3 against 4 (which would read «4 квартал −25,0 %»)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from appealdesk.reports import Period, report_to_json
from appealdesk.reports.pdf import write_report_pdf
from appealdesk.reports.xlsx import write_report_xlsx
from appealdesk.services import AppealDesk
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput

MADE_ON = date(2026, 12, 4)
CODE = "0003.0009.0097.0690"
DAYS = ("2025-03-10", "2025-10-10", "2025-11-15", "2025-12-02", "2025-12-20",
        "2026-03-12", "2026-10-12", "2026-12-01", "2026-12-03")


@pytest.fixture
def desk(db_location):
    d = AppealDesk.open(db_location, today=lambda: MADE_ON)
    for n, day in enumerate(DAYS):
        d.appeals.register(AppealInput(
            form="written", kind="statement", summary=f"Обращение {n}", questions=(QuestionInput(CODE),),
            registered_on=date.fromisoformat(day), applicant=ApplicantInput(last_name="Петров", first_name="Иван",
                                                                            address=f"ул. Мира, {n}")))
    yield d
    d.close()


def test_compared_with_the_same_days_of_the_year_before(desk):
    report = desk.reports.build(Period(date(2026, 1, 1), date(2026, 12, 31)), compare=True)
    data = report_to_json(report)
    assert data["as_of"] == "2026-12-04" and data["period_complete"] is False
    assert data["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert data["previous"] == {"from": "2025-01-01", "to": "2025-12-04"}
    s = data["sections"]
    assert s["appeals"] == {"current": 4, "previous": 4, "delta": 0, "percent": 0.0}
    assert s["by_quarter"]["4"] == {"current": 3, "previous": 3, "delta": 0, "percent": 0.0}
    assert s["by_quarter"]["1"] == {"current": 1, "previous": 1, "delta": 0, "percent": 0.0}


def test_a_finished_period_is_compared_whole(desk):
    data = report_to_json(desk.reports.build(Period(date(2026, 1, 1), date(2026, 6, 30)), compare=True))
    assert data["period_complete"] is True and data["previous"] == {"from": "2025-01-01", "to": "2025-06-30"}


def test_a_period_not_begun_is_refused(desk):
    from appealdesk.errors import DomainError

    with pytest.raises(DomainError, match="ещё не начался"):
        desk.reports.build(Period(date(2027, 1, 1), date(2027, 3, 31)), compare=True)


def test_the_documents_say_the_period_is_not_over(desk, tmp_path):
    report = desk.reports.build(Period(date(2026, 1, 1), date(2026, 12, 31)), compare=True)
    wb = load_workbook(write_report_xlsx(report, tmp_path / "r.xlsx"))
    heading = wb["Сводка"]["A2"].value
    assert heading == ("о работе с обращениями граждан за 2026 год (период не завершён: по состоянию на 04.12.2026) "
                       "в сравнении с тем же периодом 2025 года (с 01.01.2025 по 04.12.2025)")
    header = next(r for r in wb["По кварталам"].iter_rows(values_only=True) if r[0] == "Квартал")
    assert header[1:3] == ("2026 (по 04.12)", "2025 (по 04.12)")
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (apt-get install poppler-utils)")
    pdf = write_report_pdf(report, tmp_path / "r.pdf")
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", out)
    assert "период не завершён: по состоянию на 04.12.2026" in text
    assert "4 квартал 3 3 0 0,0" in text
    assert "За 2026 год (по состоянию на 04.12.2026) поступило 4 обращения, столько же, сколько за тот же период 2025 года" in text
