"""The settings dialog: organisation and head, executors, settlements, numbering, deadline rules, the
production calendar, the users, data and backup folders, the connection to a server. The office settings
are saved on OK; the lists (executors, settlements, calendar, users) are saved as they are edited. Only an
administrator changes the office's settings; everybody sees them and chooses this PC's database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from appealdesk.domain.deadlines import MESSAGE_HOURS_MAX, MESSAGE_HOURS_MIN

from .. import prefs
from ..widgets.validation import INVALID_STYLE, FieldErrors, with_error
from .calendar import CalendarPage
from .officials import OfficialsPage
from .settlements import SettlementsPage

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle("Настройки")
        self.setStyleSheet(INVALID_STYLE)
        self.resize(820, 600)
        self.errors = FieldErrors()
        s = desk.settings.get()
        self.original = s
        self.server_chosen: str | None = None  # a server (or "" : this PC's file) chosen to switch to
        self.ask = None  # the confirmation of moved deadlines (None: the dialog; a test answers it)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._organisation(s), "Организация")
        self.officials = OfficialsPage(desk)
        self.tabs.addTab(self.officials, "Исполнители")
        self.settlements = SettlementsPage(desk)
        self.tabs.addTab(self.settlements, "Населённые пункты")
        self.tabs.addTab(self._numbering(s), "Нумерация")
        self.tabs.addTab(self._deadlines(s), "Сроки")
        self.calendar = CalendarPage(desk)
        self.tabs.addTab(self.calendar, "Календарь")
        from .letter_templates import TemplatesPage

        self.templates = TemplatesPage(desk)
        self.tabs.addTab(self.templates, "Шаблоны писем")
        self.tabs.addTab(self._sstu(s), "ССТУ.РФ")
        from appealdesk.domain.roles import Permission

        self.users = None
        if desk.can(Permission.USERS):
            from .users import UsersPage

            self.users = UsersPage(desk)
            self.tabs.addTab(self.users, "Пользователи")
        self.tabs.addTab(self._folders(s), "Папки и сервер")
        self.banner = QLabel()
        self.banner.setProperty("role", "banner-error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.errors.banner = self.banner  # hidden once every marked field is fixed
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Сохранить")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Закрыть")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.buttons)
        if not desk.can(Permission.SETTINGS):  # the service would refuse: say so before anything is typed
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            for page in (self.officials, self.settlements, self.calendar):
                page.setEnabled(False)
            who = desk.current_user
            self.banner.setText(f"Настройки программы изменяет администратор; у вас роль «{who.role_label}». "
                                "Здесь можно выбрать базу данных этого компьютера и подключение к серверу.")
            self.banner.setProperty("role", "banner-info")
            self.banner.show()
        # the lists are saved at once: the main window refreshes its filters even on "Закрыть"
        self.finished.connect(lambda _r: self.saved.emit())

    # -- pages -----------------------------------------------------------------------------------
    def _field(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> QWidget:
        box, err = with_error(widget)
        form.addRow(label, box)
        self.errors.bind(name, widget, err)
        return widget

    def _organisation(self, s) -> QWidget:
        page = QWidget()
        f = QFormLayout(page)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.organisation = self._field(f, "&Организация:", "organisation", QLineEdit(s.organisation))
        self.organisation_address = self._field(f, "&Адрес:", "organisation_address", QLineEdit(s.organisation_address))
        self.head_position = self._field(f, "&Должность главы:", "head_position", QLineEdit(s.head_position))
        self.head_name = self._field(f, "&ФИО главы:", "head_name", QLineEdit(s.head_name))
        self.organisation_phone = self._field(f, "&Телефон:", "organisation_phone", QLineEdit(s.organisation_phone))
        self.organisation_email = self._field(f, "&Эл. почта:", "organisation_email", QLineEdit(s.organisation_email))
        self.organisation_site = self._field(f, "&Сайт:", "organisation_site", QLineEdit(s.organisation_site))
        self.oktmo = self._field(f, "ОКТ&МО:", "oktmo", QLineEdit(s.oktmo))
        self.oktmo.setPlaceholderText("8 или 11 цифр")
        self.oktmo.setMaxLength(11)
        self.inn = self._field(f, "&ИНН:", "inn", QLineEdit(s.inn))
        self.inn.setPlaceholderText("10 цифр")
        self.inn.setMaxLength(10)
        note = QLabel("Название и глава печатаются в карточке обращения и в отчётах; адрес, телефон, почта и сайт — "
                      "на бланке писем, глава подписывает письма. ОКТМО и ИНН записываются в отчёт для района "
                      "(JSON), чтобы свод поселений различал их.")
        note.setWordWrap(True)
        f.addRow(note)
        return page

    def _numbering(self, s) -> QWidget:
        page = QWidget()
        f = QFormLayout(page)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.number_pattern = self._field(f, "&Обращения:", "number_pattern", QLineEdit(s.number_pattern))
        self.message_pattern = self._field(f, "&Сообщения (ПОС, соцсети):", "message_number_pattern",
                                           QLineEdit(s.message_number_pattern))
        self.info_pattern = self._field(f, "&Запросы информации:", "info_request_number_pattern",
                                        QLineEdit(s.info_request_number_pattern))
        self.letter_pattern = self._field(f, "&Исходящие письма:", "letter_number_pattern",
                                          QLineEdit(s.letter_number_pattern))
        self.preview = QLabel()
        f.addRow("Пример:", self.preview)
        help_ = QLabel("В шаблоне: {seq} — порядковый номер (с 1 каждый год), {seq:04} — с нулями (0001), "
                       "{yy} — год двумя цифрами, {yyyy} — год полностью. Например: {seq}-ОГ/{yy} → 15-ОГ/26.")
        help_.setWordWrap(True)
        f.addRow(help_)
        for w in (self.number_pattern, self.message_pattern, self.info_pattern, self.letter_pattern):
            w.textChanged.connect(self._preview)
        self.letter_executor = QComboBox()
        self.letter_executor.addItem("исполнитель обращения", "appeal")
        self.letter_executor.addItem("пользователь, составивший письмо", "user")
        self.letter_executor.setCurrentIndex(0 if s.letter_executor == "appeal" else 1)
        self._field(f, "Исполнитель в &письмах:", "letter_executor", self.letter_executor)
        self._preview()
        return page

    def _preview(self) -> None:
        from appealdesk.domain.numbering import NumberPattern

        year = self.desk.today().year
        parts = []
        for title, w in (("обращение", self.number_pattern), ("сообщение", self.message_pattern),
                         ("запрос", self.info_pattern), ("письмо", self.letter_pattern)):
            try:
                parts.append(f"{title} — {NumberPattern(w.text()).format(15, year)}")
            except Exception as exc:
                parts.append(f"{title} — ошибка: {exc}")
        self.preview.setText("; ".join(parts))

    def _deadlines(self, s) -> QWidget:
        page = QWidget()
        f = QFormLayout(page)
        self.rule_prev = QRadioButton("на предшествующий рабочий день (обычная практика делопроизводства)")
        self.rule_next = QRadioButton("на следующий рабочий день")
        group = QButtonGroup(page)
        group.addButton(self.rule_prev)
        group.addButton(self.rule_next)
        (self.rule_prev if s.non_working_rule == "previous" else self.rule_next).setChecked(True)
        rules = QWidget()
        rl = QVBoxLayout(rules)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.rule_prev)
        rl.addWidget(self.rule_next)
        box, err = with_error(rules)
        f.addRow("Срок в выходной переносится:", box)
        self.errors.bind("non_working_rule", self.rule_prev, err)
        self.control_offset = QSpinBox()
        self.control_offset.setRange(0, 29)
        self.control_offset.setValue(s.control_offset_days)
        self.control_offset.setSuffix(" дн. до срока по закону")
        self._field(f, "&Контрольный срок:", "control_offset_days", self.control_offset)
        self.due_soon = QSpinBox()
        self.due_soon.setRange(0, 20)
        self.due_soon.setValue(s.due_soon_days)
        self.due_soon.setSuffix(" раб. дн.")
        self._field(f, "«Срок &скоро» за:", "due_soon_days", self.due_soon)
        self.message_hours = QSpinBox()
        self.message_hours.setRange(MESSAGE_HOURS_MIN, MESSAGE_HOURS_MAX)
        self.message_hours.setValue(s.message_hours)
        self.message_hours.setSuffix(" ч")
        self.message_hours.setToolTip("Сообщения ПОС и социальных сетей — не обращения по 59-ФЗ: срок ответа "
                                      "устанавливает регион (обычно 24 часа)")
        self._field(f, "Ответ на &сообщение (ПОС, соцсети):", "message_hours", self.message_hours)
        self.confirm_call = QCheckBox("Закрывать ответ «меры приняты» только после звонка заявителю")
        self.confirm_call.setChecked(s.confirm_measures_by_call)
        self.confirm_call.setToolTip("Созвониться с заявителем, уточнить, что работы выполнены, и записать дату и "
                                     "итог звонка в карточке (практика Губкинского округа)")
        f.addRow("", self.confirm_call)
        rules = s.deadline_rules()
        note = QLabel(f"Срок рассмотрения — {rules.consideration_days} дней со дня регистрации (ч. 1 ст. 12 59-ФЗ); "
                      f"продление — не более чем на {rules.extension_max_days} дней. Если новые правила передвинут "
                      "сроки обращений на рассмотрении, перед сохранением будет показан их список; закрытые "
                      "обращения сохранят свои сроки.")
        note.setWordWrap(True)
        f.addRow(note)
        return page

    def _sstu(self, s) -> QWidget:
        page = QWidget()
        f = QFormLayout(page)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        note = QLabel("Ежемесячная выгрузка результатов рассмотрения обращений в ССТУ.РФ (Указ Президента РФ "
                      "№ 171): Отчёты → Выгрузка в ССТУ.РФ. Идентификаторы органов (GUID) — из справочника ССТУ.")
        note.setWordWrap(True)
        f.addRow(note)
        self.sstu_department = self._field(f, "&Идентификатор органа:", "sstu_department_id",
                                           QLineEdit(s.sstu_department_id))
        self.sstu_department.setPlaceholderText("11111111-2222-3333-4444-555555555555")
        self.sstu_bodies = QTableWidget(0, 2)
        self.sstu_bodies.setHorizontalHeaderLabels(("Орган, куда направляются обращения", "Идентификатор в ССТУ"))
        self.sstu_bodies.verticalHeader().hide()
        self.sstu_bodies.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sstu_bodies.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sstu_bodies.setMinimumHeight(120)
        for name, guid in s.sstu_bodies:
            self._add_body(name, guid)
        add, remove = QPushButton("Добавить орган"), QPushButton("Удалить")
        add.setAutoDefault(False)
        remove.setAutoDefault(False)
        add.clicked.connect(lambda: self._add_body("", "", edit=True))
        remove.clicked.connect(lambda: self.sstu_bodies.removeRow(self.sstu_bodies.currentRow()))
        bodies = QWidget()
        bl = QVBoxLayout(bodies)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.sstu_bodies)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        bl.addLayout(row)
        box, err = with_error(bodies)
        f.addRow("Органы (переадресация):", box)
        self.errors.bind("sstu_bodies", self.sstu_bodies, err)
        hint = QLabel("Название органа сравнивается с полем «Куда направлено» переадресации (без учёта регистра).")
        hint.setWordWrap(True)
        f.addRow("", hint)
        self.sstu_extended = QComboBox()
        self.sstu_extended.addItem("«Рассмотрение продлено» (InWorkExtended)", "InWorkExtended")
        self.sstu_extended.addItem("«Находится на рассмотрении» (InWork)", "InWork")
        self.sstu_extended.setCurrentIndex(0 if s.sstu_extended_status == "InWorkExtended" else 1)
        self._field(f, "Продлённые обращения:", "sstu_extended_status", self.sstu_extended)
        self.sstu_medo = QCheckBox("Обращения из других органов в электронной форме поступают по МЭДО (format = "
                                   "Electronic)")
        self.sstu_medo.setChecked(s.sstu_medo_electronic)
        f.addRow("", self.sstu_medo)
        return page

    def _add_body(self, name: str, guid: str, edit: bool = False) -> None:
        r = self.sstu_bodies.rowCount()
        self.sstu_bodies.insertRow(r)
        self.sstu_bodies.setItem(r, 0, QTableWidgetItem(name))
        self.sstu_bodies.setItem(r, 1, QTableWidgetItem(guid))
        if edit:
            self.sstu_bodies.setCurrentCell(r, 0)
            self.sstu_bodies.editItem(self.sstu_bodies.item(r, 0))

    def _bodies_value(self) -> tuple[tuple[str, str], ...]:
        out = []
        for r in range(self.sstu_bodies.rowCount()):
            name = (self.sstu_bodies.item(r, 0).text() if self.sstu_bodies.item(r, 0) else "").strip()
            guid = (self.sstu_bodies.item(r, 1).text() if self.sstu_bodies.item(r, 1) else "").strip()
            if name or guid:
                out.append((name, guid))
        return tuple(out)

    def _folders(self, s) -> QWidget:
        page = QWidget()
        f = QFormLayout(page)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        db_file = self.desk.database_path
        self.db_path = QLineEdit(str(db_file) if db_file else self.desk.location())
        self.db_path.setReadOnly(True)
        open_data = QPushButton("Открыть папку")
        open_data.clicked.connect(lambda: self._open_folder(Path(self.db_path.text()).parent))
        choose_db = QPushButton("Другая база…")
        choose_db.setToolTip("Выбрать файл базы данных; начнёт использоваться после перезапуска программы")
        choose_db.clicked.connect(self._choose_db)
        row = QHBoxLayout()
        row.addWidget(self.db_path, 1)
        row.addWidget(open_data)
        row.addWidget(choose_db)
        f.addRow("Файл базы данных:", row)
        server = QPushButton("Подключение к серверу…")
        server.setToolTip("Общая база на сервере PostgreSQL для нескольких рабочих мест")
        server.clicked.connect(self._choose_server)
        f.addRow("Несколько рабочих мест:", server)
        self.db_note = QLabel("")
        self.db_note.setWordWrap(True)
        f.addRow("", self.db_note)
        from appealdesk.paths import default_backup_dir

        self.backup_dir = QLineEdit(s.backup_dir)
        self.backup_dir.setPlaceholderText(str(default_backup_dir(db_file)) + " (по умолчанию)")
        browse = QPushButton("Выбрать…")
        browse.clicked.connect(self._choose_backup)
        row2 = QHBoxLayout()
        row2.addWidget(self.backup_dir, 1)
        row2.addWidget(browse)
        box, err = with_error(QWidget())
        box.layout().insertLayout(0, row2)
        f.addRow("Папка резервных копий:", box)
        self.errors.bind("backup_dir", self.backup_dir, err)
        self.backup_keep = QSpinBox()
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setValue(s.backup_keep)
        self._field(f, "Хранить копий:", "backup_keep", self.backup_keep)
        return page

    def _open_folder(self, folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _choose_server(self) -> None:
        from ..server_dialog import ServerDialog

        dialog = ServerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.url is not None:
            self.server_chosen = dialog.url
            self.db_note.setText("Программа переключится на выбранную базу, когда вы закроете настройки.")

    def _choose_db(self) -> None:
        from .. import files

        path = files.open_file(self, files.DATABASE, "Файл базы данных",
                               "База AppealDesk (*.sqlite3 *.sqlite *.db);;Все файлы (*)",
                               Path(self.db_path.text()).parent if self.db_path.text() else None)
        if path:
            from appealdesk.services import connection

            prefs.put("database", path)
            connection.save(None)  # this workstation works with the chosen file, not with a server
            self.db_note.setText(f"После перезапуска программа откроет «{path}».")

    def _choose_backup(self) -> None:
        from .. import files

        folder = files.choose_folder(self, files.BACKUP, "Папка резервных копий", self.backup_dir.text() or None)
        if folder:
            self.backup_dir.setText(folder)

    # -- saving ----------------------------------------------------------------------------------
    def settings_value(self):
        return replace(
            self.original,
            organisation=self.organisation.text().strip(),
            organisation_address=self.organisation_address.text().strip(),
            head_position=self.head_position.text().strip(),
            head_name=self.head_name.text().strip(),
            oktmo=self.oktmo.text().strip(),
            inn=self.inn.text().strip(),
            message_hours=self.message_hours.value(),
            confirm_measures_by_call=self.confirm_call.isChecked(),
            organisation_phone=self.organisation_phone.text().strip(),
            organisation_email=self.organisation_email.text().strip(),
            organisation_site=self.organisation_site.text().strip(),
            letter_number_pattern=self.letter_pattern.text().strip(),
            letter_executor=self.letter_executor.currentData(),
            sstu_department_id=self.sstu_department.text().strip(),
            sstu_bodies=self._bodies_value(),
            sstu_extended_status=self.sstu_extended.currentData(),
            sstu_medo_electronic=self.sstu_medo.isChecked(),
            number_pattern=self.number_pattern.text().strip(),
            message_number_pattern=self.message_pattern.text().strip(),
            info_request_number_pattern=self.info_pattern.text().strip(),
            non_working_rule="previous" if self.rule_prev.isChecked() else "next",
            control_offset_days=self.control_offset.value(),
            due_soon_days=self.due_soon.value(),
            backup_dir=self.backup_dir.text().strip(),
            backup_keep=self.backup_keep.value(),
        )

    def save(self) -> None:
        from appealdesk.errors import DomainError, ValidationError

        from ..dialogs.deadline_shift import confirmed_change

        self.banner.hide()
        new = self.settings_value()
        settings = self.desk.settings
        try:
            if new.deadline_rules() != self.original.deadline_rules():
                if not confirmed_change(self, lambda: settings.preview(new),
                                        lambda shift: settings.save(new, confirmed=shift), self.ask):
                    self.banner.setText("Настройки не сохранены: пересчёт сроков отменён.")
                    self.banner.show()
                    return
            else:
                settings.save(new)
        except ValidationError as exc:
            first, rest = self.errors.show(exc.errors)
            if first is not None:
                for i in range(self.tabs.count()):
                    if self.tabs.widget(i).isAncestorOf(first):
                        self.tabs.setCurrentIndex(i)
                first.setFocus()
            self.banner.setText("Настройки не сохранены: исправьте отмеченные поля." + ("\n" + "\n".join(rest) if rest else ""))
            self.banner.show()
            return
        except DomainError as exc:
            self.banner.setText(str(exc))
            self.banner.show()
            return
        self.errors.clear()
        self.accept()


