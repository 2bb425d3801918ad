"""Settings → «Шаблоны писем»: the letter templates (the office's own or the program's), opened in Word for
editing and loaded back after a check of their fields, loaded from any DOCX, saved as a copy, restored to
the default; beside them, every field a template may use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fmt_date

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


def work_folder() -> Path:
    """Where a template is put to be edited in Word (the user's data folder, owner-only)."""
    from appealdesk.paths import user_data_dir
    from appealdesk.private_files import private_folder

    return private_folder(user_data_dir() / "Шаблоны писем")


class TemplatesPage(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        from appealdesk.domain.roles import Permission

        self.desk = desk
        self.editable = desk.can(Permission.SETTINGS)
        note = QLabel(
            "Письма составляются из шаблонов Word. Чтобы изменить шаблон: «Открыть в Word», поправьте текст и "
            "оформление, сохраните файл в Word и нажмите «Загрузить изменения». Поля в двойных фигурных скобках "
            "программа заполняет сама (список справа); необязательная строка — между {%p if поле %} и "
            "{%p endif %}."
        )
        note.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(("Вид письма", "Шаблон"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update)
        self.fields = QTableWidget(0, 2)
        self.fields.setHorizontalHeaderLabels(("Поле", "Что подставляется"))
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.setWordWrap(True)
        fields = desk.letters.fields()
        self.fields.setRowCount(len(fields))
        for i, (name, what) in enumerate(fields.items()):
            self.fields.setItem(i, 0, QTableWidgetItem(f"{{{{ {name} }}}}"))
            item = QTableWidgetItem(what)
            item.setToolTip(what)
            self.fields.setItem(i, 1, item)
        self.fields.resizeColumnToContents(0)
        self.fields.horizontalHeader().sectionResized.connect(lambda *_: self.fields.resizeRowsToContents())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.open_button = QPushButton("Открыть в &Word")
        self.load_button = QPushButton("Загрузить &изменения")
        self.file_button = QPushButton("Из &файла…")
        self.copy_button = QPushButton("Сохранить &копию…")
        self.reset_button = QPushButton("&Стандартный")
        self.reset_button.setToolTip("Вернуть шаблон программы")
        for b, slot in ((self.open_button, self.open_in_word), (self.load_button, self.load_changes),
                        (self.file_button, self.load_file), (self.copy_button, self.save_copy),
                        (self.reset_button, self.restore)):
            b.setAutoDefault(False)
            b.clicked.connect(slot)
        row = QHBoxLayout()
        for b in (self.open_button, self.load_button, self.file_button, self.copy_button, self.reset_button):
            row.addWidget(b)
        row.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.fields)
        split.setSizes([380, 450])
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        lay.addLayout(row)
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        self.infos = self.desk.letters.templates()
        self.table.setRowCount(len(self.infos))
        for i, t in enumerate(self.infos):
            name = QTableWidgetItem(t.title)
            name.setData(Qt.ItemDataRole.UserRole, t.kind)
            state = (f"свой ({fmt_date(t.updated_at.date())}, {t.updated_by})" if t.edited and t.updated_at
                     else "свой" if t.edited else "стандартный")
            self.table.setItem(i, 0, name)
            self.table.setItem(i, 1, QTableWidgetItem(state))
            if keep == t.kind:
                self.table.selectRow(i)
        if self.table.currentRow() < 0 and self.infos:
            self.table.selectRow(0)
        self._update()

    def current(self):
        row = self.table.currentRow()
        return self.infos[row] if 0 <= row < len(self.infos) else None

    def work_file(self, kind: str) -> Path:
        return work_folder() / f"{kind}.docx"

    def _update(self) -> None:
        t = self.current()
        has = t is not None
        self.open_button.setEnabled(has)
        self.copy_button.setEnabled(has)
        self.load_button.setEnabled(has and self.editable and self.work_file(t.kind).exists())
        self.file_button.setEnabled(has and self.editable)
        self.reset_button.setEnabled(has and self.editable and t.edited)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b3261e;" if error else "")

    # -- the actions -----------------------------------------------------------------------------
    def open_in_word(self) -> Path | None:
        from appealdesk.os_errors import os_error_text
        from appealdesk.private_files import make_private

        t = self.current()
        if t is None:
            return None
        path = self.work_file(t.kind)
        try:
            path.write_bytes(self.desk.letters.template(t.kind))
            make_private(path)
        except OSError as exc:
            self._say(f"Не удалось подготовить файл «{path}»: {os_error_text(exc)}. Если он открыт в Word, закройте "
                      "его.", True)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self._say(f"Шаблон «{t.title}» открыт: {path}. Сохраните его в Word и нажмите «Загрузить изменения».")
        self._update()
        return path

    def _store(self, source) -> bool:
        from appealdesk.errors import DomainError

        t = self.current()
        if t is None:
            return False
        try:
            self.desk.letters.save_template(t.kind, source)
        except DomainError as exc:
            self._say(f"Шаблон не сохранён. {exc}", True)
            return False
        self._say(f"Шаблон «{t.title}» сохранён: следующие письма этого вида будут составлены по нему.")
        self.reload(keep=t.kind)
        return True

    def load_changes(self) -> bool:
        t = self.current()
        if t is None:
            return False
        return self._store(self.work_file(t.kind))

    def load_file(self) -> bool:
        path, _ = QFileDialog.getOpenFileName(self, "Шаблон письма", str(work_folder()), "Документ Word (*.docx)")
        return self._store(Path(path)) if path else False

    def save_copy(self) -> Path | None:
        from appealdesk.os_errors import os_error_text

        from ..print_preview import remember_folder, start_path

        t = self.current()
        if t is None:
            return None
        path, _ = QFileDialog.getSaveFileName(self, "Копия шаблона", str(start_path(f"Шаблон — {t.title}.docx")),
                                              "Документ Word (*.docx)")
        if not path:
            return None
        target = Path(path if path.lower().endswith(".docx") else path + ".docx")
        try:
            target.write_bytes(self.desk.letters.template(t.kind))
        except OSError as exc:
            self._say(f"Не удалось сохранить «{target}»: {os_error_text(exc)}", True)
            return None
        remember_folder(target)
        self._say(f"Копия сохранена: {target}")
        return target

    def restore(self) -> None:
        t = self.current()
        if t is None:
            return
        self.desk.letters.restore_default(t.kind)
        self._say(f"Для «{t.title}» снова используется стандартный шаблон программы.")
        self.reload(keep=t.kind)
