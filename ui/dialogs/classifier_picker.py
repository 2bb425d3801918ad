"""The classifier picker: search by word or code across all entries, the office's favourites, the tree.

Only questions and sub-questions (levels 4 and 5) can be picked; Enter picks, Esc closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_NAMES = {1: "раздел", 2: "тематика", 3: "тема", 4: "вопрос", 5: "подвопрос"}


class CodeList(QTreeWidget):
    """A flat list of classifier entries in two columns: the code and the name."""

    activated_code = Signal(str)
    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels(["Код", "Наименование"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setColumnWidth(0, self.fontMetrics().horizontalAdvance("0000.0000.0000.0000.0000") + 20)
        self.itemActivated.connect(lambda it, _c: it.data(0, CODE_ROLE) and self.activated_code.emit(it.data(0, CODE_ROLE)))
        self.currentItemChanged.connect(lambda it, _p: self.current_changed.emit(it.data(0, CODE_ROLE) if it else None))

    def add(self, ci) -> None:
        it = QTreeWidgetItem([ci.code, ci.name])
        it.setData(0, CODE_ROLE, ci.code)
        it.setToolTip(1, f"{ci.name}\n{ci.path}")
        self.addTopLevelItem(it)

    def add_hint(self, text: str) -> None:
        it = QTreeWidgetItem(["", text])
        it.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addTopLevelItem(it)
        self.setFirstColumnSpanned(self.topLevelItemCount() - 1, self.rootIndex(), True)

    def count(self) -> int:
        return self.topLevelItemCount()

    def code_at(self, row: int) -> str | None:
        it = self.topLevelItem(row)
        return it.data(0, CODE_ROLE) if it else None

    def current_code(self) -> str | None:
        it = self.currentItem()
        return it.data(0, CODE_ROLE) if it else None

    def setCurrentRow(self, row: int) -> None:
        it = self.topLevelItem(row)
        if it is not None:
            self.setCurrentItem(it)

    def currentRow(self) -> int:
        it = self.currentItem()
        return self.indexOfTopLevelItem(it) if it else -1


class ClassifierPicker(QDialog):
    picked = Signal(str)

    def __init__(self, desk: AppealDesk, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = desk
        self.ref = desk.reference
        self.setWindowTitle("Классификатор обращений")
        self.resize(820, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Слово или начало кода: дорога, освещение, 0005.0005…")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.tabs = QTabWidget()
        self.found = self._list()
        self.favourites = self._list()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemExpanded.connect(self._expand)
        self.tree.itemActivated.connect(lambda it, _c: self._activate_item(it))
        self.tree.currentItemChanged.connect(lambda it, _p: self._describe(it))
        self.tabs.addTab(self.found, "Найдено")
        self.tabs.addTab(self.favourites, "Избранное")
        self.tabs.addTab(self.tree, "Дерево")
        self.details = QLabel(" ")
        self.details.setWordWrap(True)
        self.details.setMinimumHeight(48)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Выбрать")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        self.buttons.accepted.connect(self._pick_current)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lab = QLabel("&Поиск:")
        lab.setBuddy(self.search)
        lay.addWidget(lab)
        lay.addWidget(self.search)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.tabs.currentChanged.connect(lambda _i: self._describe_current())
        self._fill_favourites()
        self._fill_roots()
        self.search.setText(text)
        if text:
            self._run_search()
        else:
            self.tabs.setCurrentWidget(self.favourites if self.favourites.count() else self.tree)
            self.found.add_hint("Введите слово или код в строке поиска.")

    # -- lists -----------------------------------------------------------------------------------
    def _list(self) -> CodeList:
        w = CodeList()
        w.activated_code.connect(self._pick)
        w.current_changed.connect(self._show)
        return w

    def _fill_favourites(self) -> None:
        items = self.ref.favourites()
        for ci in items:
            self.favourites.add(ci)
        if not items:
            self.favourites.add_hint("Здесь появятся вопросы, которые в вашей организации встречаются чаще всего.")
        self.tabs.setTabText(1, f"Избранное ({len(items)})")

    def _run_search(self) -> None:
        self._timer.stop()
        text = self.search.text().strip()
        self.found.clear()
        if not text:
            self.found.add_hint("Введите слово или код в строке поиска.")
            self.tabs.setTabText(0, "Найдено")
            return
        results = self.ref.classifier_search(text, limit=300)
        for ci in results:
            self.found.add(ci)
        self.tabs.setTabText(0, f"Найдено ({len(results)})")
        if not results:
            self.found.add_hint(f"По запросу «{text}» ничего не найдено. Попробуйте другое слово или дерево.")
        else:
            self.found.setCurrentRow(0)
        self.tabs.setCurrentWidget(self.found)

    # -- the tree --------------------------------------------------------------------------------
    def _tree_item(self, ci) -> QTreeWidgetItem:
        it = QTreeWidgetItem([f"{ci.code}   {ci.name}"])
        it.setData(0, CODE_ROLE, ci.code)
        it.setToolTip(0, f"{LEVEL_NAMES.get(ci.level, '')}: {ci.name}")
        if ci.level < 5:
            it.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return it

    def _fill_roots(self) -> None:
        for ci in self.ref.classifier_children(None):
            self.tree.addTopLevelItem(self._tree_item(ci))

    def _expand(self, item: QTreeWidgetItem) -> None:
        if item.childCount():
            return
        children = self.ref.classifier_children(item.data(0, CODE_ROLE))
        for ci in children:
            item.addChild(self._tree_item(ci))
        if not children:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicator)

    # -- choosing --------------------------------------------------------------------------------
    def _current_code(self) -> str | None:
        w = self.tabs.currentWidget()
        if isinstance(w, CodeList):
            return w.current_code()
        it = self.tree.currentItem()
        return it.data(0, CODE_ROLE) if it else None

    def _describe_current(self) -> None:
        code = self._current_code()
        self._show(code)

    def _describe(self, item) -> None:
        self._show(item.data(0, CODE_ROLE) if item is not None else None)

    def _show(self, code: str | None) -> None:
        ci = self.ref.classifier_item(code) if code else None
        if ci is None:
            self.details.setText(" ")
            return
        note = "" if ci.level >= 4 else "  — выберите вопрос или подвопрос внутри"
        self.details.setText(f"<b>{ci.code}</b> ({LEVEL_NAMES.get(ci.level, '')}){note}<br>{ci.path}")

    def _activate_item(self, item: QTreeWidgetItem) -> None:
        code = item.data(0, CODE_ROLE)
        ci = self.ref.classifier_item(code) if code else None
        if ci is not None and ci.level < 4:
            item.setExpanded(not item.isExpanded())
            return
        self._pick(code)

    def _pick_current(self) -> None:
        self._pick(self._current_code())

    def _pick(self, code: str | None) -> None:
        ci = self.ref.classifier_item(code) if code else None
        if ci is None or ci.level < 4:
            self.details.setText("Выберите вопрос или подвопрос (коды 4-го и 5-го уровня).")
            return
        self.picked.emit(ci.code)
        self.accept()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                w = self.tabs.currentWidget()
                w.setFocus()
                if isinstance(w, CodeList) and w.currentRow() < 0 and w.count():
                    w.setCurrentRow(0)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive() or self.tabs.currentWidget() is not self.found:
                    self._run_search()
                    return True
                self._pick_current()
                return True
        return super().eventFilter(obj, event)
