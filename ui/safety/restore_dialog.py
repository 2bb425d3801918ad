"""File → "Восстановить из копии…": choose a backup, see its date and counts before anything is replaced,
then replace the database (the current file is backed up first) and reopen it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} КБ"
    return f"{n / 1024 / 1024:.1f} МБ".replace(".", ",")


def describe(info) -> dict[str, str]:
    """The rows the dialog shows for a backup (the tests read them too)."""
    last = "нет обращений"
    if info.last_registered_on is not None:
        last = f"{info.last_registered_on:%d.%m.%Y}"
        if info.last_number:
            last += f", № {info.last_number}"
    return {
        "Файл": info.path.name,
        "Дата копии": f"{info.made_at:%d.%m.%Y %H:%M:%S}",
        "Обращений": str(info.appeals),
        "Заявителей": str(info.applicants),
        "Сканов вложений": f"{info.scans} ({_size(info.scans_size)})" if info.scans else "нет",
        "Последняя регистрация": last,
        "Размер": _size(info.size),
    }


class RestoreDialog(QDialog):
    """Choose a backup and restore it: over the open database, or (``db_path``) over a database file that
    could not be opened (damaged) and is therefore not open."""

    def __init__(self, window, parent: QWidget | None = None, db_path: Path | None = None):
        super().__init__(parent or window)
        self.window_ = window
        if db_path is None:
            self.desk = window.desk
            self.db_path = self.desk.database_path
            folders = self.desk.backups.folders()
            self.folder, self.default_folder, self.keep = folders.chosen, folders.default, folders.keep
        else:  # its settings cannot be read: the default folder beside the file and the default count
            from appealdesk.services.backups import default_folder
            from appealdesk.services.office_settings import OfficeSettings

            self.desk = None
            self.db_path = Path(db_path)
            self.folder = self.default_folder = default_folder(self.db_path)
            self.keep = OfficeSettings().backup_keep
        self.info = None
        self.result_ = None
        self.setWindowTitle("Восстановление из резервной копии")
        self.setMinimumSize(780, 460)
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Выберите резервную копию. Сведения о копии показаны справа; база данных будет заменена, только "
            "когда вы нажмёте «Восстановить» и подтвердите."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.folder_label, 1)
        self.other_folder = QPushButton("Другая папка…")
        self.other_folder.clicked.connect(self._choose_folder)
        row.addWidget(self.other_folder)
        self.other_file = QPushButton("Выбрать файл…")
        self.other_file.clicked.connect(self._choose_file)
        row.addWidget(self.other_file)
        lay.addLayout(row)

        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setMinimumWidth(330)
        self.list.currentItemChanged.connect(self._selected)
        body.addWidget(self.list, 1)
        right = QVBoxLayout()
        self.details_box = QFrame()
        self.details_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self.details_box)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key in ("Файл", "Дата копии", "Обращений", "Заявителей", "Сканов вложений", "Последняя регистрация",
                    "Размер"):
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.values[key] = value
            self.form.addRow(f"{key}:", value)
        right.addWidget(self.details_box)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00000;")
        self.problem.hide()
        right.addWidget(self.problem)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background: #fff4d6; border: 1px solid #e0c070; border-radius: 4px; padding: 6px;"
        )
        right.addWidget(self.warning)
        right.addStretch(1)
        body.addLayout(right, 1)
        lay.addLayout(body, 1)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("Восстановить", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_clicked)
        cancel.clicked.connect(self.reject)
        lay.addWidget(self.buttons)
        self._current_counts = self._count_current()
        self.fill(self.folder)

    # -- the list --------------------------------------------------------------------------------
    def _count_current(self) -> int | None:
        if self.desk is None:
            return None
        try:
            from appealdesk.services.journal_values import JournalQuery

            return self.desk.journal.count(JournalQuery())
        except Exception:
            return None

    def fill(self, folder: Path) -> None:
        from appealdesk.services.backups import entries

        self.folder = Path(folder)
        self.folder_label.setText(f"Папка резервных копий: {self.folder}")
        self.list.clear()
        found = self.desk.backups.list(self.folder) if self.desk is not None else entries(self.folder,
                                                                                          self.default_folder)
        for entry in found:
            self._add(entry.path, entry.made_at)
        if not found:
            self._show_problem("В папке нет резервных копий. Выберите другую папку или файл копии.")
        else:
            self.list.setCurrentRow(0)

    def _add(self, path: Path, made=None) -> QListWidgetItem:
        from appealdesk.services.backups import kind_of, made_at

        item = QListWidgetItem(f"{made or made_at(path):%d.%m.%Y %H:%M:%S} — {kind_of(path)}")
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        self.list.addItem(item)
        return item

    def _choose_folder(self) -> None:
        from .. import files

        folder = files.choose_folder(self, files.BACKUP, "Папка резервных копий", self.folder)
        if folder:
            self.fill(Path(folder))

    def _choose_file(self) -> None:
        from .. import files

        path = files.open_file(self, files.BACKUP, "Файл резервной копии",
                               "Резервные копии AppealDesk (*.sqlite3);;Все файлы (*)", self.folder)
        if path:
            self.select_file(Path(path))

    def select_file(self, path: Path) -> None:
        for i in range(self.list.count()):
            if Path(self.list.item(i).data(Qt.ItemDataRole.UserRole)) == path:
                self.list.setCurrentRow(i)
                return
        item = self._add(path)
        self.list.setCurrentItem(item)

    # -- the details -----------------------------------------------------------------------------
    def _selected(self, item: QListWidgetItem | None, _previous=None) -> None:
        from appealdesk.errors import DomainError
        from appealdesk.services.backups import check_restorable, inspect_file

        self.info = None
        self.restore_button.setEnabled(False)
        for v in self.values.values():
            v.setText("—")
        if item is None:
            return
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        try:
            info = self.desk.backups.inspect(path) if self.desk is not None else inspect_file(path)
            for key, text in describe(info).items():
                self.values[key].setText(text)
            check_restorable(info)
        except DomainError as exc:
            self._show_problem(str(exc))
            return
        self.info = info
        self.problem.hide()
        if self.desk is None:
            self.warning.setText(
                f"Повреждённая база данных «{self.db_path.name}» будет заменена содержимым копии от "
                f"{info.made_at:%d.%m.%Y %H:%M}. Перед заменой программа сохранит повреждённый файл "
                f"как есть в папку:\n{self.folder}"
            )
        else:
            current = f" (обращений в ней сейчас: {self._current_counts})" if self._current_counts is not None else ""
            self.warning.setText(
                f"Текущая база данных{current} будет заменена содержимым копии от {info.made_at:%d.%m.%Y %H:%M}. "
                f"Перед заменой программа сохранит копию текущей базы в папку:\n{self.folder}"
            )
        self.warning.show()
        self.restore_button.setEnabled(True)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.warning.hide()
        self.restore_button.setEnabled(False)

    # -- restore ---------------------------------------------------------------------------------
    def _restore_clicked(self) -> None:
        if self.info is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, "Восстановление из резервной копии",
                          f"Заменить текущую базу данных копией от {self.info.made_at:%d.%m.%Y %H:%M} "
                          f"(обращений: {self.info.appeals})?\n\nОткрытые карточки будут закрыты.",
                          QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton("Восстановить", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Отмена", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is yes:
            self.restore_selected()

    def restore_selected(self, announce: bool = True):
        """Replace and reopen; closes the dialog when done (``announce``: then say so in a message box).
        Returns the ``RestoreResult`` or None."""
        from appealdesk.errors import AppealDeskError

        from ..errors import show_error

        if self.info is None:
            return None
        try:
            if self.desk is None:  # the database is not open: nothing to close or reopen here
                from appealdesk.services.backups import restore_file

                result = restore_file(self.info.path, self.db_path, keep=self.keep)
            else:
                result = perform_restore(self.window_, self.info.path)
        except AppealDeskError as exc:
            show_error(self, str(exc), "Восстановление из резервной копии")
            return None
        if result is None:
            return None
        self.result_ = result
        self.accept()
        where = f"\nКопия прежней базы: {result.safety_copy}" if result.safety_copy else ""
        self.window_.statusBar().showMessage(
            f"База восстановлена из копии от {result.info.made_at:%d.%m.%Y %H:%M}", 15000)
        if announce:
            QMessageBox.information(
                self.window_, "Восстановление из резервной копии",
                f"База данных восстановлена из копии от {result.info.made_at:%d.%m.%Y %H:%M} "
                f"(обращений: {result.info.appeals}).{where}",
            )
        return result


def perform_restore(window, backup: Path):
    """Close the cards and the database, restore, open the database again and show it. None if a card
    with unsaved changes stayed open."""
    from appealdesk.errors import AppealDeskError
    from appealdesk.services import AppealDesk

    desk = window.desk
    if desk is None or desk.database_path is None:
        raise AppealDeskError("Восстановление из копии возможно только для базы данных SQLite.")
    desk.backups.inspect(backup)  # the permission and the backup, before anything is closed
    for card in window.open_cards():
        if not card.close():
            return None
    db_path, today, login = desk.database_path, desk.today, desk.current_user
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    error: AppealDeskError | None = None
    result = None
    try:
        restoring = desk.backups
        window.detach()  # closes the desk
        try:
            result = restoring.restore(backup)
        except AppealDeskError as exc:
            error = exc
        reopened = AppealDesk.open(db_path, today=today)
    finally:
        QApplication.restoreOverrideCursor()
    from ..sign_in import ensure_signed_in

    if ensure_signed_in(window, reopened, login.login if login else None):
        window.attach(reopened)
    else:
        reopened.close()
        window.quit_without_database()
    if error is not None:
        raise error
    return result


def open_restore(window) -> RestoreDialog | None:
    if window.desk is None:
        return None
    if not window.desk.backups.available():
        from ..errors import show_error

        show_error(window, "Восстановление из копии выполняет администратор сервера базы данных.",
                   "Восстановление из резервной копии")
        return None
    dlg = RestoreDialog(window)
    dlg.open()
    window._restore_dialog = dlg
    return dlg
