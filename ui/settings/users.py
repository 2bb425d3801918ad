"""Settings page «Пользователи»: the office's people, their roles, passwords; for the administrator. Saved
at once through ``desk.users`` (which checks the role again)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..widgets.list_table import ListTable
from .list_page import lay_out_list_page

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class PasswordDialog(QDialog):
    """A new password, typed twice."""

    def __init__(self, title: str, parent: QWidget | None = None, ask_old: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.again = QLineEdit()
        for w in (self.old, self.new, self.again):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        if ask_old:
            form.addRow("Текущий пароль:", self.old)
        else:
            self.old.hide()
        form.addRow("Новый пароль:", self.new)
        form.addRow("Ещё раз:", self.again)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for w in (self.new, self.again):
            w.textEdited.connect(lambda _t: self.error.clear())

    def _check(self) -> None:
        if self.new.text() != self.again.text():
            self.error.setText("Пароли не совпадают")
            self.again.setFocus()
            return
        self.accept()


class UsersPage(QWidget):
    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        from appealdesk.domain.roles import ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES

        self.desk = desk
        self.items: list = []
        self.current = None
        self.table = ListTable(["Пользователь", "ФИО", "Роль", "Исполнитель", "Пароль", "Последний вход", ""],
                               "Пользователей пока нет: программа работает без входа.")
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._select(r))
        self.login = QLineEdit()
        self.full_name = QLineEdit()
        self.position = QLineEdit()
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem(ROLE_LABELS[r], r)
            self.role.setItemData(self.role.count() - 1, ROLE_DESCRIPTIONS[r], 3)  # tooltip
        self.role_hint = QLabel("")
        self.role_hint.setWordWrap(True)
        self.role_hint.setStyleSheet("color: #555555;")
        self.role.currentIndexChanged.connect(
            lambda _i: self.role_hint.setText(ROLE_DESCRIPTIONS.get(self.role.currentData(), "")))
        self.official = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("обязателен, если пользователей несколько")
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setStyleSheet("color: #a00000;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Имя для входа:", self.login)
        form.addRow("&ФИО:", self.full_name)
        form.addRow("Должность:", self.position)
        form.addRow("&Роль:", self.role)
        form.addRow("", self.role_hint)
        self.official.setToolTip("Должностное лицо, чьи вопросы — «Мои обращения» этого пользователя; исполнитель "
                                 "вносит ответы только по ним")
        form.addRow("&Исполнитель:", self.official)
        self.password_label = QLabel("Пароль:")
        form.addRow(self.password_label, self.password)
        form.addRow("", self.error)
        self.new_button = QPushButton("Новый")
        self.save_button = QPushButton("Добавить пользователя")
        self.password_button = QPushButton("Пароль…")
        self.active_button = QPushButton("Отключить")
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        self.password_button.clicked.connect(self.set_password)
        self.active_button.clicked.connect(self.toggle_active)
        lay_out_list_page(
            self, "Кто работает с программой и что может. Пока пользователь один, программа входит сама; когда "
            "их два и больше, при запуске спрашивается имя и пароль. Пользователи не удаляются (история изменений "
            "ссылается на них) — их можно отключить.", self.table, form,
            (self.new_button, self.save_button, self.password_button, self.active_button))
        self.reload()
        self.new()

    def reload(self, select_login: str | None = None) -> None:
        self.items = list(self.desk.users.list())
        self.official.clear()
        self.official.addItem("— нет —", None)
        for o in self.desk.reference.officials(include_inactive=True):
            self.official.addItem(o.full_name, o.id)
        self.table.setRowCount(len(self.items))
        from PySide6.QtWidgets import QTableWidgetItem

        for r, u in enumerate(self.items):
            values = (u.login, u.full_name, u.role_label, u.official_name or "", "задан" if u.has_password else "нет",
                      f"{u.last_sign_in:%d.%m.%Y %H:%M}" if u.last_sign_in else "", "" if u.active else "отключён")
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if u.login == select_login:
                self.table.selectRow(r)

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        u = self.items[row]
        self.current = u
        self.login.setText(u.login)
        self.login.setReadOnly(True)
        self.full_name.setText(u.full_name)
        self.position.setText(u.position or "")
        self.role.setCurrentIndex(max(0, self.role.findData(u.role)))
        self.official.setCurrentIndex(max(0, self.official.findData(u.official_id)))
        self.password.hide()
        self.password_label.hide()
        self.save_button.setText("Сохранить")
        self.password_button.setEnabled(True)
        self.active_button.setEnabled(True)
        self.active_button.setText("Отключить" if u.active else "Включить")
        self.error.clear()

    def new(self) -> None:
        self.current = None
        self.table.clearSelection()
        for w in (self.login, self.full_name, self.position, self.password):
            w.clear()
        self.login.setReadOnly(False)
        self.role.setCurrentIndex(max(0, self.role.findData("clerk")))
        self.official.setCurrentIndex(0)
        self.password.show()
        self.password_label.show()
        self.save_button.setText("Добавить пользователя")
        self.password_button.setEnabled(False)
        self.active_button.setEnabled(False)
        self.error.clear()
        self.login.setFocus()

    def _run(self, action) -> bool:
        from appealdesk.errors import DomainError

        try:
            action()
        except DomainError as exc:
            self.error.setText(str(exc))
            return False
        self.error.clear()
        return True

    def save(self) -> None:
        from appealdesk.services.users import UserInput

        role, official = self.role.currentData(), self.official.currentData()
        if self.current is None:
            data = UserInput(self.login.text().strip(), self.full_name.text(), role,
                             position=self.position.text().strip() or None, official_id=official,
                             password=self.password.text() or None)
            if self._run(lambda: self.desk.users.add(data)):
                self.reload(data.login)
            return
        login = self.current.login

        def change() -> None:
            self.desk.users.update(login, self.full_name.text(), self.position.text(), official)
            self.desk.users.set_role(login, role)

        if self._run(change):
            self.reload(login)

    def set_password(self) -> None:
        if self.current is None:
            return
        dlg = PasswordDialog(f"Пароль пользователя «{self.current.login}»", self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            login = self.current.login
            if self._run(lambda: self.desk.users.set_password(login, dlg.new.text())):
                self.reload(login)

    def toggle_active(self) -> None:
        if self.current is None:
            return
        login, active = self.current.login, self.current.active
        action = self.desk.users.disable if active else self.desk.users.enable
        if self._run(lambda: action(login)):
            self.reload(login)
