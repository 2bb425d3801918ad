"""The report wizard: period, comparison, sections, a narrative per section, signatory, output files;
a preview of the tables; the counting and writing run off the GUI thread (``ui.ops``) behind a progress
dialog, results come back by signal; the files open when done.

    open_report_wizard(desk, parent)      # what the main window's menu calls

Also runs on its own: ``python -m ui.reports.wizard --db PATH``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from appealdesk.reports.document import SECTION_TITLES, ReportOptions
from appealdesk.reports.periods import Period, half_year, nine_months, quarter, whole_year

from .. import ops
from ..ops import Op

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

PERIOD_KINDS = (
    ("quarter", "Квартал"),
    ("half", "Полугодие"),
    ("nine", "9 месяцев"),
    ("year", "Год"),
    ("custom", "Произвольные даты"),
)
COMPARE_CHOICES = (("previous_year", "С тем же периодом прошлого года"), ("none", "Без сравнения"))
LIST_KINDS = (("journal", "Журнал обращений за период"), ("overdue", "Обращения с нарушением срока"))


@dataclass(frozen=True)
class Generated:
    paths: tuple[Path, ...]
    appeals: int


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _safe_name(text: str) -> str:
    return "".join(ch for ch in text if ch not in '\\/:*?"<>|').strip()


def open_path(path: Path) -> bool:
    """Open a file in the program the system associates with it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# -- the dialog --------------------------------------------------------------------------------------
