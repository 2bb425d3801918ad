"""The first-run wizard: the organisation and its head, settlements and executors, the head's reception
days, the first user (an administrator, the head by default); or demo data for a try-out; or the office's
database on a server. Everything can be changed later in "Настройки"."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

log = logging.getLogger(__name__)

WELCOME, ORGANISATION, LISTS, DEMO, ADMIN = range(5)
DEMO_APPEALS = 300


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class WelcomePage(QWizardPage):
    def __init__(self, desk: AppealDesk):
        super().__init__()
        from appealdesk.paths import user_data_dir

        self.setTitle("Добро пожаловать в AppealDesk")
        self.setSubTitle("Программа запущена впервые. Несколько шагов — и можно регистрировать обращения.")
        lay = QVBoxLayout(self)
        self.setup = QRadioButton("Настроить программу для своей организации")
        self.setup.setChecked(True)
        self.demo = QRadioButton("Попробовать на демонстрационных данных")
        self.server = QRadioButton("Подключиться к общей базе на сервере (несколько рабочих мест)")
        lay.addWidget(self.setup)
        lay.addWidget(_note("Название организации, глава, населённые пункты, исполнители, дни приёма. "
                            "Всё это можно изменить потом в «Настройках»."))
        lay.addSpacing(8)
        lay.addWidget(self.demo)
        lay.addWidget(_note("Вымышленное сельское поселение с обращениями за два года: чтобы познакомиться "
                            "с программой. Данные записываются в текущую базу, поэтому для настоящей работы "
                            "потом используйте чистую базу."))
        lay.addSpacing(8)
        lay.addWidget(self.server)
        lay.addWidget(_note("Если в организации уже есть сервер с базой AppealDesk (PostgreSQL): адрес, имя базы "
                            "и пользователя сообщит тот, кто его настраивал."))
        lay.addStretch(1)
        db = desk.database_path
        where = QLabel(
            f"Данные программы хранятся в вашей папке пользователя:\n{user_data_dir()}"
            + (f"\nФайл базы данных: {db}" if db else "")
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(where)

    def nextId(self) -> int:
        return DEMO if self.demo.isChecked() else ORGANISATION

    def validatePage(self) -> bool:
        if not self.server.isChecked():
            return True
        from ..server_dialog import ServerDialog

        dialog = ServerDialog(self)
        if dialog.exec() != ServerDialog.DialogCode.Accepted or not dialog.url:
            return False
        self.wizard().switch_to_server(dialog.url)
        return False


class OrganisationPage(QWizardPage):
    def __init__(self, desk: AppealDesk):
        super().__init__()
        s = desk.settings.get()
        self.setTitle("Организация")
        self.setSubTitle("Эти сведения печатаются в карточках, отчётах и графиках приёма.")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("Администрация Ключевского сельсовета")
        self.address = QLineEdit()
        self.address.setPlaceholderText("658000, Алтайский край, с. Ключи, ул. Центральная, д. 1")
        self.head_position = QLineEdit(s.head_position)
        self.head_name = QLineEdit()
        self.head_name.setPlaceholderText("Фамилия Имя Отчество")
        # the head's personal reception: days, hours, place (a rule of the reception schedule)
        days = QHBoxLayout()
        self.weekdays: dict[int, QCheckBox] = {}
        for n, short in enumerate(("пн", "вт", "ср", "чт", "пт", "сб"), start=1):
            box = QCheckBox(short)
            self.weekdays[n] = box
            days.addWidget(box)
        days.addStretch(1)
        hours = QHBoxLayout()
        self.time_from = QTimeEdit(QTime(14, 0))
        self.time_to = QTimeEdit(QTime(17, 0))
        for edit in (self.time_from, self.time_to):
            edit.setDisplayFormat("HH:mm")
        self.place = QLineEdit()
        self.place.setPlaceholderText("кабинет главы")
        hours.addWidget(QLabel("с"))
        hours.addWidget(self.time_from)
        hours.addWidget(QLabel("до"))
        hours.addWidget(self.time_to)
        hours.addSpacing(12)
        hours.addWidget(QLabel("место:"))
        hours.addWidget(self.place, 1)
        form.addRow("Название организации*:", self.organisation)
        form.addRow("Адрес:", self.address)
        form.addRow("Должность главы:", self.head_position)
        form.addRow("Глава (ФИО):", self.head_name)
        form.addRow("Приём граждан главой:", days)
        form.addRow("", hours)
        form.addRow("", _note("* — обязательное поле. Дни приёма — как они объявлены жителям; график приёма "
                              "можно уточнить позже в разделе «Приём»."))
        self.registerField("organisation*", self.organisation)


class ListsPage(QWizardPage):
    def __init__(self, desk: AppealDesk):
        super().__init__()
        self.setTitle("Населённые пункты и исполнители")
        self.setSubTitle("По одному в строке. Списки можно дополнить позже в «Настройках».")
        grid = QGridLayout(self)
        self.settlements = QPlainTextEdit()
        self.settlements.setPlaceholderText("с. Ключи\nд. Малиновка\nп. Лесной")
        self.settlements.setTabChangesFocus(True)
        self.executors = QPlainTextEdit()
        self.executors.setPlaceholderText("Гусев Павел Сергеевич — специалист по ЖКХ\n"
                                          "Белова Ирина Юрьевна — специалист по работе с обращениями")
        self.executors.setTabChangesFocus(True)
        grid.addWidget(QLabel("Населённые пункты:"), 0, 0)
        grid.addWidget(QLabel("Исполнители (ФИО — должность):"), 0, 1)
        grid.addWidget(self.settlements, 1, 0)
        grid.addWidget(self.executors, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        grid.addWidget(self.error, 2, 0, 1, 2)

    def nextId(self) -> int:
        return ADMIN if self.wizard() is not None and self.wizard().asks_admin() else -1


class AdminPage(QWizardPage):
    """The first user: an administrator, the head by default; a password only when wanted (the program asks
    for it once a second user is added)."""

    def __init__(self, desk: AppealDesk):
        super().__init__()
        self.setTitle("Администратор программы")
        self.setSubTitle("Кто управляет настройками и пользователями. По умолчанию — глава.")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.login = QLineEdit("admin")
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Имя для входа:", self.login)
        form.addRow("&ФИО:", self.name)
        form.addRow("&Пароль:", self.password)
        form.addRow("Пароль ещё раз:", self.again)
        form.addRow("", _note("Пока вы единственный пользователь, программа входит сама, без пароля. Других "
                              "пользователей (специалистов, исполнителей) добавьте потом в «Настройки → "
                              "Пользователи»: тогда при запуске программа будет спрашивать имя и пароль."))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")
        form.addRow(self.error)

    def initializePage(self) -> None:
        head = self.wizard().organisation.head_name.text().strip()
        self.name.setPlaceholderText(head or "Фамилия Имя Отчество")

    def nextId(self) -> int:
        return -1


class DemoPage(QWizardPage):
    def __init__(self, desk: AppealDesk):
        super().__init__()
        self.setTitle("Демонстрационные данные")
        self.setSubTitle("Вымышленное сельское поселение: жители, исполнители, обращения за два года.")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.appeals = QSpinBox()
        self.appeals.setRange(50, 5000)
        self.appeals.setSingleStep(50)
        self.appeals.setValue(DEMO_APPEALS)
        form.addRow("Обращений:", self.appeals)
        form.addRow("", _note("Заполнение займёт несколько секунд. Совпадения с реальными людьми случайны."))

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    def __init__(self, desk: AppealDesk, window):
        super().__init__(window)
        self.desk = desk
        self.window_ = window
        self.task = None
        self.applied = False
        self.setWindowTitle("Первый запуск AppealDesk")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(720, 500)
        from ..safety.icon import app_icon

        icon = app_icon()
        if not icon.isNull():
            self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon.pixmap(48, 48))
        for button, text in ((QWizard.WizardButton.BackButton, "< Назад"),
                             (QWizard.WizardButton.NextButton, "Далее >"),
                             (QWizard.WizardButton.FinishButton, "Готово"),
                             (QWizard.WizardButton.CancelButton, "Позже")):
            self.setButtonText(button, text)
        self.welcome = WelcomePage(desk)
        self.organisation = OrganisationPage(desk)
        self.lists = ListsPage(desk)
        self.demo = DemoPage(desk)
        self.admin = AdminPage(desk)
        self.setPage(WELCOME, self.welcome)
        self.setPage(ADMIN, self.admin)
        self.setPage(ORGANISATION, self.organisation)
        self.setPage(LISTS, self.lists)
        self.setPage(DEMO, self.demo)
        self.setStartId(WELCOME)

    def data(self):
        from appealdesk.services.first_setup import FirstSetup, parse_executor

        o, li = self.organisation, self.lists
        executors = tuple(e for e in map(parse_executor, _lines(li.executors.toPlainText())) if e)
        return FirstSetup(
            organisation=o.organisation.text().strip(),
            organisation_address=o.address.text().strip(),
            head_position=o.head_position.text().strip(),
            head_name=o.head_name.text().strip(),
            settlements=tuple(_lines(li.settlements.toPlainText())),
            executors=executors,
            reception_weekdays=tuple(n for n, box in o.weekdays.items() if box.isChecked()),
            reception_from=o.time_from.time().toPython(),
            reception_to=o.time_to.time().toPython(),
            reception_place=o.place.text().strip(),
            admin_login=self.admin.login.text().strip() or "admin",
            admin_name=self.admin.name.text().strip(),
            admin_password=self.admin.password.text(),
        )

    def asks_admin(self) -> bool:
        """The database has no users yet: the wizard makes the first one."""
        who = self.desk.current_user
        return who is not None and who.id is None

    def switch_to_server(self, url: str) -> None:
        """The office's database is on a server: this wizard is done, the window opens that one."""
        self.applied = True
        QWizard.reject(self)
        self.window_.database_switch.emit(url)

    def validateCurrentPage(self) -> bool:
        from appealdesk.errors import DomainError, ValidationError

        last = ADMIN if self.asks_admin() else LISTS
        if self.currentId() == LISTS and last == ADMIN:  # the lists are checked before the last page
            try:
                self.desk.setup.check(self.data())
            except ValidationError as exc:
                mine = [e.message for e in exc.errors if not e.field.startswith("admin_")]
                if mine:
                    self.lists.error.setText("; ".join(mine))
                    return False
            self.lists.error.clear()
            return True
        if self.currentId() != last:
            return super().validateCurrentPage()

        page = self.admin if last == ADMIN else self.lists
        if last == ADMIN and self.admin.password.text() != self.admin.again.text():
            page.error.setText("Пароли не совпадают")
            return False
        try:
            self.desk.setup.apply(self.data())
        except DomainError as exc:
            page.error.setText(str(exc))
            return False
        self.applied = True
        self._refresh_window()
        return True

    def accept(self) -> None:
        if self.currentId() == DEMO and not self.applied:
            self._load_demo()
            return
        super().accept()

    def _load_demo(self) -> None:
        from .. import ops
        from ..errors import show_error

        desk, count = self.desk, self.demo.appeals.value()

        def done(summary) -> None:
            self.applied = True
            self._refresh_window()
            self.window_.statusBar().showMessage(
                f"Загружены демонстрационные данные: обращений {summary.appeals}", 10000)
            QWizard.accept(self)

        self.task = (ops.query(self, lambda progress: desk.demo.make(count, progress=progress))
                     .with_progress(f"Создаю демонстрационные данные ({count} обращений)…")
                     .success(done).failure(lambda msg: show_error(self, msg, "Демонстрационные данные")).run())

    def _refresh_window(self) -> None:
        w = self.window_
        if getattr(w, "desk", None) is not self.desk:
            return
        from .. import ops

        ops.changed(ops.DATABASE)
