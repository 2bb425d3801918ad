"""Puts deadline control into the main window: the "Сегодня" and "Календарь сроков" sections, the
"Контроль" menu, the tray notifier. The main window calls ``install_control`` once and ``detach`` when the
database goes away; everything else hangs on its signals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

from ..calendar.panel import CalendarPanel
from . import prefs
from .notify import DueNotifier
from .panel import TodayPanel

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk


TODAY_WIDTH = 270  # the today panel beside the journal: its lines wrap, the journal keeps the room


class ControlUi:
    def __init__(self, win):
        self.win = win
        self.today = TodayPanel()
        self.calendar = CalendarPanel()
        # the today panel sits beside the sections (the journal stays in view), shown at start if wanted
        self.dock = QDockWidget("Сегодня", win)
        self.dock.setObjectName("today-dock")
        self.dock.setWidget(self.today)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        win.sections.addTab(self.calendar, "Календарь сроков")
        self.notifier = DueNotifier(win)
        self._dialogs: list = []
        self.actions = []
        menu = QMenu("&Контроль", win)
        for text, slot, key, tip in (
            ("&Сегодня: сроки и нарушения", self.show_today, "Ctrl+T", "Что просрочено и что наступает (Ctrl+T)"),
            ("&Календарь сроков", self.show_calendar, "Ctrl+K", "Сроки по дням месяца (Ctrl+K)"),
            (None, None, None, None),
            ("&Обещания на контроле…", self.show_promises, "Ctrl+Shift+J", "Обещания в ответах, ещё не подтверждённые"),
            ("&Исполнительская дисциплина…", self.show_discipline, "Ctrl+Shift+I", "В срок, с нарушением, просрочено"),
            ("&Напоминания исполнителям…", self.show_reminders, "Ctrl+Shift+N",
             "Список сроков каждого исполнителя: PDF, печать"),
        ):
            if text is None:
                menu.addSeparator()
                continue
            act = QAction(text, win)
            if key:
                act.setShortcut(QKeySequence(key))
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            act.setEnabled(False)
            win.addAction(act)
            menu.addAction(act)
            self.actions.append(act)
        bar = win.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == "&Справка"), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.menu = menu
        win.desk_attached.connect(self.attach)
        from .. import ops

        ops.subscribe(win, self._desk_changed)
        self.calendar.open_requested.connect(win.open_card)
        self.today.journal_requested.connect(self.show_journal_state)
        self.today.list_requested.connect(self.show_list)
        self.notifier.summary_ready.connect(self.today.set_summary)
        self.today.counted.connect(self.notifier.baseline)
        self.notifier.clicked.connect(self.show_today)

    # -- the database ----------------------------------------------------------------------------
    def attach(self, desk: AppealDesk) -> None:
        for a in self.actions:
            a.setEnabled(True)
        QTimer.singleShot(0, self._after_attach)

    def _after_attach(self) -> None:
        desk = self.win.desk
        if desk is None:
            return
        self.today.set_desk(desk)
        self.notifier.set_desk(desk)
        self.calendar.set_desk(desk)
        if prefs.show_at_start():
            self.dock.show()
            self.win.resizeDocks([self.dock], [TODAY_WIDTH], Qt.Orientation.Horizontal)

    def detach(self) -> None:
        for a in self.actions:
            a.setEnabled(False)
        self.notifier.set_desk(None)
        self.today.set_desk(None)
        self.calendar.set_desk(None)
        self.dock.hide()

    def _desk_changed(self, kinds: frozenset) -> None:
        from .. import ops

        if ops.touches(kinds, ops.APPEALS, ops.RECEPTION, ops.PROMISES, ops.SETTINGS, ops.CALENDAR,
                       ops.REFERENCE):
            self.refresh()

    def refresh(self) -> None:
        if self.win.desk is None:
            return
        self.today.refresh()
        if self.calendar.desk is not None:
            self.calendar.reload()

    # -- the sections and lists ------------------------------------------------------------------
    def show_today(self) -> None:
        self.today.refresh()
        shown = self.dock.isVisible()
        self.dock.show()
        if not shown:
            self.win.resizeDocks([self.dock], [TODAY_WIDTH], Qt.Orientation.Horizontal)
        self.dock.raise_()
        first = next((b for b in self.today.buttons.values() if b.isEnabled()), None)
        if first is not None:
            first.setFocus()

    def show_calendar(self) -> None:
        self.win.sections.setCurrentWidget(self.calendar)
        self.calendar.grid.setFocus()

    def show_journal_state(self, state: str) -> None:
        self.win.sections.setCurrentWidget(self.win.journal)
        self.win._show_state(state)
        self.win.journal.table.setFocus()

    def _keep(self, dlg) -> None:
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dlg]
        dlg.open()

    def show_list(self, key: str) -> None:
        from .lists import ItemsDialog

        if self.win.desk is None:
            return
        summary = self.today.summary or self.win.desk.control.today()
        line = next((ln for ln in summary.lines if ln.key == key), None)
        title = line.description if line is not None and line.description else "Список"
        dlg = ItemsDialog(self.win.desk, key, title, self.win)
        dlg.open_requested.connect(self.win.open_card)
        self._keep(dlg)
        return dlg

    def show_promises(self):
        from .lists import ItemsDialog

        if self.win.desk is None:
            return None
        dlg = ItemsDialog(self.win.desk, "promises", "Обещания в ответах на контроле", self.win)
        dlg.open_requested.connect(self.win.open_card)
        self._keep(dlg)
        return dlg

    def show_discipline(self):
        from .discipline import DisciplineDialog

        if self.win.desk is None:
            return None
        dlg = DisciplineDialog(self.win.desk, self.win)
        self._keep(dlg)
        return dlg

    def show_reminders(self):
        from .reminders import RemindersDialog

        if self.win.desk is None:
            return None
        dlg = RemindersDialog(self.win.desk, self.win)
        self._keep(dlg)
        return dlg


def install_control(win) -> ControlUi:
    win.control_ui = ControlUi(win)
    return win.control_ui
