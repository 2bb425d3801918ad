"""The administrator's confirmation of a calendar or deadline-rule change: the appeals on consideration whose
deadline moves (number, applicant, the old and the new date). The change is saved only from here, with the
list shown; the service refuses a list that has changed meanwhile and gives the new one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import fmt_date

HEADERS = ("Рег. номер", "Заявитель", "Срок был", "Срок станет", "Контрольный был", "Контрольный станет")


class DeadlineShiftDialog(QDialog):
    """``shift``: a ``DeadlineShift`` with at least one move."""

    def __init__(self, shift, parent: QWidget | None = None):
        super().__init__(parent)
        self.shift = shift
        n = len(shift.moves)
        self.setWindowTitle("Пересчёт сроков рассмотрения")
        self.resize(760, 440)
        head = QLabel(f"<b>{_escape(shift.what[:1].upper() + shift.what[1:])}</b>")
        head.setWordWrap(True)
        text = QLabel(f"Изменится срок обращений на рассмотрении: {n}. Сроки будут пересчитаны вместе с сохранением "
                      "изменения, каждое обращение получит запись в истории. Закрытые обращения сохранят свои "
                      "сроки; контрольный срок, установленный вручную, не меняется.")
        text.setWordWrap(True)
        self.table = QTableWidget(n, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, m in enumerate(shift.moves):
            cells = (m.reg_number, m.applicant, fmt_date(m.old_deadline), fmt_date(m.new_deadline),
                     fmt_date(m.old_control), fmt_date(m.new_control))
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("Пересчитать сроки и сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        cancel.setDefault(True)  # a change of the law's deadlines is never made by a stray Enter
        lay = QVBoxLayout(self)
        lay.addWidget(head)
        lay.addWidget(text)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def confirmed_change(parent: QWidget | None, preview: Callable[[], object], apply: Callable[[object], object],
                     ask: Callable[[object, QWidget | None], bool] | None = None) -> bool:
    """Preview the change, show what it moves and apply it with that list confirmed. A list that changed
    meanwhile (another workstation registered an appeal) is shown again. False: the administrator cancelled.
    ``ask(shift, parent)``: the question (a test answers it)."""
    from appealdesk.errors import DeadlinesWouldMove

    ask = ask or _ask
    shift = preview()
    while True:
        if shift.moves and not ask(shift, parent):
            return False
        try:
            apply(shift if shift.moves else None)
            return True
        except DeadlinesWouldMove as exc:
            shift = exc.shift


def _ask(shift, parent: QWidget | None) -> bool:
    return DeadlineShiftDialog(shift, parent).exec() == QDialog.DialogCode.Accepted
