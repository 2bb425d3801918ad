"""The Russian dialog shown when the database cannot be opened at start: what happened, what to do.

Never a traceback: the core's ``DatabaseProblem`` carries a Russian message and a reason code; any other
exception is described in one line.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
)


class Choice(Enum):
    QUIT = "quit"
    RETRY = "retry"
    OTHER_FILE = "other_file"
    RESTORE = "restore"  # replace the damaged file by a backup (the file itself is kept as a copy first)
    SERVER = "server"  # the connection to the office's server (or back to this PC's file)


ADVICE = {
    "damaged": (
        "Что делать: восстановите базу из резервной копии (кнопка «Восстановить из копии…»; копии лежат "
        "в папке «backups» рядом с файлом базы) или выберите другой файл. Повреждённый файл не изменён; "
        "перед восстановлением программа сохранит его копию для специалиста."
    ),
    "not_a_database": (
        "Что делать: проверьте, что выбран файл базы AppealDesk (обычно appealdesk.sqlite3), "
        "и выберите нужный файл. Указанный файл не изменён."
    ),
    "locked": (
        "Что делать: закройте другие окна AppealDesk и программы, которые могли открыть этот файл "
        "(в том числе на другом компьютере, если база в общей папке), и нажмите «Повторить»."
    ),
    "read_only": (
        "Что делать: проверьте права доступа к файлу и папке базы (или снимите атрибут «Только чтение»), "
        "либо скопируйте базу в свою папку и выберите эту копию."
    ),
    "newer_schema": (
        "Что делать: установите новую версию AppealDesk — с этой базой уже работала более новая версия. "
        "База не изменена."
    ),
    "migration_failed": (
        "Что делать: база осталась прежней. Сообщите администратору; до исправления можно работать "
        "с прежней версией программы."
    ),
    "backup_failed": (
        "Что делать: освободите место на диске или проверьте права на папку резервных копий и повторите."
    ),
    "unreachable": (
        "Что делать: проверьте, что файл, сетевая папка или сервер базы данных доступны (сервер включён, сеть "
        "работает), и повторите. Адрес сервера меняется кнопкой «Подключение к серверу…»."
    ),
    "access_denied": (
        "Что делать: проверьте имя пользователя и пароль подключения к серверу или обратитесь "
        "к администратору сервера базы данных."
    ),
    "driver_missing": "Что делать: переустановите AppealDesk или обратитесь к администратору.",
    "disk_full": (
        "Что делать: освободите место на диске, где лежит база (удалите ненужные файлы, перенесите старые "
        "резервные копии на другой диск), и нажмите «Повторить». База не повреждена: восстанавливать её "
        "из копии не нужно."
    ),
    "io_error": (
        "Что делать: проверьте, что диск, флешка или сетевая папка с базой подключены, и нажмите «Повторить». "
        "Если ошибка повторяется, диск может быть неисправен: скопируйте базу на другой диск."
    ),
    "empty_file": (
        "Что делать: восстановите базу из резервной копии (кнопка «Восстановить из копии…») или выберите "
        "другой файл. Пустой файл не изменён."
    ),
}

BUTTONS = {
    "damaged": (Choice.RESTORE, Choice.OTHER_FILE),
    "not_a_database": (Choice.OTHER_FILE,),
    "locked": (Choice.RETRY, Choice.OTHER_FILE),
    "read_only": (Choice.RETRY, Choice.OTHER_FILE),
    "newer_schema": (Choice.OTHER_FILE,),
    "migration_failed": (Choice.OTHER_FILE,),
    "backup_failed": (Choice.RETRY,),
    "unreachable": (Choice.RETRY, Choice.SERVER, Choice.OTHER_FILE),
    "access_denied": (Choice.RETRY, Choice.SERVER, Choice.OTHER_FILE),
    "driver_missing": (Choice.OTHER_FILE,),
    "disk_full": (Choice.RETRY, Choice.OTHER_FILE),
    "io_error": (Choice.RETRY, Choice.OTHER_FILE),
    "empty_file": (Choice.RESTORE, Choice.OTHER_FILE),
}

BUTTON_TEXT = {
    Choice.RETRY: "Повторить",
    Choice.OTHER_FILE: "Выбрать другой файл…",
    Choice.RESTORE: "Восстановить из копии…",
    Choice.SERVER: "Подключение к серверу…",
    Choice.QUIT: "Выйти",
}


def classify(exc: Exception, path: str | None = None) -> tuple[str, str, str | None]:
    """``(reason, Russian message, path)`` of a failure to open or read the database."""
    from appealdesk.errors import DatabaseProblem

    if isinstance(exc, DatabaseProblem):
        return exc.reason, str(exc), exc.path or path
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = f"«{path}» " if path else ""
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "damaged", (f"База данных {where}повреждена: её таблицы не читаются. Файл не изменён."), path
    if "locked" in text or "busy" in text:
        return "locked", f"База данных {where}занята другой программой (заблокирована).", path
    first = (str(getattr(exc, "orig", None) or exc) or type(exc).__name__).splitlines()[0][:300]
    return "unreachable", f"Не удалось открыть базу данных {where}({first}).", path


class DbProblemDialog(QDialog):
    def __init__(self, exc: Exception, parent=None, path: str | None = None):
        super().__init__(parent)
        self.setWindowTitle("Не удалось открыть базу данных")
        self.setModal(True)
        self.choice = Choice.QUIT
        self.chosen_path: str | None = None
        self.server_url: str | None = None  # the server chosen ("" : back to this PC's file)
        reason, message, self.path = classify(exc, path)
        self.reason = reason
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(ADVICE.get(reason, ADVICE["unreachable"]))
        self.advice.setWordWrap(True)
        f = self.message.font()
        f.setBold(True)
        self.message.setFont(f)
        text = QVBoxLayout()
        text.addWidget(self.message)
        text.addSpacing(8)
        text.addWidget(self.advice)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        self.buttons = QDialogButtonBox()
        self.choice_buttons: dict[Choice, QPushButton] = {}
        for choice in (*BUTTONS.get(reason, (Choice.RETRY,)), Choice.QUIT):
            role = (
                QDialogButtonBox.ButtonRole.RejectRole if choice == Choice.QUIT else QDialogButtonBox.ButtonRole.AcceptRole
            )
            btn = self.buttons.addButton(BUTTON_TEXT[choice], role)
            btn.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.choice_buttons[choice] = btn
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.buttons)
        self.setFixedWidth(600)
        self.choice_buttons[Choice.QUIT].setDefault(len(self.choice_buttons) == 1)

    def _choose(self, choice: Choice) -> None:
        if choice == Choice.OTHER_FILE:
            from .. import files

            start = Path(self.path).parent if self.path else None
            path = files.open_file(self, files.DATABASE, "Файл базы данных AppealDesk",
                                   "База AppealDesk (*.sqlite3 *.sqlite *.db);;Все файлы (*)", start)
            if not path:
                return
            self.chosen_path = path
        if choice == Choice.SERVER:
            from ..server_dialog import ServerDialog

            dialog = ServerDialog(self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.server_url = dialog.url
        self.choice = choice
        if choice == Choice.QUIT:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:  # Esc = quit
        self.choice = Choice.QUIT if self.choice is None else self.choice
        super().reject()
