"""The calendar grid: six weeks (or one) from Monday, painted only from the counts it was given.

``set_counts`` receives a ``MonthCounts`` prepared by one query before painting; ``paintEvent`` never asks
the database for anything.
"""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
STATE_BG = {"overdue": "#f8d3d0", "due_today": "#fde3bd", "due_soon": "#fdf5c4", "extended": "#dde9fb"}
STATE_EDGE = {"overdue": "#b3261e", "due_today": "#c25e00", "due_soon": "#a68a00", "extended": "#3a6fc4"}
DAY_OFF_BG = "#eeeeee"
OTHER_MONTH_FG = "#9a9a9a"
HOLIDAY_FG = "#b3261e"


class CalendarGrid(QWidget):
    day_selected = Signal(object)  # date
    day_activated = Signal(object)  # Enter or a double click on a day

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.counts = None  # MonthCounts
        self.weeks = 6
        self.selected: date | None = None
        self.painted_at = 0.0  # perf_counter of the last paint (the benchmark looks at it)
        self.paints = 0
        self.setAccessibleName("Календарь сроков")

    def sizeHint(self) -> QSize:
        return QSize(7 * 130, 30 + self.weeks * 84)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 90, 30 + self.weeks * 56)

    # -- data ------------------------------------------------------------------------------------
    def set_counts(self, counts, selected: date | None = None, weeks: int = 6) -> None:
        self.counts = counts
        self.weeks = weeks
        if selected is not None:
            self.selected = selected
        self.updateGeometry()
        self.update()

    def shown_days(self) -> list:
        if self.counts is None:
            return []
        if self.weeks == 6:
            return list(self.counts.days)
        sel = self.selected or self.counts.today
        start = sel - timedelta(days=sel.weekday())
        out = [self.counts.get(start + timedelta(days=i)) for i in range(7)]
        return [d for d in out if d is not None]

    # -- geometry --------------------------------------------------------------------------------
    def _header_h(self) -> int:
        return self.fontMetrics().height() + 10

    def _cell(self, index: int) -> QRect:
        w = self.width() / 7
        h = (self.height() - self._header_h()) / max(1, self.weeks)
        row, col = divmod(index, 7)
        return QRect(int(col * w), int(self._header_h() + row * h), int(w) - 1, int(h) - 1)

    def day_at(self, x: float, y: float) -> date | None:
        days = self.shown_days()
        for i, d in enumerate(days):
            if self._cell(i).contains(int(x), int(y)):
                return d.day
        return None

    def cell_rect(self, day: date) -> QRect | None:
        for i, d in enumerate(self.shown_days()):
            if d.day == day:
                return self._cell(i)
        return None

    # -- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        fm = self.fontMetrics()
        bold = QFont(self.font())
        bold.setBold(True)
        hh = self._header_h()
        w = self.width() / 7
        p.setFont(bold)
        for i, name in enumerate(WEEKDAYS):
            r = QRect(int(i * w), 0, int(w), hh)
            p.setPen(QColor(HOLIDAY_FG) if i >= 5 else self.palette().windowText().color())
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, name)
        p.setFont(self.font())
        counts = self.counts
        if counts is None:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Календарь загружается…")
            p.end()
            return
        line = fm.height()
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.88))
        for i, d in enumerate(self.shown_days()):
            r = self._cell(i)
            in_month = d.day.month == counts.month
            bg = STATE_BG.get(d.state) if d.due or d.state == "extended" else None
            if bg:
                p.fillRect(r, QColor(bg))
            elif not d.working:
                p.fillRect(r, QColor(DAY_OFF_BG))
            p.setPen(QPen(QColor("#c8c8c8")))
            p.drawRect(r)
            if d.state in STATE_EDGE and (d.due or d.state == "extended"):
                p.fillRect(QRect(r.left() + 1, r.top() + 1, 4, r.height() - 1), QColor(STATE_EDGE[d.state]))
            inner = r.adjusted(8, 3, -4, -2)
            # the day number: red on days off, grey outside the month
            p.setFont(bold)
            fg = QColor(HOLIDAY_FG) if not d.working else self.palette().windowText().color()
            if not in_month:
                fg = QColor(OTHER_MONTH_FG)
            p.setPen(fg)
            p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(d.day.day))
            if d.day == counts.today:
                p.setPen(QPen(QColor("#1a5fb4"), 2))
                p.drawRect(r.adjusted(1, 1, -1, -1))
            p.setFont(small)
            note = _YEAR.sub(r"\1", _note(d)).replace("перенесено с ", "перенос с ")  # the tooltip has it all
            note_lines = 1
            if note:
                # the whole name of a holiday or a transfer, on two lines where one is too short
                p.setPen(QColor(HOLIDAY_FG) if not d.working else QColor("#1a5fb4"))
                nfm = p.fontMetrics()
                nr = inner.adjusted(fm.horizontalAdvance("00") + 6, 0, 0, 0)
                wrap = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
                need = nfm.boundingRect(QRect(0, 0, nr.width(), 10**4), wrap, note).height()
                if need <= nfm.height() or inner.height() < line + 3 * nfm.height():
                    p.drawText(nr, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                               nfm.elidedText(note, Qt.TextElideMode.ElideRight, nr.width()))
                else:
                    first, rest = _split_line(note, nfm, nr.width())
                    p.drawText(nr, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, first)
                    second = QRect(nr.left(), nr.top() + nfm.height(), nr.width(), nfm.height())
                    p.drawText(second, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                               nfm.elidedText(rest, Qt.TextElideMode.ElideRight, nr.width()))
                    note_lines = 2
            lines = _lines(d)
            y = inner.top() + line + 2 + (note_lines - 1) * p.fontMetrics().height()
            sfm = p.fontMetrics()
            for text, colour in lines:
                if y + sfm.height() > inner.bottom() + 2:
                    break
                p.setPen(QColor(colour) if colour else (fg if in_month else QColor(OTHER_MONTH_FG)))
                p.drawText(QRect(inner.left(), y, inner.width(), sfm.height()), Qt.AlignmentFlag.AlignLeft,
                           sfm.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))
                y += sfm.height()
            if d.day == self.selected:
                pen = QPen(self.palette().highlight().color(), 3 if self.hasFocus() else 2)
                p.setPen(pen)
                p.drawRect(r.adjusted(2, 2, -2, -2))
            p.setFont(self.font())
        p.end()
        self.paints += 1
        self.painted_at = time.perf_counter()

    # -- input -----------------------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # the whole text of a cell, whatever its width clipped
            day = self.day_at(event.pos().x(), event.pos().y())
            found = next((d for d in self.shown_days() if d.day == day), None) if day is not None else None
            if found is None:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), _tooltip(found), self)
            return True
        return super().event(event)

    def _select(self, day: date | None) -> None:
        if day is None:
            return
        self.selected = day
        self.update()
        self.day_selected.emit(day)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        self._select(self.day_at(event.position().x(), event.position().y()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().x(), event.position().y())
        if day is not None:
            self.day_activated.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = event.key()
        if key in steps and self.selected is not None:
            self._select(self.selected + timedelta(days=steps[key]))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.day_activated.emit(self.selected)
            return
        super().keyPressEvent(event)


_YEAR = re.compile(r"\b(\d\d\.\d\d)\.\d{4}\b")


def _split_line(text: str, fm, width: int) -> tuple[str, str]:
    """The words of ``text`` that fit ``width`` on the first line, and the rest."""
    words = text.split()
    first = words[0]
    for n in range(1, len(words)):
        candidate = " ".join(words[: n + 1])
        if fm.horizontalAdvance(candidate) > width:
            return " ".join(words[:n]), " ".join(words[n:])
        first = candidate
    return first, ""


def _note(d) -> str:
    """What a day is, beside its number: a holiday's name or a transfer."""
    if d.transferred_working:
        return "рабочий день (перенос)"
    if d.holiday:
        return d.holiday
    if not d.working and d.day.weekday() < 5:
        return "выходной (перенос)"
    return ""


def _lines(d) -> list[tuple[str, str | None]]:
    """The day's counts as (text, colour or None) lines."""
    lines: list[tuple[str, str | None]] = []
    if d.legal:
        lines.append((f"Срок: {d.legal}" + (f" (прод. {d.extended})" if d.extended else ""), None))
    if d.control:
        lines.append((f"Контр. срок: {d.control}", None))
    if d.promises:
        lines.append((f"Обещания: {d.promises}", None))
    if d.receptions:
        lines.append((f"Приём граждан: {d.receptions}", "#2e7d32"))
    return lines


def _tooltip(d) -> str:
    head = f"{d.day:%d.%m.%Y}, {WEEKDAYS[d.day.weekday()].lower()}"
    parts = [head]
    note = _note(d)
    if note:
        parts.append(note)
    elif not d.working:
        parts.append("выходной")
    parts += [text for text, _colour in _lines(d)]
    return "\n".join(parts)