class ReportWizard(QDialog):
    """Constructed with the ``AppealDesk`` facade and a parent; usable on its own."""

    previewed = Signal(object)  # the Report shown in the preview
    generated = Signal(object)  # Generated: the files written
    failed = Signal(str)

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.report = None
        self._jobs: list[Op] = []  # at most one: the buttons are disabled while it runs
        self._narratives: dict[str, str] = {}
        self._current_narrative: str | None = None
        self._paths_edited = {"pdf": False, "xlsx": False}
        settings = desk.settings.get()
        self.setWindowTitle("Отчёт о работе с обращениями граждан")
        self.resize(980, 680)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._period_page(), "&1. Период и разделы")
        self.tabs.addTab(self._narrative_page(), "&2. Пояснения")
        self.tabs.addTab(self._output_page(settings), "&3. Подпись и файлы")
        self.tabs.addTab(self._preview_page(), "&4. Предпросмотр")

        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Пред&просмотр", QDialogButtonBox.ButtonRole.ActionRole)
        self.generate_button = buttons.addButton("&Сформировать", QDialogButtonBox.ButtonRole.AcceptRole)
        self.list_button = buttons.addButton("Спис&ок…", QDialogButtonBox.ButtonRole.ActionRole)
        self.list_button.setToolTip("Журнал обращений за период или список обращений с нарушением срока (PDF, XLSX)")
        close = buttons.addButton("&Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.generate_button.clicked.connect(self.generate)
        self.list_button.clicked.connect(self._ask_list)
        close.clicked.connect(self.reject)
        self.generate_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._period_changed()

    # -- page 1: period and sections -------------------------------------------------------------------
    def _period_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        today = self.desk.today()
        self.period_kind = QComboBox()
        for code, label in PERIOD_KINDS:
            self.period_kind.addItem(label, code)
        self.period_number = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        row = QHBoxLayout()
        row.addWidget(self.period_kind)
        row.addWidget(self.period_number)
        row.addWidget(QLabel("год"))
        row.addWidget(self.year)
        row.addStretch(1)
        label = QLabel("&Период:")
        label.setBuddy(self.period_kind)
        form.addRow(label, row)
        self.period_kind.setAccessibleName("Вид периода")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for w in (self.date_from, self.date_to):
            w.setDisplayFormat("dd.MM.yyyy")
            w.setCalendarPopup(True)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("с"))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("по"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        form.addRow("Даты регистрации:", dates)
        self.compare = QComboBox()
        for code, label in COMPARE_CHOICES:
            self.compare.addItem(label, code)
        form.addRow("&Сравнение:", self.compare)
        self.top_n = QSpinBox()
        self.top_n.setRange(0, 50)
        self.top_n.setValue(10)
        form.addRow("Самых частых &вопросов назвать:", self.top_n)
        self.period_label = QLabel("")
        form.addRow("", self.period_label)

        group = QGroupBox("Разделы отчёта")
        glay = QVBoxLayout(group)
        self.sections = QListWidget()
        for key, title in SECTION_TITLES.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            if key == "reception":
                item.setToolTip("Раздел появится в отчёте, когда в программе есть данные о личных приёмах")
            self.sections.addItem(item)
        glay.addWidget(self.sections)
        all_row = QHBoxLayout()
        b_all, b_none = QPushButton("Отметить &все"), QPushButton("Снять &отметки")
        b_all.clicked.connect(lambda: self._check_all(True))
        b_none.clicked.connect(lambda: self._check_all(False))
        all_row.addWidget(b_all)
        all_row.addWidget(b_none)
        all_row.addStretch(1)
        glay.addLayout(all_row)

        lay = QVBoxLayout(page)
        lay.addLayout(form)
        lay.addWidget(group, 1)

        self.period_kind.currentIndexChanged.connect(self._kind_changed)
        self.period_number.currentIndexChanged.connect(self._period_changed)
        self.year.valueChanged.connect(self._period_changed)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.compare.currentIndexChanged.connect(self._period_changed)
        # default: the current year (quarter and half-year presets start at the current one)
        self.period_kind.setCurrentIndex(self.period_kind.findData("year"))
        self._kind_changed()
        return page

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.sections.count()):
            self.sections.item(i).setCheckState(state)

    def _kind_changed(self) -> None:
        kind = self.period_kind.currentData()
        self.period_number.blockSignals(True)
        self.period_number.clear()
        if kind == "quarter":
            for n in range(1, 5):
                self.period_number.addItem(f"{n} квартал", n)
            self.period_number.setCurrentIndex((self.desk.today().month - 1) // 3)
        elif kind == "half":
            self.period_number.addItem("1 полугодие", 1)
            self.period_number.addItem("2 полугодие", 2)
            self.period_number.setCurrentIndex(0 if self.desk.today().month <= 6 else 1)
        self.period_number.blockSignals(False)
        self.period_number.setVisible(kind in ("quarter", "half"))
        custom = kind == "custom"
        self.year.setEnabled(not custom)
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        self._period_changed()

    def _preset(self) -> Period | None:
        kind, year = self.period_kind.currentData(), self.year.value()
        if kind == "quarter":
            return quarter(year, self.period_number.currentData() or 1)
        if kind == "half":
            return half_year(year, self.period_number.currentData() or 1)
        if kind == "nine":
            return nine_months(year)
        if kind == "year":
            return whole_year(year)
        return None

    def _period_changed(self) -> None:
        preset = self._preset()
        if preset is not None:
            for w, d in ((self.date_from, preset.start), (self.date_to, preset.end)):
                w.blockSignals(True)
                w.setDate(_qdate(d))
                w.blockSignals(False)
        self._dates_edited()

    def _dates_edited(self) -> None:
        period = self.period()
        if period is None:
            self.period_label.setText("Начало периода позже его конца")
            return
        text = f"Отчёт {period.phrase()}"
        if self.compare_enabled():
            text += f"; сравнение {period.previous_year().phrase()}"
        self.period_label.setText(text)
        if hasattr(self, "pdf_path"):  # the output page is built after this one
            self._default_paths(period)

    def period(self) -> Period | None:
        start, end = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        return Period(start, end) if start <= end else None

    def set_period(self, start: date, end: date) -> None:
        """Any dates (switches to «Произвольные даты»)."""
        self.period_kind.setCurrentIndex(self.period_kind.findData("custom"))
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))

    def compare_enabled(self) -> bool:
        return self.compare.currentData() == "previous_year"

    def chosen_sections(self) -> tuple[str, ...]:
        out = []
        for i in range(self.sections.count()):
            item = self.sections.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    # -- page 2: narratives --------------------------------------------------------------------------
    def _narrative_page(self) -> QWidget:
        page = QWidget()
        self.narrative_sections = QListWidget()
        for key, title in SECTION_TITLES.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.narrative_sections.addItem(item)
        self.narrative = QPlainTextEdit()
        self.narrative.setPlaceholderText(
            "Текст, который будет напечатан в этом разделе после таблиц: выводы, пояснения, принятые меры. "
            "Каждая строка — отдельный абзац."
        )
        split = QSplitter()
        split.addWidget(self.narrative_sections)
        split.addWidget(self.narrative)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel("Пояснительный текст к разделам (необязательно):"))
        lay.addWidget(split, 1)
        self.narrative_sections.currentItemChanged.connect(self._narrative_switched)
        self.narrative.textChanged.connect(self._narrative_typed)
        self.narrative_sections.setCurrentRow(0)
        return page

    def _narrative_switched(self, current, _previous) -> None:
        self._current_narrative = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.narrative.blockSignals(True)
        self.narrative.setPlainText(self._narratives.get(self._current_narrative or "", ""))
        self.narrative.blockSignals(False)

    def _narrative_typed(self) -> None:
        if self._current_narrative is not None:
            self._narratives[self._current_narrative] = self.narrative.toPlainText()
            item = self.narrative_sections.currentItem()
            if item is not None:
                title = SECTION_TITLES[self._current_narrative]
                item.setText(title + (" ✎" if self.narrative.toPlainText().strip() else ""))

    def set_narrative(self, section: str, text: str) -> None:
        self._narratives[section] = text
        if section == self._current_narrative:
            self._narrative_switched(self.narrative_sections.currentItem(), None)

    # -- page 3: signatory and files -------------------------------------------------------------------
    def _output_page(self, settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.signatory_position = QLineEdit(settings.head_position)
        self.signatory_name = QLineEdit(settings.head_name)
        form.addRow("&Должность подписывающего:", self.signatory_position)
        form.addRow("&Ф.И.О.:", self.signatory_name)
        self.pdf_on, self.pdf_path = QCheckBox("PDF"), QLineEdit()
        self.xlsx_on, self.xlsx_path = QCheckBox("XLSX (Excel)"), QLineEdit()
        self.pdf_on.setChecked(True)
        self.xlsx_on.setChecked(True)
        self.pdf_on.setMinimumWidth(self.xlsx_on.sizeHint().width())
        for kind, check, edit in (("pdf", self.pdf_on, self.pdf_path), ("xlsx", self.xlsx_on, self.xlsx_path)):
            row = QHBoxLayout()
            row.addWidget(check)
            row.addWidget(edit, 1)
            browse = QPushButton("Обзор…")
            browse.clicked.connect(lambda _=False, k=kind: self._browse(k))
            row.addWidget(browse)
            form.addRow("Сохранить в:" if kind == "pdf" else "", row)
            edit.textEdited.connect(lambda _t, k=kind: self._paths_edited.__setitem__(k, True))
            check.toggled.connect(edit.setEnabled)
        self.open_when_done = QCheckBox("Открыть файлы после создания")
        self.open_when_done.setChecked(True)
        form.addRow("", self.open_when_done)
        return page

    def _folder(self) -> Path:
        from .. import files

        return files.folder(files.REPORT)

    def _default_paths(self, period: Period) -> None:
        base = _safe_name(f"Справка о работе с обращениями {period.phrase()}")
        for kind, edit in (("pdf", self.pdf_path), ("xlsx", self.xlsx_path)):
            if not self._paths_edited[kind]:
                current = Path(edit.text()) if edit.text() else None
                folder = current.parent if current is not None and current.parent.exists() else self._folder()
                edit.setText(str(folder / f"{base}.{kind}"))

    def _browse(self, kind: str) -> None:
        edit = self.pdf_path if kind == "pdf" else self.xlsx_path
        flt = "PDF (*.pdf)" if kind == "pdf" else "Книга Excel (*.xlsx)"
        from .. import files

        path, _ = files.save_file_and_filter(self, files.REPORT, "Сохранить отчёт", edit.text(), flt)
        if path:
            if not path.lower().endswith("." + kind):
                path += "." + kind
            edit.setText(path)
            self._paths_edited[kind] = True

    def set_outputs(self, pdf: str | Path | None, xlsx: str | Path | None) -> None:
        """The files to write (None: not this format)."""
        self.pdf_on.setChecked(pdf is not None)
        self.xlsx_on.setChecked(xlsx is not None)
        if pdf is not None:
            self.pdf_path.setText(str(pdf))
            self._paths_edited["pdf"] = True
        if xlsx is not None:
            self.xlsx_path.setText(str(xlsx))
            self._paths_edited["xlsx"] = True

    # -- page 4: preview ---------------------------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        from ..print_preview import PagesView

        page = QWidget()
        self.preview_view = PagesView()
        self.preview_view.set_placeholder("Нажмите «Предпросмотр», чтобы посчитать отчёт и показать его страницы "
                                          "такими, какими они напечатаются.")
        self.preview_doc = None
        self.print_button = QPushButton("Печать…")
        self.print_button.clicked.connect(self.print_preview)
        self.preview_pdf_button = QPushButton("Сохранить в PDF…")
        self.preview_pdf_button.clicked.connect(self.save_preview_pdf)
        for b in (self.print_button, self.preview_pdf_button):
            b.setAutoDefault(False)
            b.setEnabled(False)
        self.preview_pages = QLabel("")
        row = QHBoxLayout()
        row.addWidget(self.preview_pages)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.preview_pdf_button)
        lay = QVBoxLayout(page)
        lay.addLayout(row)
        lay.addWidget(self.preview_view, 1)
        return page

    def preview_text(self) -> str:
        """Every word of the previewed report (what the pages say)."""
        from appealdesk.paper.model import text_of

        return text_of(self.preview_doc) if self.preview_doc is not None else ""

    def _preview_file_name(self) -> str:
        name = self.report.period.phrase() if self.report is not None else ""
        return _safe_name(f"Справка о работе с обращениями {name}") + ".pdf"

    def print_preview(self):
        from ..print_preview import PrintPreview

        if not self.preview_view.pdf:
            return None
        self.preview_dialog = PrintPreview("отчёт", self.preview_view.pdf, self._preview_file_name(), self)
        self.preview_dialog.open()
        return self.preview_dialog

    def save_preview_pdf(self):
        from ..print_preview import save_pdf_as

        if not self.preview_view.pdf:
            return None
        return save_pdf_as(self, self.preview_view.pdf, self._preview_file_name())

    # -- the work ------------------------------------------------------------------------------------------
    def options(self) -> ReportOptions:
        return self.desk.reports.options(
            self.chosen_sections(),
            narratives={k: v for k, v in self._narratives.items() if v.strip()},
            signatory_position=self.signatory_position.text().strip(),
            signatory_name=self.signatory_name.text().strip(),
        )

    def _checked_period(self) -> Period | None:
        period = self.period()
        if period is None:
            self._error("Начало периода позже его конца: исправьте даты.")
            self.tabs.setCurrentIndex(0)
        return period

    def _run(self, title: str, work, on_done: Callable[[Any], None]) -> Op:
        task = ops.query(self, work, "Отчёт не сформирован")

        def finish() -> None:
            if task in self._jobs:
                self._jobs.remove(task)
            self._set_busy(False)

        self._set_busy(True)
        task.with_progress(title).success(on_done).failure(self._failed).finally_(finish).run()
        self._jobs.append(task)
        return task

    def _set_busy(self, busy: bool) -> None:
        for b in (self.preview_button, self.generate_button, self.list_button):
            b.setEnabled(not busy)

    def busy(self) -> bool:
        return bool(self._jobs)

    @Slot()
    def preview(self) -> Op | None:
        period = self._checked_period()
        if period is None:
            return None
        desk, compare, top, options = self.desk, self.compare_enabled(), self.top_n.value(), self.options()

        def work(progress):
            report = desk.reports.build(period, compare=compare, top_n=top, progress=progress)
            doc = desk.papers.report(report, options)
            return report, doc, desk.papers.pdf(doc)

        self.status.setText("Подсчёт…")
        return self._run("Подсчёт показателей отчёта…", work, self._show_preview)

    def _show_preview(self, result) -> None:
        report, doc, pdf = result
        self.report = report
        self.preview_doc = doc
        self.preview_view.set_pdf(pdf)
        self.preview_pages.setText(f"Страниц: {self.preview_view.page_count()}")
        for b in (self.print_button, self.preview_pdf_button):
            b.setEnabled(True)
        self.tabs.setCurrentIndex(3)
        a = report.figure("appeals")
        text = f"Посчитано {report.period.phrase()}: обращений {a.current}"
        if a.previous is not None:
            text += f", {report.previous.phrase()} — {a.previous}"
        self.status.setText(text + ".")
        self.previewed.emit(report)

    @Slot()
    def generate(self) -> Op | None:
        period = self._checked_period()
        if period is None:
            return None
        targets: list[tuple[str, Path]] = []
        for kind, check, edit in (("pdf", self.pdf_on, self.pdf_path), ("xlsx", self.xlsx_on, self.xlsx_path)):
            if check.isChecked():
                text = edit.text().strip()
                if not text:
                    self._error(f"Укажите файл {kind.upper()}.")
                    self.tabs.setCurrentIndex(2)
                    return None
                path = Path(text)
                if not path.parent.exists():
                    self._error(f"Папка «{path.parent}» не существует.")
                    self.tabs.setCurrentIndex(2)
                    return None
                targets.append((kind, path))
        if not targets:
            self._error("Отметьте хотя бы один формат: PDF или XLSX.")
            self.tabs.setCurrentIndex(2)
            return None
        if not self.chosen_sections():
            self._error("Отметьте хотя бы один раздел отчёта.")
            self.tabs.setCurrentIndex(0)
            return None
        desk, compare, top, options = self.desk, self.compare_enabled(), self.top_n.value(), self.options()

        def work(progress):
            report = desk.reports.build(period, compare=compare, top_n=top)
            steps = len(targets) + 1
            progress(1, steps)
            for i, (kind, path) in enumerate(targets, start=2):
                desk.reports.write(report, path, kind, options)
                progress(i, steps)
            return Generated(tuple(p for _, p in targets), report.figure("appeals").current)

        self.status.setText("Формирование отчёта…")
        return self._run("Формирование отчёта…", work, self._done)

    def _done(self, result: Generated) -> None:
        self.status.setText("Сохранено: " + "; ".join(str(p) for p in result.paths))
        if self.open_when_done.isChecked():
            for p in result.paths:
                open_path(p)
        self.generated.emit(result)

    def _ask_list(self) -> None:
        period = self._checked_period()
        if period is None:
            return
        box = QMessageBox(self)
        box.setWindowTitle("Список за период")
        box.setText(f"Какой список сформировать {period.phrase()}?")
        buttons = {}
        for kind, label in LIST_KINDS:
            buttons[box.addButton(label, QMessageBox.ButtonRole.ActionRole)] = kind
        box.addButton("Отмена", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        kind = buttons.get(box.clickedButton())
        if kind is None:
            return
        default = self._folder() / (_safe_name(f"{dict(LIST_KINDS)[kind]} {period.phrase()}") + ".pdf")
        from .. import files

        path, flt = files.save_file_and_filter(self, files.REPORT, "Сохранить список", str(default),
                                               "PDF (*.pdf);;Книга Excel (*.xlsx)")
        if path:
            fmt = "xlsx" if path.lower().endswith(".xlsx") or "xlsx" in flt else "pdf"
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.generate_list(kind, fmt, Path(path))

    def generate_list(self, kind: str, fmt: str, path: Path) -> Op | None:
        """The journal of the period or the overdue appeals, as PDF or XLSX."""
        period = self._checked_period()
        if period is None:
            return None
        desk = self.desk

        def work(progress):
            count = desk.reports.write_list(kind, period, fmt, path, progress=progress)
            return Generated((path,), count)

        self.status.setText("Формирование списка…")
        return self._run("Формирование списка…", work, self._done)

    def _failed(self, message: str) -> None:
        if not message:
            self.status.setText("Отменено.")
            return
        self.status.setText(message)
        self.failed.emit(message)
        self._error(message)

    def _error(self, message: str) -> None:
        if self.property("quiet_errors"):  # tests: no modal boxes
            self.status.setText(message)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "AppealDesk", message, QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText("ОК")
        box.exec()

    def reject(self) -> None:
        self.wait_for_jobs(cancel=True)
        super().reject()

    def closeEvent(self, event) -> None:
        self.wait_for_jobs(cancel=True)
        super().closeEvent(event)

    def wait_for_jobs(self, cancel: bool = False, timeout: float = 10.0) -> None:
        for task in list(self._jobs):
            if cancel:
                task.cancel()
            task.wait(timeout)


def open_report_wizard(desk: AppealDesk, parent: QWidget | None = None) -> ReportWizard:
    """Show the report wizard (not modal: the journal stays usable) and return it."""
    wizard = ReportWizard(desk, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.show()
    wizard.raise_()
    return wizard


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - manual use
    import argparse
    import sys

    from PySide6.QtWidgets import QApplication

    from appealdesk.services import AppealDesk

    parser = argparse.ArgumentParser(description="Мастер отчётов AppealDesk")
    parser.add_argument("--db", default=None)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    try:
        from ui.i18n import install_russian

        keep = install_russian(app)
    except Exception:
        keep = []
    desk = AppealDesk.open(args.db)
    wizard = ReportWizard(desk)
    wizard.show()
    code = app.exec()
    del keep
    desk.close()
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
