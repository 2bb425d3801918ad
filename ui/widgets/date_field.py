"""A date typed as ДД.ММ.ГГГГ (digits only, the dots are there) with a calendar that starts on Monday.

Empty is allowed: ``date()`` is then None. A half-typed or impossible date makes ``is_valid()`` false.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ..i18n import russian_locale


class _CalendarPopup(QWidget):
    picked = Signal(QDate)

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(russian_locale())
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(1, 1, 1, 1)
        lay.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)

    def _pick(self, d: QDate) -> None:
        self.picked.emit(d)
        self.close()


class DateField(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent)
        self.optional = optional
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("ДД.ММ.ГГГГ")
        self.edit.setToolTip("Дата в виде ДД.ММ.ГГГГ. Календарь: Alt+↓ или F4")
        self.edit.setMaximumWidth(110)
        self.edit.setMinimumWidth(92)
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("Выбрать в календаре (Alt+↓)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.open_calendar)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(lambda _t: self.changed.emit())

    # -- value -----------------------------------------------------------------------------------
    def _digits(self) -> str:
        return "".join(ch for ch in self.edit.text() if ch.isdigit())

    def is_empty(self) -> bool:
        return not self._digits()

    def date(self) -> date | None:
        digits = self._digits()
        if len(digits) != 8:
            return None
        try:
            return date(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
        except ValueError:
            return None

    def is_valid(self) -> bool:
        if self.is_empty():
            return self.optional
        return self.date() is not None

    def set_date(self, value: date | None) -> None:
        if value is None:
            if not self.edit.hasFocus():
                self.edit.setInputMask("")  # unmasked and empty: the placeholder shows
            self.edit.setText("")
            return
        self._masked()
        self.edit.setText(value.strftime("%d.%m.%Y"))

    def _masked(self) -> None:
        if not self.edit.inputMask():
            text = self.edit.text()
            self.edit.setInputMask("00.00.0000; ")
            self.edit.setText(text)

    def setReadOnly(self, ro: bool) -> None:
        self.edit.setReadOnly(ro)
        self.button.setEnabled(not ro)

    # -- calendar --------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        if self.edit.isReadOnly():
            return
        popup = _CalendarPopup(self)
        current = self.date() or date.today()
        popup.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        popup.picked.connect(lambda d: self.set_date(date(d.year(), d.month(), d.day())))
        popup.picked.connect(lambda _d: self.edit.setFocus())
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.calendar.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
                self.open_calendar()
                return True
        if obj is self.edit and event.type() == QEvent.Type.FocusIn:
            empty = self.is_empty()
            self._masked()
            if empty:
                self.edit.setCursorPosition(0)
        if obj is self.edit and event.type() == QEvent.Type.FocusOut and self.is_empty() and self.edit.inputMask():
            self.edit.blockSignals(True)
            self.edit.setInputMask("")
            self.edit.setText("")
            self.edit.blockSignals(False)
        return super().eventFilter(obj, event)
