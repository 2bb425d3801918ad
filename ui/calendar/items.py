"""The table of appeals behind a day, a week or the agenda: Enter or a double click opens the card."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ..i18n import fmt_date
from .grid import STATE_BG, WEEKDAYS

WHAT = {"deadline": "Срок", "control": "Контр. срок", "promise": "Обещание", "extension_notice": "Продление",
        "forwarding": "Переадресация", "late_registration": "Регистрация", "message": "Сообщение",
        "document": "Запрос документов"}
STATE_TEXT = {"overdue": "просрочено", "due_today": "сегодня", "due_soon": "скоро", "extended": "продлено",
              "in_progress": "", "open": ""}
COLUMNS = ("Дата", "Что", "Рег. номер", "Заявитель", "Исполнитель", "Содержание")


class ItemsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: tuple = ()

    def set_items(self, items) -> None:
        self.beginResetModel()
        self.items = tuple(items)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{fmt_date(i.due_on)} {WEEKDAYS[i.due_on.weekday()].lower()}" if i.due_on else ""
            if col == 1:
                state = STATE_TEXT.get(i.state, "")
                return WHAT.get(i.what, i.what) + (f" ({state})" if state else "")
            if col == 2:
                return i.reg_number
            if col == 3:
                return i.applicant or "—"
            if col == 4:
                return i.executor or "не назначен"
            if col == 5:
                text = " ".join((i.summary or "").split())
                return f"{text} — {i.detail}" if i.detail and i.what not in ("deadline",) else text
        if role == Qt.ItemDataRole.BackgroundRole and i.state in STATE_BG:
            return QBrush(QColor(STATE_BG[i.state]))
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return "\n".join(p for p in (i.summary, i.detail) if p)
        if role == Qt.ItemDataRole.UserRole:
            return i
        return None


class ItemsTable(QTableView):
    open_requested = Signal(int)  # appeal id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table
        self.model_ = ItemsModel(self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h = self.horizontalHeader()
        h.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        fm = self.fontMetrics()
        for col, sample in ((0, "00.00.0000 пн"), (1, "Контр. срок (просрочено)"), (2, "0000-ОГ/26"),
                            (3, "Константинопольская Александра Ю."), (4, "Константинопольский А. В.")):
            self.setColumnWidth(col, fm.horizontalAdvance(sample) + 18)
        self.activated.connect(self._open)

    def set_items(self, items) -> None:
        self.model_.set_items(items)
        if self.model_.rowCount():
            self.setCurrentIndex(self.model_.index(0, 0))

    def current_item(self):
        idx = self.currentIndex()
        return self.model_.items[idx.row()] if idx.isValid() else None

    def _open(self, index) -> None:
        if index.isValid() and self.model_.items[index.row()].appeal_id is not None:
            self.open_requested.emit(self.model_.items[index.row()].appeal_id)
