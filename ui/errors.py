"""Errors shown to the user: a domain error's Russian message as it is, never a traceback.

An unexpected exception in a slot is written to the log file in the data folder and shown as a short
Russian message.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("appealdesk.ui")


def show_error(parent: QWidget | None, message: str, title: str = "AppealDesk") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("ОК")
    box.exec()


def _log_file():
    from appealdesk.paths import user_data_dir

    return user_data_dir() / "appealdesk.log"


def install_excepthook(parent: QWidget) -> None:
    def hook(exc_type, exc, tb) -> None:
        from appealdesk.errors import AppealDeskError

        if isinstance(exc, AppealDeskError):
            show_error(parent, str(exc))
            return
        from appealdesk.log_privacy import format_exception_safely

        text = format_exception_safely(exc_type, exc, tb)
        try:
            from appealdesk.private_files import open_private_text, private_folder

            path = _log_file()
            private_folder(path.parent)
            with open_private_text(path, "a") as fh:
                fh.write(text + "\n")
            where = f"Подробности записаны в файл «{path}»."
        except OSError:
            where = ""
        log.error("unexpected error:\n%s", text)
        show_error(
            parent,
            "Произошла внутренняя ошибка программы. Несохранённые данные карточки остались на экране; "
            f"попробуйте повторить действие. {where}",
        )

    sys.excepthook = hook
