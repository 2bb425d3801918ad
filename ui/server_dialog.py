"""«Подключение к серверу»: this workstation works with the office's database on a PostgreSQL server instead
of its own file. Asked in the first-run wizard, in the settings, and when the database cannot be opened.

The choice is kept per workstation (``appealdesk.services.connection``); the password only with Windows'
protection for this user, or not at all (then it is asked at every start)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ServerDialog(QDialog):
    """Host, port, database, user, password; «Проверить подключение»; on «Подключиться» the choice is saved
    and ``url`` holds the address to open."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from appealdesk.services import connection

        self.url: str | None = None
        current = connection.load()
        self.setWindowTitle("Подключение к серверу базы данных")
        lay = QVBoxLayout(self)
        intro = QLabel(
            "Когда с программой работают на нескольких компьютерах, общая база хранится на сервере PostgreSQL. "
            "Адрес, имя базы и пользователя сообщит тот, кто настраивал сервер. Перенести на сервер базу этого "
            "компьютера можно командой «appealdesk-cli move-to» (см. руководство)."
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit(current.host if current else "")
        self.host.setPlaceholderText("имя компьютера-сервера или IP-адрес, например 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else connection.DEFAULT_PORT)
        self.database = QLineEdit(current.database if current else "appealdesk")
        self.user = QLineEdit(current.user if current else "")
        self.password = QLineEdit(current.password if current else "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Запомнить пароль на этом компьютере (защищён для вашей учётной записи Windows)")
        self.remember.setChecked(current.remember_password if current else True)
        form.addRow("&Сервер:", self.host)
        form.addRow("&Порт:", self.port)
        form.addRow("&База данных:", self.database)
        form.addRow("По&льзователь базы:", self.user)
        form.addRow("Па&роль:", self.password)
        form.addRow("", self.remember)
        lay.addLayout(form)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.result_label)
        self.buttons = QDialogButtonBox()
        self.test_button = QPushButton("Проверить подключение")
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.local_button = self.buttons.addButton("Работать с базой на этом компьютере",
                                                   QDialogButtonBox.ButtonRole.ResetRole)
        self.ok = self.buttons.addButton("Подключиться", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.test_button.clicked.connect(self.test)
        self.local_button.clicked.connect(self.use_local)
        self.buttons.accepted.connect(self.connect_)
        self.buttons.rejected.connect(self.reject)
        self.local_button.setVisible(current is not None)
        lay.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())

    def value(self):
        from appealdesk.services.connection import ServerConnection

        return ServerConnection(
            host=self.host.text().strip(), port=self.port.value(), database=self.database.text().strip(),
            user=self.user.text().strip(), password=self.password.text(), remember_password=self.remember.isChecked(),
        )

    def _say(self, text: str, ok: bool) -> None:
        self.result_label.setStyleSheet("color: #1b5e20;" if ok else "color: #a00000;")
        self.result_label.setText(text)

    def test(self):
        """Connect and look what the database holds; returns the ``ServerState`` or None."""
        from appealdesk.errors import AppealDeskError
        from appealdesk.services.connection import probe

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            state = probe(self.value())
        except AppealDeskError as exc:
            self._say(str(exc), False)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._say(state.text, state.kind != "foreign")
        return state

    def connect_(self) -> None:
        from appealdesk.errors import AppealDeskError
        from appealdesk.services import connection

        state = self.test()
        if state is None or state.kind == "foreign":
            return
        conn = self.value()
        try:
            connection.save(conn)
        except AppealDeskError as exc:
            self._say(str(exc), False)
            return
        self.url = conn.url()
        self.accept()

    def use_local(self) -> None:
        from appealdesk.services import connection

        connection.save(None)
        self.url = ""
        self.accept()


def server_url_at_start(parent=None) -> str | None:
    """The server this workstation works with (password asked when it was not kept), "" for the local file,
    None when the user gave up at the password."""
    from appealdesk.services import connection

    conn = connection.load()
    if conn is None:
        return ""
    if conn.password:
        return conn.url()
    password, ok = QInputDialog.getText(
        parent, "Подключение к серверу", f"Пароль пользователя базы «{conn.user}» на сервере {conn.host}:",
        QLineEdit.EchoMode.Password,
    )
    return conn.url(password) if ok else None
