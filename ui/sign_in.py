"""Signing in: the dialog that asks for the login and the password where two or more people use the program
(a one-person office never sees it: the service layer signs its only user in by itself)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class SignInDialog(QDialog):
    """Login (the office's people to choose from, or typed) and password; the refusal is shown inside."""

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None, login: str | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Вход в AppealDesk")
        self.setModal(True)
        lay = QVBoxLayout(self)
        intro = QLabel("С программой работают несколько пользователей. Выберите себя и введите пароль.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.login = QComboBox()
        self.login.setEditable(True)
        self.login.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        try:
            choices = desk.users.logins()
        except Exception:  # an unreadable users table: the login can still be typed
            choices = ()
        for c in choices:
            self.login.addItem(f"{c.full_name} ({c.login})", c.login)
        self.login.setCurrentIndex(-1)
        if login:
            i = self.login.findData(login)
            if i >= 0:
                self.login.setCurrentIndex(i)
            else:
                self.login.setEditText(login)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Пользователь:", self.login)
        form.addRow("П&ароль:", self.password)
        lay.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        self.error.hide()
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("Войти", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Выход", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.password.textEdited.connect(lambda _t: self.error.hide())
        self._wait_left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        (self.password if self.login.currentIndex() >= 0 or login else self.login).setFocus()
        self.resize(440, self.sizeHint().height())

    def chosen_login(self) -> str:
        data = self.login.currentData()
        text = self.login.currentText().strip()
        if data and text == self.login.itemText(self.login.currentIndex()):
            return data
        return text

    def try_sign_in(self) -> bool:
        from appealdesk.errors import SignInFailed

        login = self.chosen_login()
        if not login:
            self._show("Выберите пользователя или введите имя пользователя.")
            self.login.setFocus()
            return False
        try:
            self.desk.sign_in(login, self.password.text())
        except SignInFailed as exc:
            self._show(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            if exc.wait_s:
                self._wait(exc.wait_s)
            return False
        self.accept()
        return True

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _wait(self, seconds: int) -> None:
        self._wait_left = seconds
        self.ok.setEnabled(False)
        self._timer.start()
        self._tick(count=False)

    def _tick(self, count: bool = True) -> None:
        if count:
            self._wait_left -= 1
        if self._wait_left <= 0:
            self._timer.stop()
            self.ok.setEnabled(True)
            self.ok.setText("Войти")
            return
        self.ok.setText(f"Войти (через {self._wait_left} с)")


def ensure_signed_in(parent, desk, login: str | None = None) -> bool:
    """True when somebody is signed in, asking for the login and the password if need be; False when the
    user gave up (the program then ends or goes back)."""
    if desk.current_user is not None:
        return True
    dialog = SignInDialog(desk, parent, login)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    return dialog.exec() == QDialog.DialogCode.Accepted and desk.current_user is not None
