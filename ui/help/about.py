"""«О программе»: the version, the database, and where the logs and the backups are (with buttons that
open those folders), so that a head of a settlement can tell a helper on the phone where to look."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def _folder_row(path: Path | None, missing: str) -> QWidget:
    box = QWidget()
    lay = QHBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    text = QLabel(str(path) if path is not None else missing)
    text.setWordWrap(True)
    text.setTextInteractionFlags(text.textInteractionFlags() | text.textInteractionFlags().TextSelectableByMouse)
    lay.addWidget(text, 1)
    if path is not None:
        button = QPushButton("Открыть папку")
        button.setAutoDefault(False)
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        lay.addWidget(button)
    return box


class AboutDialog(QDialog):
    def __init__(self, desk, parent: QWidget | None = None):
        super().__init__(parent)
        import appealdesk
        from appealdesk.paths import user_data_dir

        from ..safety.logs import log_dir

        self.setWindowTitle("О программе")
        title = QLabel(f"<b>AppealDesk {appealdesk.__version__}</b><br>"
                       "Регистрация обращений граждан и контроль сроков их рассмотрения (59-ФЗ), личный приём, "
                       "отчёты.")
        title.setWordWrap(True)
        form = QFormLayout()
        form.addRow("База данных:", QLabel(desk.location() if desk is not None else "не открыта"))
        self.logs = log_dir()
        form.addRow("Журнал работы программы:", _folder_row(self.logs, ""))
        self.backups = None
        if desk is not None and desk.backups.available():
            try:
                self.backups = desk.backups.folders().chosen
            except Exception:  # the settings cannot be read: the folder is not shown
                self.backups = None
            form.addRow("Резервные копии:", _folder_row(self.backups, ""))
        elif desk is not None:
            form.addRow("Резервные копии:", _folder_row(None, "делает администратор сервера базы данных"))
        form.addRow("Папка данных:", _folder_row(user_data_dir(), ""))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.resize(640, self.sizeHint().height())
