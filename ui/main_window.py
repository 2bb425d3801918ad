"""The main window: the sections (the journal now; reception, calendar and reports as they are built),
the menu, the toolbar and the status bar with the live counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStyle, QTabWidget, QToolBar

from .journal.view import JournalPanel
from .status_counts import StatusCounts

if TYPE_CHECKING:
    from appealdesk.services import AppealDesk

TITLE = "AppealDesk — обращения граждан"


class MainWindow(QMainWindow):
    desk_attached = Signal(object)
    appeal_saved = Signal(int)  # a card saved an appeal (the journal selects it; ops.desk_changed refreshes)
    classifier_ready = Signal()
    sections_warm = Signal()  # what the sections need was loaded in the background: build them now
    gave_up = Signal()  # no database could be opened: the program ends
    closing = Signal()  # the window is closing for good (the backup on exit runs on it: ui.safety)
    first_painted = Signal()  # the window is on the screen (emitted once, after its first paint)
    journal_filled = Signal()  # the journal's first rows are painted (the first screen read at start, or the desk's)
    database_switch = Signal(str)  # work with another database: a server's address, or "" for this PC's file

    def __init__(self) -> None:
        super().__init__()
        self.desk = None
        self._painted = False
        self._shown_once = False  # the first paint is done and announced (first_painted)
        self.cards: dict[int | None, object] = {}
        self._new_cards: list = []
        self.setWindowTitle(TITLE)
        self.resize(1280, 780)
        self.sections = QTabWidget()
        self.sections.setDocumentMode(True)
        self.journal = JournalPanel()
        self.sections.addTab(self.journal, "Журнал обращений")
        # the other sections (reception, calendar and the today panel) are built right after the first
        # screen: the journal is what a clerk looks at first, and the window must come up fast
        self.reception = None
        self.control_ui = None
        self.setCentralWidget(self.sections)
        self.counts = StatusCounts()
        self.counts.state_clicked.connect(self._show_state)
        self.statusBar().addPermanentWidget(self.counts)
        from PySide6.QtWidgets import QLabel

        self.user_label = QLabel("")
        self.user_label.setToolTip("Кто работает с программой (Файл → Сменить пользователя)")
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_actions()
        from PySide6.QtWidgets import QApplication

        from . import help as help_

        help_.install(QApplication.instance())  # F1 in every window and dialog
        self.journal.open_requested.connect(self.open_when_ready)
        # a card asked for while the database was still opening: (appeal id, or None for a new appeal)
        self._pending_open: tuple[int | None] | None = None
        self._select_after_change: int | None = None  # the appeal a card just saved: selected in the journal
        self.appeal_saved.connect(self._remember_saved)
        from . import ops

        ops.subscribe(self, self._desk_changed)
        self.classifier_ready.connect(self.journal.set_topics_ready)
        self.sections_warm.connect(self.build_sections, Qt.ConnectionType.QueuedConnection)
        self._set_enabled(False)

    # -- actions ---------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, icon=None, tip: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            act.setIcon(self.style().standardIcon(icon))
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_new = self._action("&Новое обращение", lambda: self.open_when_ready(None), "Ctrl+N", sp.SP_FileIcon,
                                    "Зарегистрировать новое обращение (Ctrl+N)")
        self.act_open = self._action("&Открыть карточку\tEnter", self._open_current, None, sp.SP_DialogOpenButton,
                                     "Открыть карточку выбранного обращения (Enter)")
        self.act_open.setIconText("Открыть карточку")
        self.act_find = self._action("&Найти", self.journal.focus_search, "Ctrl+F", sp.SP_FileDialogContentsView,
                                     "Поиск в журнале (Ctrl+F)")
        self.act_filters = self._action("&Фильтры", self.journal.filter_toggle.toggle, "Ctrl+Shift+F")
        self.act_reset = self._action("&Сбросить фильтры", lambda: self.journal.filters.reset(), "Ctrl+Shift+R")
        self.act_refresh = self._action("О&бновить", self.refresh, "F5", sp.SP_BrowserReload, "Обновить журнал (F5)")
        self.act_export = self._action("&Экспорт журнала в Excel…", self.export_journal, "Ctrl+E",
                                       sp.SP_DialogSaveButton, "Сохранить журнал (как он показан) в XLSX (Ctrl+E)")
        self.act_settings = self._action("&Настройки…", self.open_settings, "Ctrl+,", sp.SP_FileDialogDetailedView,
                                         "Организация, исполнители, нумерация, сроки, календарь, папки")
        self.act_reports = self._action("&Отчёт о работе с обращениями…", self.open_reports, "Ctrl+R",
                                        sp.SP_FileDialogInfoView, "Справка за квартал, полугодие, год: PDF, XLSX")
        self.act_sstu = self._action("&Выгрузка в ССТУ.РФ…", self.open_sstu, "Ctrl+Shift+Y", None,
                                     "Ежемесячная выгрузка результатов рассмотрения обращений (Указ Президента № 171)")
        # the safety net (ui.safety): a backup at once, a restore that shows the backup before replacing
        self.act_backup = self._action("&Резервная копия сейчас", self._backup_now, "Ctrl+Shift+B", None,
                                       "Сохранить проверенную резервную копию базы данных")
        self.act_restore = self._action("&Восстановить из копии…", self._restore, "Ctrl+Shift+O", None,
                                        "Заменить базу данных резервной копией (текущая будет сохранена)")
        self.act_check = self._action("&Проверить базу данных", self.check_database, "Ctrl+Shift+D", None,
                                      "Проверить целостность файла базы данных")
        self.act_switch_user = self._action("Сменить &пользователя…", self.switch_user, "Ctrl+Shift+U", None,
                                            "Войти под другим пользователем программы")
        self.act_mine = self._action("&Мои обращения", self.show_mine, "Ctrl+M", None,
                                     "Обращения, вопросы которых поручены вам как исполнителю (Ctrl+M)")
        self.act_quit = self._action("В&ыход", self.close, "Ctrl+Q")
        self.act_help = self._action("&Руководство пользователя", self.show_help, "F1", sp.SP_DialogHelpButton,
                                     "Справка по разделу, где вы работаете (F1)")
        self.act_help.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # F1 itself: ui.help, in every window
        self.act_glossary = self._action("&Словарь сокращений", lambda: self.show_help("glossary"), "Shift+F1")
        self.act_about = self._action("&О программе", self._about, "Ctrl+F1")
        self.act_sections = []
        for n, name in enumerate(("журнал обращений", "личный приём", "календарь сроков"), start=1):
            self.act_sections.append(self._action(f"Раздел: {name}", lambda _=False, i=n - 1: self.show_section(i),
                                                  f"Ctrl+{n}"))
        mb = self.menuBar()
        m = mb.addMenu("&Файл")
        for a in (self.act_new, self.act_open, None, self.act_export, None, self.act_settings, self.act_check,
                  self.act_backup, self.act_restore, None, self.act_switch_user, None,
                  self.act_quit):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu("&Журнал")
        for a in (self.act_find, self.act_mine, self.act_filters, self.act_reset, None, self.act_refresh, None,
                  *self.act_sections):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu("&Приём")
        self.act_reception_schedule = self._action("&График личного приёма…", self._reception_schedule,
                                                   "Ctrl+Shift+G", None,
                                                   "Графики должностных лиц, исключения, выездные приёмы")
        self.act_reception_print = self._action("&Печать графика…", lambda: self._reception_call("schedule_dialog"),
                                                "Ctrl+Shift+P", None,
                                                "График приёма на выбранный месяц или квартал: печать или PDF")
        for a in (self.act_reception_schedule, self.act_reception_print):
            m.addAction(a)
        m = mb.addMenu("&Отчёты")
        m.addAction(self.act_reports)
        self.act_rollup = self._action("&Свод поселений…", self.open_rollup, "Ctrl+Shift+L", None,
                                       "Сложить отчёты поселений (JSON) одного периода в отчёт района")
        m.addAction(self.act_rollup)
        m.addAction(self.act_sstu)
        m = mb.addMenu("&Справка")
        for a in (self.act_help, self.act_glossary, None, self.act_about):
            m.addSeparator() if a is None else m.addAction(a)
        tb = QToolBar("Панель инструментов")
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.act_new, self.act_open, None, self.act_refresh, self.act_export, self.act_reports, None,
                  self.act_settings):
            tb.addSeparator() if a is None else tb.addAction(a)
        self.addToolBar(tb)

    def show_section(self, index: int) -> None:
        if index > 0:
            self.build_sections()
        if index < self.sections.count():
            self.sections.setCurrentIndex(index)
            page = self.sections.currentWidget()
            focus = getattr(page, "table", None) or getattr(page, "list", None) or getattr(page, "grid", None)
            (focus or page).setFocus()

    def help_section(self) -> str:
        """The guide's section for what is on the screen (F1)."""
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        if self.control_ui is not None and focus is not None and self.control_ui.dock.isAncestorOf(focus):
            return "today"
        page = self.sections.currentWidget()
        if page is self.reception and page is not None:
            return "reception"
        if self.control_ui is not None and page is self.control_ui.calendar:
            return "calendar"
        return "journal"

    def show_help(self, section: str | None = None):
        from .help import show_help

        return show_help(section or self.help_section())

    def _reception_schedule(self) -> None:
        self._reception_call("open_schedule")

    def build_sections(self) -> None:
        """The reception section, the deadline calendar, the today panel and the control menu (once)."""
        if self.reception is not None:
            return
        from .reception import ReceptionPanel
        from .today.wiring import install_control

        self.reception = ReceptionPanel()
        self.sections.addTab(self.reception, "Личный приём")
        install_control(self)  # the calendar tab, the today dock, the control menu
        if self.desk is not None:
            self.reception.set_desk(self.desk)
            self.control_ui.attach(self.desk)

    def _reception_call(self, name: str, *args) -> None:
        self.build_sections()
        if self.desk is not None:
            self.sections.setCurrentWidget(self.reception)
            getattr(self.reception, name)(*args)

    def _set_enabled(self, on: bool) -> None:
        for a in (self.act_new, self.act_open, self.act_find, self.act_filters, self.act_reset, self.act_refresh,
                  self.act_export, self.act_settings, self.act_reports, self.act_rollup, self.act_sstu,
                  self.act_check, self.act_switch_user, self.act_mine, self.act_backup, self.act_restore):
            a.setEnabled(on)
        if on:
            self.apply_permissions()

    def apply_permissions(self) -> None:
        """What the signed-in person cannot do is greyed out (the services refuse it anyway)."""
        from appealdesk.domain.roles import Permission as P

        desk = self.desk
        if desk is None:
            return
        for action, permission in ((self.act_new, P.REGISTER), (self.act_export, P.EXPORT),
                                   (self.act_reports, P.REPORT), (self.act_rollup, P.REPORT), (self.act_sstu, P.SSTU),
                                   (self.act_check, P.CHECK),
                                   (self.act_backup, P.AUTO_BACKUP), (self.act_restore, P.RESTORE)):
            action.setEnabled(desk.can(permission))
        who = desk.current_user
        self.act_mine.setEnabled(who is not None and who.official_id is not None)
        self.act_switch_user.setVisible(who is not None and who.id is not None)
        if who is None or who.id is None:
            self.user_label.setText("")
        else:
            self.user_label.setText(f"{who.name} — {who.role_label}")

    # -- start -----------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._on_screen)

    def _on_screen(self) -> None:
        self._shown_once = True
        self.first_painted.emit()

    def show_loading(self) -> None:
        self.journal.show_loading()
        self.statusBar().showMessage("Открываю базу данных…")

    def show_first_screen(self, screen) -> None:
        """The journal's first rows, read while the database is still opening (``FirstScreen``)."""
        if self.desk is not None or screen is getattr(self, "_previewed", None):
            return
        self._previewed = screen
        # read before the window was up (the usual case): its first paint shows the rows, one paint not two
        self.journal.preview(screen)
        for a in (self.act_new, self.act_open, self.act_find):  # they wait for the database if need be
            a.setEnabled(True)
        if self._shown_once:
            self._journal_filled()
        else:  # the first paint shows them: nothing to repaint
            self.first_painted.connect(self.journal_filled.emit, Qt.ConnectionType.SingleShotConnection)

    def _journal_filled(self) -> None:
        self.journal.table.viewport().repaint()  # the rows on the screen now, before the core loads on
        self.journal_filled.emit()

    def attach(self, desk: AppealDesk, page=None) -> None:
        """The database is open: fill the journal (with its first screen fetched at start, if given)."""
        self.desk = desk
        filled = self.journal.model is not None
        self.journal.set_desk(desk, page)
        if not filled:
            self._journal_filled()
        if self.reception is not None:
            self.reception.set_desk(desk)
        self._set_enabled(True)
        self.statusBar().showMessage(self._db_text(), 8000)
        self.journal.table.setFocus()
        self.desk_attached.emit(desk)
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            self.open_card(pending[0])
        # what is not needed for the first screen comes after it
        QTimer.singleShot(0, self._after_attach)

    def detach(self) -> None:
        """The database turned out unusable: close the cards and empty the journal."""
        self._pending_open = None
        for card in self.open_cards():
            card.dirty_reg = card.dirty_answer = False
            card.close()
        self._set_enabled(False)
        self.journal.detach()
        if self.reception is not None:
            self.reception.set_desk(None)
            self.control_ui.detach()
        self.counts.set_desk(None)
        if self.desk is not None:
            self.desk.close()
        self.desk = None

    def _after_attach(self) -> None:
        if self.desk is None:
            return
        self.counts.set_desk(self.desk)
        self.journal.populate_filters()
        who = self.desk.current_user
        if who is not None and who.role == "executor" and who.official_id is not None:
            self.show_mine()  # an executor starts with their own appeals (Журнал → Сбросить фильтры: all)
        org = self.desk.settings.get().organisation
        self.setWindowTitle(f"{TITLE} — {org}" if org else TITLE)
        from .startup import preload_classifier, warm_up_sections

        preload_classifier(self, self.desk, self.classifier_ready)
        warm_up_sections(self, self.desk, self.sections_warm)  # then build_sections, without a pause in the window

    def switch_user(self) -> None:
        """Sign in as somebody else (the cards are closed first: they were opened for the one before)."""
        if self.desk is None:
            return
        for card in self.open_cards():
            if not card.close():
                return
        from .sign_in import SignInDialog

        dialog = SignInDialog(self.desk, self)
        if dialog.exec() == SignInDialog.DialogCode.Accepted:
            self.apply_permissions()
            self.refresh()
            self.statusBar().showMessage(f"Вы вошли как {self.desk.current_user.name}", 8000)

    def show_mine(self) -> None:
        """The journal of the appeals assigned to the signed-in executor."""
        who = self.desk.current_user if self.desk is not None else None
        if who is None or who.official_id is None:
            return
        self.journal.show_executor(who.official_id)

    def _db_text(self) -> str:
        return f"База данных: {self.desk.location()}"

    def quit_without_database(self) -> None:
        self.close()
        self.gave_up.emit()

    # -- cards -----------------------------------------------------------------------------------
    def open_card(self, appeal_id: int | None) -> None:
        if self.desk is None:
            return
        if appeal_id is not None and appeal_id in self.cards:
            card = self.cards[appeal_id]
            card.show()
            card.raise_()
            card.activateWindow()
            return
        from .card.window import AppealCardWindow

        card = AppealCardWindow(self.desk, appeal_id, self)
        card.saved.connect(self.appeal_saved)
        card.registered.connect(lambda aid, c=card: self._registered(c, aid))
        card.closed.connect(lambda c=card: self._forget(c))
        card.new_requested.connect(lambda c=card: self._next_new(c))
        if appeal_id is None:
            self._new_cards.append(card)
        else:
            self.cards[appeal_id] = card
        card.show()
        card.raise_()
        card.activateWindow()

    def _next_new(self, previous) -> None:
        """«Сохранить и новое»: a new card where the saved one was."""
        geometry = previous.geometry()
        self.open_card(None)
        if self._new_cards:
            self._new_cards[-1].setGeometry(geometry)

    def open_when_ready(self, appeal_id: int | None) -> None:
        """Open a card (None: a new appeal) now, or as soon as the database is open."""
        if self.desk is None:
            self._pending_open = (appeal_id,)
            self.statusBar().showMessage("Открываю базу данных… карточка откроется через мгновение")
            return
        self.open_card(appeal_id)

    def _registered(self, card, appeal_id: int) -> None:
        if card in self._new_cards:
            self._new_cards.remove(card)
        self.cards[appeal_id] = card

    def _forget(self, card) -> None:
        for k, v in list(self.cards.items()):
            if v is card:
                del self.cards[k]
        if card in self._new_cards:
            self._new_cards.remove(card)

    def open_cards(self) -> list:
        return list(self.cards.values()) + list(self._new_cards)

    def _open_current(self) -> None:
        aid = self.journal.table.current_id()
        if aid is not None:
            self.open_when_ready(aid)

    def _remember_saved(self, appeal_id: int) -> None:
        self._select_after_change = appeal_id

    def _desk_changed(self, kinds: frozenset) -> None:
        """Something changed (``ui.ops``): the journal and the counts show it; new settings or lists
        refill the filters and the title."""
        from . import ops

        if self.desk is None:
            return
        if ops.touches(kinds, ops.SETTINGS, ops.REFERENCE):
            self.journal.populate_filters()
            org = self.desk.settings.get().organisation
            self.setWindowTitle(f"{TITLE} — {org}" if org else TITLE)
        if ops.touches(kinds, ops.APPEALS, ops.RECEPTION, ops.SETTINGS, ops.REFERENCE, ops.CALENDAR):
            select, self._select_after_change = self._select_after_change, None
            self.journal.refresh(select_id=select)
            self.counts.refresh()

    def refresh(self) -> None:
        """F5: everything read again."""
        from . import ops

        ops.changed(ops.DATABASE)

    def _show_state(self, state: str) -> None:
        self.journal.show_state(state)

    # -- export, settings ------------------------------------------------------------------------
    def export_journal(self) -> None:
        from .errors import show_error

        if self.desk is None or self.journal.model is None:
            return
        if not self.journal.model.rowCount():
            show_error(self, "В журнале нет строк для экспорта: измените поиск или фильтры.", "Экспорт журнала")
            return
        from datetime import date

        from . import files

        path = files.save_file(self, files.JOURNAL, "Экспорт журнала в Excel",
                               f"Журнал обращений {date.today():%d.%m.%Y}.xlsx", files.XLSX_FILTER)
        if path:
            self.export_to(path)

    def export_to(self, path: str):
        from . import ops
        from .errors import show_error
        from .journal.export import export_view

        desk, query, count = self.desk, self.journal.query(), self.journal.model.rowCount()

        def done(n) -> None:
            self.statusBar().showMessage(f"Журнал сохранён: {path} (обращений: {n})", 10000)

        return (ops.query(self, lambda progress: export_view(desk, query, path, progress))
                .with_progress(f"Экспорт журнала ({count} обращений)…")
                .success(done).failure(lambda msg: show_error(self, msg, "Экспорт журнала")).run())

    def open_settings(self) -> None:
        if self.desk is None:
            return
        from .settings.dialog import SettingsDialog

        dlg = SettingsDialog(self.desk, self)
        dlg.saved.connect(self._settings_saved)
        dlg.finished.connect(lambda _r: dlg.server_chosen is not None and self.database_switch.emit(dlg.server_chosen))
        dlg.open()
        self._settings_dialog = dlg

    def _settings_saved(self) -> None:
        from . import ops

        ops.changed({ops.SETTINGS, ops.REFERENCE, ops.CALENDAR, ops.USERS})

    def open_reports(self) -> None:
        if self.desk is None:
            return
        from .reports import open_report_wizard

        self._report_wizard = open_report_wizard(self.desk, self)

    def open_rollup(self) -> None:
        if self.desk is None:
            return
        from .reports.rollup import open_rollup

        self._rollup = open_rollup(self.desk, self)

    def open_sstu(self):
        """«Отчёты → Выгрузка в ССТУ.РФ…»."""
        if self.desk is None:
            return None
        from .reports.sstu import SstuDialog

        self._sstu_dialog = SstuDialog(self.desk, self)
        self._sstu_dialog.open_requested.connect(self.open_card)
        self._sstu_dialog.finished.connect(lambda _r: self.control_ui.refresh() if hasattr(self, "control_ui") else None)
        self._sstu_dialog.open()
        return self._sstu_dialog

    def check_database(self):
        """The whole check (file, references, scans, the audit chain), off the GUI thread; the answer in a
        message box."""
        if self.desk is None:
            return None
        from . import ops
        from .errors import show_error

        desk = self.desk

        def work(_progress):
            return desk.check()

        def done(report) -> None:
            if report.problems:
                show_error(
                    self,
                    "В базе данных найдены нарушения:\n" + "\n".join(report.problems[:20])
                    + "\n\nВосстановите базу из резервной копии.",
                    "Проверка базы данных",
                )
            else:
                QMessageBox.information(
                    self, "Проверка базы данных",
                    f"База данных в порядке: нарушений не найдено.\n\nОбращений: {report.appeals}; "
                    f"сканов вложений: {report.scans}; записей журнала изменений: {report.audit_rows}.")

        return (ops.query(self, work).with_progress("Проверка базы данных…").success(done)
                .failure(lambda msg: show_error(self, msg, "Проверка базы данных")).run())

    def _about(self) -> None:
        from .help.about import AboutDialog

        AboutDialog(self.desk, self).exec()

    # -- closing ---------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        for card in self.open_cards():
            if not card.close():
                event.ignore()
                return
        self.closing.emit()
        event.accept()

    # -- safety net (ui.safety) ------------------------------------------------------------------
    def _backup_now(self):
        from .safety import backup_now

        return backup_now(self)

    def _restore(self):
        from .safety import open_restore

        return open_restore(self)
