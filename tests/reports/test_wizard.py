"""The report wizard (pytest-qt, offscreen): pick a period, preview the figures, generate PDF and XLSX in a
pool thread with the system opener patched, the lists, the checks before any work starts."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import pytest
from openpyxl import load_workbook

import ui.reports.wizard as wizard_module
from ui.reports import ReportWizard, open_report_wizard

pytestmark = pytest.mark.usefixtures("qt_warnings_fail")


class FakeDesktop:
    opened: ClassVar[list] = []

    @staticmethod
    def openUrl(url):
        FakeDesktop.opened.append(url.toLocalFile())
        return True


@pytest.fixture
def opener(monkeypatch):
    FakeDesktop.opened = []
    monkeypatch.setattr(wizard_module, "QDesktopServices", FakeDesktop)
    return FakeDesktop.opened


@pytest.fixture
def wizard(qtbot, office):
    w = ReportWizard(office)
    w.setProperty("quiet_errors", True)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.wait_for_jobs()


def choose(w: ReportWizard, kind: str, number: int | None = None, year: int = 2026) -> None:
    w.period_kind.setCurrentIndex(w.period_kind.findData(kind))
    if number is not None:
        w.period_number.setCurrentIndex(w.period_number.findData(number))
    w.year.setValue(year)


def test_period_presets_fill_the_dates(wizard):
    choose(wizard, "half", 1)
    assert (wizard.period().start, wizard.period().end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert "за 1 полугодие 2026 года" in wizard.period_label.text()
    assert "за 1 полугодие 2025 года" in wizard.period_label.text()
    choose(wizard, "quarter", 3)
    assert (wizard.period().start, wizard.period().end) == (date(2026, 7, 1), date(2026, 9, 30))
    choose(wizard, "nine", year=2025)
    assert wizard.period().end == date(2025, 9, 30)
    choose(wizard, "year", year=2025)
    assert (wizard.period().start, wizard.period().end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert not wizard.date_from.isEnabled()
    wizard.set_period(date(2026, 2, 3), date(2026, 3, 15))
    assert wizard.date_from.isEnabled() and wizard.period().phrase() == "за период с 03.02.2026 по 15.03.2026"
    assert wizard.pdf_path.text().endswith("Справка о работе с обращениями за период с 03.02.2026 по 15.03.2026.pdf")


def test_signatory_defaults_from_settings(wizard):
    assert wizard.signatory_position.text() == "Глава сельсовета"
    assert wizard.signatory_name.text() == "Соколов А. В."


def test_preview_shows_the_figures(qtbot, wizard):
    choose(wizard, "half", 1)
    with qtbot.waitSignal(wizard.previewed, timeout=20000) as blocker:
        qtbot.mouseClick(wizard.preview_button, wizard_module.Qt.MouseButton.LeftButton)
    report = blocker.args[0]
    assert report.figure("appeals").current == 6
    text = wizard.preview_text()
    assert "Количество обращений" in text and "+200,0" in text
    assert "за 1 полугодие 2026 года" in text
    assert wizard.tabs.currentIndex() == 3
    assert "обращений 6" in wizard.status.text()
    assert not wizard.busy() and wizard.generate_button.isEnabled()


def test_preview_without_comparison(qtbot, wizard):
    choose(wizard, "half", 1)
    wizard.compare.setCurrentIndex(wizard.compare.findData("none"))
    with qtbot.waitSignal(wizard.previewed, timeout=20000) as blocker:
        wizard.preview()
    assert blocker.args[0].previous is None
    assert "+/-" not in wizard.preview_text()


def test_generate_pdf_and_xlsx_and_open_them(qtbot, wizard, tmp_path, opener):
    choose(wizard, "half", 1)
    wizard.set_narrative("totals", "Обращения поступали равномерно.")
    wizard.signatory_name.setText("А. В. Соколов")
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    wizard.set_outputs(pdf, xlsx)
    with qtbot.waitSignal(wizard.generated, timeout=30000) as blocker:
        qtbot.mouseClick(wizard.generate_button, wizard_module.Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert result.paths == (pdf, xlsx) and result.appeals == 6
    assert pdf.read_bytes().startswith(b"%PDF")
    wb = load_workbook(xlsx)
    assert "Сводка" in wb.sheetnames
    texts = [c.value for row in wb["Общие сведения"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Обращения поступали равномерно." in texts
    assert opener == [str(pdf), str(xlsx)]
    assert "Сохранено" in wizard.status.text()


def test_sections_and_no_opening(qtbot, wizard, tmp_path, opener):
    choose(wizard, "quarter", 1)
    wizard._check_all(False)
    wizard.sections.item(0).setCheckState(wizard_module.Qt.CheckState.Checked)  # totals only
    wizard.open_when_done.setChecked(False)
    wizard.set_outputs(None, tmp_path / "q1.xlsx")
    with qtbot.waitSignal(wizard.generated, timeout=30000):
        wizard.generate()
    assert load_workbook(tmp_path / "q1.xlsx").sheetnames == ["Сводка", "Общие сведения"]
    assert opener == []


def test_checks_before_any_work(wizard, tmp_path):
    wizard.set_period(date(2026, 6, 1), date(2026, 5, 1))
    assert wizard.generate() is None and "позже" in wizard.status.text()
    assert wizard.preview() is None
    wizard.set_period(date(2026, 1, 1), date(2026, 6, 30))
    wizard.set_outputs(None, None)
    assert wizard.generate() is None and "хотя бы один формат" in wizard.status.text()
    wizard.set_outputs(tmp_path / "нет" / "r.pdf", None)
    assert wizard.generate() is None and "не существует" in wizard.status.text()
    wizard.set_outputs(tmp_path / "r.pdf", None)
    wizard._check_all(False)
    assert wizard.generate() is None and "раздел" in wizard.status.text()


def test_lists_from_the_wizard(qtbot, wizard, tmp_path, opener):
    choose(wizard, "half", 1)
    with qtbot.waitSignal(wizard.generated, timeout=30000) as blocker:
        wizard.generate_list("overdue", "xlsx", tmp_path / "late.xlsx")
    assert blocker.args[0].appeals == 2
    assert opener == [str(tmp_path / "late.xlsx")]
    with qtbot.waitSignal(wizard.generated, timeout=30000):
        wizard.generate_list("journal", "pdf", tmp_path / "journal.pdf")
    assert (tmp_path / "journal.pdf").read_bytes().startswith(b"%PDF")


def test_a_failure_comes_back_as_a_russian_message(qtbot, wizard, tmp_path, monkeypatch):
    from appealdesk.errors import DomainError

    def broken(*args, **kwargs):
        raise DomainError("База данных занята")

    monkeypatch.setattr("appealdesk.services.reports.build_report", broken)
    with qtbot.waitSignal(wizard.failed, timeout=20000) as blocker:
        wizard.preview()
    assert blocker.args == ["База данных занята"]
    assert wizard.generate_button.isEnabled()


def test_an_operation_cancelled_reports_no_error_and_a_failure_a_russian_message(qtbot):
    from ui import ops

    seen = []

    def work(progress):
        progress(1, 3)
        job.cancel()
        progress(2, 3)
        return "never"

    job = ops.query(None, work, "Отчёт не сформирован").with_progress("…").success(seen.append)
    job.failure(seen.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.run()
    assert seen == [] and job.error == ""  # cancelled: neither callback
    broken = ops.query(None, lambda: 1 / 0, "Отчёт не сформирован").failure(seen.append)
    with qtbot.waitSignal(broken.finished, timeout=5000):
        broken.run()
    assert seen == ["Отчёт не сформирован: division by zero"]


def test_open_report_wizard(qtbot, office):
    w = open_report_wizard(office, None)
    qtbot.addWidget(w)
    assert w.isVisible() and w.windowTitle() == "Отчёт о работе с обращениями граждан"
    w.setAttribute(wizard_module.Qt.WidgetAttribute.WA_DeleteOnClose, False)
    w.close()
