"""«Отчёты → Выгрузка в ССТУ.РФ…»: the month's upload of the results of consideration (Указ № 171).

The period (the previous month by default) and where its appeals stand («выгружено», «изменилось после
выгрузки», «не выгружено»); «Проверить» counts the questions by status and lists every appeal that cannot be
sent, with what to fix (double-click opens its card); «Выгрузить…» writes the archive — the good records,
or nothing at all under the strict check — and remembers what was sent. The checking and the writing run
off the GUI thread."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fmt_date
from ..widgets.date_field import DateField

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
          "декабрь")


def previous_month(today: date) -> tuple[date, date]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class SstuDialog(QDialog):
    open_requested = Signal(int)
    uploaded = Signal(object)  # SstuResult

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.task = None
        self.result_ = None
        self.setWindowTitle("Выгрузка в ССТУ.РФ")
        start, end = previous_month(desk.today())
        self.date_from = DateField(optional=False)
        self.date_from.set_date(start)
        self.date_to = DateField(optional=False)
        self.date_to.set_date(end)
        self.check_button = QPushButton("&Проверить")
        self.check_button.clicked.connect(self.check)
        top = QHBoxLayout()
        top.addWidget(QLabel("Обращения, зарегистрированные с"))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("по"))
        top.addWidget(self.date_to)
        top.addWidget(self.check_button)
        top.addStretch(1)
        self.everything = QCheckBox("Все обращения периода (а не только невыгруженные и изменившиеся)")
        self.strict = QCheckBox("Строгая проверка: ничего не записывать, если есть ошибки")
        self.config = QLabel()
        self.config.setWordWrap(True)
        self.config.setProperty("role", "banner-error")
        self.state = QLabel("Нажмите «Проверить».")
        self.state.setWordWrap(True)
        self.statuses = QTableWidget(0, 3)
        self.statuses.setHorizontalHeaderLabels(("Статус в ССТУ", "Значение", "Вопросов"))
        self.statuses.verticalHeader().hide()
        self.statuses.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.statuses.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            self.statuses.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.statuses.setMinimumHeight(120)
        self.problems_title = QLabel("")
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._open)
        self.buttons = QDialogButtonBox()
        self.upload_button = self.buttons.addButton("&Выгрузить…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.upload_button.setEnabled(False)
        self.upload_button.clicked.connect(self.ask_upload)
        close = self.buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.everything)
        lay.addWidget(self.strict)
        lay.addWidget(self.config)
        lay.addWidget(self.state)
        lay.addWidget(self.statuses)
        lay.addWidget(self.problems_title)
        lay.addWidget(self.problems, 1)
        lay.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(900, screen.width() - 40) if screen else 900, min(640, screen.height() - 60) if screen else 640)
        configured = bool(desk.settings.get().sstu_department_id)
        self.config.setText("Не указан идентификатор органа в ССТУ.РФ (GUID): впишите его в Настройки → ССТУ.РФ. "
                            "Без него выгрузка невозможна.")
        self.config.setVisible(not configured)
        self.everything.toggled.connect(lambda _on: self.upload_button.setEnabled(False))

    def _period(self) -> tuple[date, date] | None:
        a, b = self.date_from.date(), self.date_to.date()
        if a is None or b is None or b < a:
            self.state.setText("Укажите период: даты ДД.ММ.ГГГГ, конец не раньше начала.")
            return None
        return a, b

    # -- the check -------------------------------------------------------------------------------
    def check(self):
        from .. import ops

        period = self._period()
        if period is None:
            return None
        everything = self.everything.isChecked()
        self.check_button.setEnabled(False)
        self.upload_button.setEnabled(False)
        desk = self.desk
        self.task = (ops.query(self, lambda _p: desk.sstu.check(*period, everything=everything),
                               "Проверка не выполнена")
                     .with_progress("Проверка обращений для ССТУ.РФ…").success(self.show_check)
                     .failure(self._failed).finally_(lambda: self.check_button.setEnabled(True)).run())
        return self.task

    def show_check(self, check) -> None:
        from appealdesk.sstu.build import STATUS_LABELS

        st = check.state
        parts = [
            f"За {fmt_date(st.date_from)}–{fmt_date(st.date_to)}: обращений {st.appeals} — выгружено {st.uploaded}, "
            f"изменилось после выгрузки {st.changed}, не выгружено {st.not_uploaded}.",
            f"Не входят в выгрузку (не обращения по 59-ФЗ): сообщения ПОС и социальных сетей — {st.messages}, "
            f"запросы информации по 8-ФЗ — {st.info_requests}.",
        ]
        if st.changed_earlier:
            parts.append(f"Изменились после выгрузки обращения прошлых периодов: {st.changed_earlier} — войдут в эту "
                         "выгрузку.")
        if st.last_upload:
            parts.append(f"Последняя выгрузка: {st.last_upload:%d.%m.%Y %H:%M}, {st.last_file}.")
        parts.append(f"К выгрузке: {check.ready} из {check.selected}.")
        self.state.setText(" ".join(parts))
        rows = sorted(check.statuses.items(), key=lambda kv: -kv[1])
        self.statuses.setRowCount(len(rows))
        for i, (status, n) in enumerate(rows):
            for c, v in enumerate((STATUS_LABELS.get(status, status), status, str(n))):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.statuses.setItem(i, c, item)
        self.problems.clear()
        for p in check.problems:
            item = QListWidgetItem(p.text())
            item.setData(Qt.ItemDataRole.UserRole, p.appeal_id)
            self.problems.addItem(item)
        self.problems_title.setText(
            f"Не будут выгружены ({len(check.problems)}): исправьте карточки — двойной щелчок открывает карточку."
            if check.problems else "Ошибок нет: все отобранные обращения можно выгрузить.")
        self.upload_button.setEnabled(check.selected > 0 and st.configured
                                      and not (self.strict.isChecked() and check.problems))
        self.check_result = check

    def _failed(self, message: str) -> None:
        from ..errors import show_error

        show_error(self, message, "Выгрузка в ССТУ.РФ")

    def _open(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    # -- the upload ------------------------------------------------------------------------------
    def default_name(self) -> str:
        a, b = self._period() or (self.desk.today(), self.desk.today())
        if a.day == 1 and (b + timedelta(days=1)).day == 1 and a.month == b.month:
            return f"ССТУ {MONTHS[a.month - 1]} {a.year}.zip"
        return f"ССТУ {a:%d.%m.%Y}-{b:%d.%m.%Y}.zip"

    def ask_upload(self):
        from ..print_preview import start_path

        path, _ = QFileDialog.getSaveFileName(self, "Архив для ССТУ.РФ", str(start_path(self.default_name())),
                                              "Архив ZIP (*.zip)")
        if not path:
            return None
        return self.upload(Path(path))

    def upload(self, path: Path):
        from .. import ops

        period = self._period()
        if period is None:
            return None
        everything, strict = self.everything.isChecked(), self.strict.isChecked()
        self.upload_button.setEnabled(False)
        desk = self.desk
        self.task = (ops.query(self, lambda progress: desk.sstu.upload(*period, path, strict=strict,
                                                                       everything=everything, progress=progress),
                               "Выгрузка не выполнена")
                     .with_progress("Выгрузка в ССТУ.РФ…").success(self._uploaded).failure(self._failed).run())
        return self.task

    def _uploaded(self, result) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ..print_preview import remember_folder

        self.result_ = result
        self.uploaded.emit(result)
        remember_folder(result.files[0])
        self.show_check(self.desk.sstu.check(*self._period(), everything=self.everything.isChecked()))
        files = "\n".join(str(f) for f in result.files)
        text = f"Записано обращений: {result.written}.\n{files}"
        if result.problems_file is not None:
            text += f"\n\nНе выгружены ({len(result.check.problems)}), список: {result.problems_file}"
        box = QMessageBox(QMessageBox.Icon.Information, "Выгрузка в ССТУ.РФ", text, QMessageBox.StandardButton.Ok,
                          self)
        box.button(QMessageBox.StandardButton.Ok).setText("ОК")
        folder = box.addButton("Открыть папку", QMessageBox.ButtonRole.ActionRole)

        def clicked(button) -> None:
            if button is folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.files[0].parent)))

        box.buttonClicked.connect(clicked)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.done_box = box
        box.open()
