"""The questions of an appeal: a table (code, question, executor, result) and a line that adds a question
by code or by a word typed (with suggestions), or through the classifier picker (F4)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..widgets.combos import official_items
from ..widgets.delegates import VALUE_ROLE, ValueComboDelegate

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
NO_RESULT = "на рассмотрении"
EMPTY_HINT = ("Вопросов пока нет: введите код или слово в строке выше и нажмите Enter "
              "или откройте классификатор (F4).")


@dataclass(frozen=True)
class QuestionRow:
    code: str
    name: str
    executor_id: int | None = None
    result: str | None = None
    note: str | None = None
    id: int | None = None


HEADERS = ("№", "Код", "Вопрос", "Исполнитель", "Результат")
COL_EXECUTOR, COL_RESULT = 3, 4


class QuestionsModel(QAbstractTableModel):
    edited = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[QuestionRow] = []
        self.executors: dict[int, str] = {}
        self.results: dict[str, str] = {}
        self.result_editable = True

    def set_rows(self, rows: list[QuestionRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def add(self, row: QuestionRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()
        self.edited.emit()

    def remove(self, n: int) -> None:
        if 0 <= n < len(self.rows):
            self.beginRemoveRows(QModelIndex(), n, n)
            del self.rows[n]
            self.endRemoveRows()
            self.edited.emit()

    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_EXECUTOR or (index.column() == COL_RESULT and self.result_editable):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, c = self.rows[index.row()], index.column()
        if role == VALUE_ROLE:
            return r.executor_id if c == COL_EXECUTOR else r.result if c == COL_RESULT else None
        if role == Qt.ItemDataRole.ToolTipRole and c == 2:
            return r.name
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if c == 0:
            return index.row() + 1
        if c == 1:
            return r.code
        if c == 2:
            return r.name
        if c == COL_EXECUTOR:
            return self.executors.get(r.executor_id, "") if r.executor_id else "как у обращения"
        if c == COL_RESULT:
            return self.results.get(r.result, r.result) if r.result else NO_RESULT
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = VALUE_ROLE) -> bool:
        if not index.isValid() or role != VALUE_ROLE:
            return False
        r = self.rows[index.row()]
        if index.column() == COL_EXECUTOR:
            new = replace(r, executor_id=value)
        elif index.column() == COL_RESULT:
            new = replace(r, result=value)
        else:
            return False
        if new != r:
            self.rows[index.row()] = new
            self.dataChanged.emit(index, index)
            self.edited.emit()
        return True


class QuestionsEditor(QWidget):
    """The add line, the picker button and the table; ``changed`` when the questions change."""

    changed = Signal()

    def __init__(self, desk: AppealDesk, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.model = QuestionsModel(self)
        self.model.executors = {o.id: o.full_name for o in desk.reference.officials(include_inactive=True)}
        self.model.results = {v.code: v.label for v in desk.reference.vocabulary("result") if v.code != "in_progress"}
        self.model.edited.connect(self.changed)
        self.input = QLineEdit()
        self.input.setPlaceholderText("Код классификатора или слово (дорога, отопление…), Enter — добавить")
        self.input.setAccessibleName("Добавить вопрос")
        self.pick_button = QPushButton("Классификатор… (F4)")
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(lambda: self.open_picker(self.input.text()))
        self.remove_button = QPushButton("Удалить вопрос")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 34)
        self.table.setColumnWidth(1, self.fontMetrics().horizontalAdvance("0000.0000.0000.0000.0000") + 16)
        self.table.setColumnWidth(COL_EXECUTOR, 170)
        self.table.setColumnWidth(COL_RESULT, 170)
        self.table.setMinimumHeight(110)
        self.table.setItemDelegateForColumn(
            COL_EXECUTOR, ValueComboDelegate(lambda: official_items(self.desk), "как у обращения", self.table)
        )
        self.table.setItemDelegateForColumn(
            COL_RESULT, ValueComboDelegate(lambda: list(self.model.results.items()), NO_RESULT, self.table)
        )
        self.table.installEventFilter(self)
        self.hint = QLabel("")
        self.hint.setStyleSheet("color: #666;")
        self.hint.setWordWrap(True)
        # suggestions as one types
        self._suggest = QStandardItemModel(self)
        self.completer = QCompleter(self._suggest, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(CODE_ROLE)
        self.completer.setMaxVisibleItems(12)
        self.completer.setWidget(self.input)
        self.completer.activated.connect(self._completed)
        self.completer.popup().setMinimumWidth(560)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._suggest_now)
        self.input.textEdited.connect(lambda _t: self._timer.start())
        self.input.returnPressed.connect(self._enter)
        self.input.installEventFilter(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.pick_button)
        row.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.hint)
        self.setFocusProxy(self.input)

    # -- values ----------------------------------------------------------------------------------
    def set_rows(self, rows: list[QuestionRow]) -> None:
        self.model.set_rows(rows)
        self.hint.setText("" if rows else EMPTY_HINT)

    def rows(self) -> list[QuestionRow]:
        return list(self.model.rows)

    def add_code(self, code: str) -> bool:
        code = code.strip()
        item = self.desk.reference.classifier_item(code)
        if item is None or item.level < 4:
            return False
        if code in self.model.codes():
            self.hint.setText(f"Вопрос {code} уже есть в списке.")
            return True
        self.model.add(QuestionRow(code=item.code, name=item.name))
        self.table.selectRow(len(self.model.rows) - 1)
        self.hint.setText(f"Добавлен вопрос {item.code}: {item.name}")
        return True

    def remove_current(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self.model.remove(idx.row())

    # -- suggestions and the picker --------------------------------------------------------------
    def _suggest_now(self) -> None:
        text = self.input.text().strip()
        self._suggest.clear()
        if len(text) < 2 or not self.input.hasFocus():
            self.completer.popup().hide()
            return
        for it in self.desk.reference.classifier_search(text, limit=40):
            si = QStandardItem(f"{it.code}  {it.name}")
            si.setData(it.code, CODE_ROLE)
            si.setToolTip(it.path)
            self._suggest.appendRow(si)
        if self._suggest.rowCount():
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _completed(self, code: str) -> None:
        if self.add_code(code):
            QTimer.singleShot(0, self.input.clear)

    def _enter(self) -> None:
        text = self.input.text().strip()
        if not text:
            return
        if self.add_code(text):
            self.input.clear()
            return
        self.open_picker(text)

    def open_picker(self, text: str = "") -> None:
        from ..dialogs.classifier_picker import ClassifierPicker

        dlg = ClassifierPicker(self.desk, text.strip(), self)
        dlg.picked.connect(self._picked)
        dlg.open()
        self._picker = dlg

    def _picked(self, code: str) -> None:
        if self.add_code(code):
            self.input.clear()
        self.input.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if obj is self.input and event.key() == Qt.Key.Key_F4:
                self.open_picker(self.input.text())
                return True
            if obj is self.table and event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
        return super().eventFilter(obj, event)
