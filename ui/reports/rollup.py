"""«Отчёты → Свод поселений…»: the district sums its settlements' reports (the JSON each settlement writes
with «Отчёт о работе с обращениями» → JSON or ``appealdesk-cli report --format json``) into one report of
the same shape, and writes it as PDF, XLSX or JSON. The files are checked as they are added: a report of
another period, a file that is not a report or the same organisation twice is named at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import ops
from ..ops import Op
from ..widgets.combos import ValueCombo
from .wizard import open_path

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

FORMATS = (("pdf", "PDF — для печати и сайта"), ("xlsx", "XLSX — таблицы Excel"), ("json", "JSON — для области"))
FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Книга Excel (*.xlsx)", "json": "Отчёт JSON (*.json)"}


class RollupDialog(QDialog):
    generated = Signal(object)  # the Path written
    failed = Signal(str)

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.report = None
        self._jobs: list[Op] = []
        self._path_edited = False
        self.setWindowTitle("Свод отчётов поселений")
        self.resize(760, 520)
        org = desk.settings.get()
        intro = QLabel(
            "Добавьте отчёты поселений в формате JSON (в программе поселения: «Отчёт о работе с обращениями» — "
            "файл JSON). Отчёты должны быть за один и тот же период; их показатели будут сложены в свод "
            f"от имени организации «{org.organisation}»" + (f" (ОКТМО {org.oktmo})" if org.oktmo else "") + "."
        )
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        add = QPushButton("&Добавить файлы…")
        add.clicked.connect(self._choose_files)
        remove = QPushButton("&Убрать")
        remove.clicked.connect(self._remove_selected)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addLayout(side)
        self.summary = QLabel("Файлы не выбраны.")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fmt = ValueCombo(FORMATS)
        self.fmt.currentIndexChanged.connect(lambda _i: self._default_path())
        self.out = QLineEdit()
        self.out.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        browse = QPushButton("Обзор…")
        browse.clicked.connect(self._choose_out)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Формат:", self.fmt)
        out_label = QLabel("&Файл свода:")
        out_label.setBuddy(self.out)  # the row holds a layout: the label needs its buddy for Alt+Ф
        form.addRow(out_label, out_row)
        buttons = QDialogButtonBox()
        self.generate_button = buttons.addButton("&Сформировать", QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton("&Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        self.generate_button.clicked.connect(self.generate)
        close.clicked.connect(self.reject)
        self.generate_button.setEnabled(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(files_row, 1)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self._default_path()

    # -- the files -----------------------------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def add_files(self, paths) -> None:
        have = {str(p) for p in self.paths()}
        for path in map(Path, paths):
            if str(path) not in have:
                self.files.addItem(path.name)
                item = self.files.item(self.files.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                have.add(str(path))
        self._check()

    def _choose_files(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        names, _ = QFileDialog.getOpenFileNames(self, "Отчёты поселений", folder, FILTERS["json"])
        if names:
            self.add_files(names)

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._check()

    def _check(self) -> None:
        """Sum the files at once: what the roll-up will be, or which file is wrong and why."""
        from appealdesk.errors import DomainError

        self.report = None
        paths = self.paths()
        if not paths:
            self.summary.setText("Файлы не выбраны.")
            self.summary.setStyleSheet("")
        else:
            try:
                self.report = self.desk.reports.rollup(paths)
            except DomainError as exc:
                self.summary.setText(str(exc))
                self.summary.setStyleSheet("color: #b3261e;")
            else:
                r = self.report
                a, m = r.figure("appeals"), r.figure("messages")
                period = r.period.phrase() + ("" if r.period_complete else
                                              f" (период не завершён, по состоянию на {r.made_on:%d.%m.%Y})")
                self.summary.setText(f"Свод {period}: организаций — {len(r.organisations)}, обращений — {a.current}"
                                     + (f" (в прошлом году — {a.previous})" if a.previous is not None else "")
                                     + f", сообщений — {m.current}.")
                self.summary.setStyleSheet("")
        self.generate_button.setEnabled(self.report is not None and not self._jobs)
        self._default_path()

    # -- the file written ----------------------------------------------------------------------------------
    def _default_path(self) -> None:
        if self._path_edited:
            fmt = self.fmt.value() or "pdf"
            current = Path(self.out.text()) if self.out.text() else None
            if current is not None and current.suffix.lower() != "." + fmt:
                self.out.setText(str(current.with_suffix("." + fmt)))
            return
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ".")
        period = self.report.period.phrase().replace("за ", "") if self.report is not None else "поселений"
        name = "".join(ch for ch in f"Свод {period}" if ch not in '\\/:*?"<>|')
        self.out.setText(str(folder / f"{name}.{self.fmt.value() or 'pdf'}"))

    def _choose_out(self) -> None:
        fmt = self.fmt.value() or "pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Сохранить свод", self.out.text(), FILTERS[fmt])
        if path:
            if not path.lower().endswith("." + fmt):
                path += "." + fmt
            self.out.setText(path)
            self._path_edited = True

    # -- the work ------------------------------------------------------------------------------------------
    def generate(self) -> Op | None:
        if self.report is None:
            self.status.setText("Добавьте отчёты поселений одного периода.")
            return None
        target = Path(self.out.text().strip())
        fmt = self.fmt.value() or "pdf"
        paths = self.paths()
        reports = self.desk.reports

        def work(_progress):
            report = reports.rollup(paths)  # again: a file may have changed since it was added
            return reports.write(report, target, fmt, reports.options())

        def done(path) -> None:
            self.status.setText(f"Свод сохранён: {path}")
            self.generated.emit(path)
            if not self.property("quiet_open"):
                open_path(path)

        def failed(message: str) -> None:
            self.status.setText(message)
            self.failed.emit(message)

        task = ops.query(self, work, "Свод не составлен")

        def finish() -> None:
            if task in self._jobs:
                self._jobs.remove(task)
            self.generate_button.setEnabled(self.report is not None)

        self.generate_button.setEnabled(False)
        task.with_progress("Составляется свод…").success(done).failure(failed).finally_(finish).run()
        self._jobs.append(task)
        return task


def open_rollup(desk: AppealDesk, parent: QWidget | None = None) -> RollupDialog:
    dialog = RollupDialog(desk, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog
