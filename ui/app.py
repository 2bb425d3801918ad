"""The entry point of the desktop (``appealdesk`` gui-script): the window first, the database after.

    appealdesk [--db PATH]

Kept light: only PySide6 is imported before the window is shown. SQLAlchemy and the core load in a thread
while the window paints; reportlab and openpyxl are imported only when a PDF or a spreadsheet is made.
"""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()
FIRST_SCREEN_WAIT_S = 0.15  # the window waits this long at most for the journal's first rows


def _parse(argv: list[str]) -> str | None:
    db = None
    it = iter(argv)
    for arg in it:
        if arg == "--db":
            db = next(it, None)
        elif arg.startswith("--db="):
            db = arg.split("=", 1)[1]
    return db


class Launcher:
    """Opens the database for a shown main window; on a problem asks the user (Russian dialog) what to do.

    After the journal is shown, the whole file is checked in the background (``check_integrity``): damage
    found then gets the same dialog."""

    def __init__(self, window, db: str | None, opening=None, instance=None):
        from .startup import DatabaseLoader

        self.window = window
        self.db = db
        self.instance = instance  # safety.single.SingleInstance: one program per database, moved on a switch
        self.opening = opening  # started before Qt was imported, or None
        self.first_opening = opening
        self.loader = DatabaseLoader()
        self.loader.connect_queued(self.window.show_first_screen, self._opened, self._failed)
        window.database_switch.connect(self.switch)
        self.dialog = None
        self.restore_dialog = None  # restoring a damaged file from a backup (after the dialog above)

    def start(self) -> None:
        self.window.show_loading()
        if self.opening is not None:
            opening, self.opening = self.opening, None
            self.loader.adopt(opening)
        else:
            self.loader.start(self.db)

    def _opened(self, opened) -> None:
        from .sign_in import ensure_signed_in

        if not ensure_signed_in(self.window, opened.desk):
            opened.desk.close()
            self.window.quit_without_database()
            return
        try:
            self.window.attach(opened.desk, opened.page)
        except Exception as exc:  # e.g. a damaged table met while filling the journal
            self._failed(exc)
            return
        from . import ops

        check = ops.query(self.window, opened.desk.check_integrity)
        # damage found: the same Russian dialog as a problem met at the open
        check.failure(lambda _msg: self._failed(check.exception)).run()

    def switch(self, db: str) -> None:
        """Work with another database from now on: the office's server, or this PC's file ("")."""
        from . import prefs

        target = db or prefs.get("database") or None
        if not self._claim(target):
            from .errors import show_error

            show_error(self.window, "Эта база данных уже открыта в другом окне AppealDesk: оно выведено вперёд. "
                                    "Здесь остаётся прежняя база.", "Другая база данных")
            return
        self.db = target
        self.window.detach()
        self.start()

    def _claim(self, db: str | None) -> bool:
        """One program per database also after a switch: False when another program has ``db`` open."""
        return self.instance is None or self.instance.move_to(db)

    def _open_other(self, db: str | None) -> None:
        """The problem dialog chose another database; if another program has it, that one shows it."""
        if not self._claim(db):
            self.window.quit_without_database()
            return
        self.db = db
        self.start()

    def _failed(self, exc: Exception) -> None:
        from .dialogs.db_problem import DbProblemDialog

        if self.dialog is not None:
            return
        desk = self.window.desk
        path = str(desk.database_path) if desk is not None and desk.database_path else self.db
        self.window.detach()
        self.dialog = DbProblemDialog(exc, self.window, path)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, _code: int) -> None:
        from . import prefs
        from .dialogs.db_problem import Choice

        dlg, self.dialog = self.dialog, None
        choice = dlg.choice if dlg is not None else Choice.QUIT
        if choice == Choice.RETRY:
            self.start()
        elif choice == Choice.RESTORE and dlg is not None:
            self._restore(dlg.path)
        elif choice == Choice.OTHER_FILE and dlg is not None and dlg.chosen_path:
            prefs.put("database", dlg.chosen_path)
            from appealdesk.services import connection

            connection.save(None)  # a file chosen: this workstation works with it, not with a server
            self._open_other(dlg.chosen_path)
        elif choice == Choice.SERVER and dlg is not None and dlg.server_url is not None:
            self._open_other(dlg.server_url or prefs.get("database") or None)
        else:
            self.window.quit_without_database()

    def _restore(self, path: str | None) -> None:
        """Restore the damaged file from a backup, then open it; cancelled, the problem is shown again."""
        from pathlib import Path

        from appealdesk.services.backups import database_file

        from .safety.restore_dialog import RestoreDialog

        target = Path(path) if path else database_file(self.db)
        if target is None:
            self.start()
            return
        self.restore_dialog = RestoreDialog(self.window, db_path=target)
        self.restore_dialog.finished.connect(lambda _code: self.start())
        self.restore_dialog.open()


NO_DISPLAY = ("AppealDesk — программа с окнами: ей нужен графический экран, а его нет (переменные DISPLAY и "
              "WAYLAND_DISPLAY не заданы). Запустите её в графическом сеансе рабочего стола; для проверки без "
              "экрана есть «appealdesk --self-test», для работы с базой из терминала — «appealdesk-cli».")
NO_XCB_CURSOR = ("AppealDesk не может открыть окно: в системе нет библиотеки libxcb-cursor, без которой Qt не "
                 "работает в X11. Установите её: sudo apt-get install libxcb-cursor0")


def display_problem(env=None, platform: str | None = None, find_library=None) -> str | None:
    """A Russian sentence when the desktop cannot open a window here (Linux without a display, or without
    the library Qt's X11 plugin needs), instead of Qt's English abort; None when it can."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return NO_DISPLAY
    if env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        found = (find_library or _has_xcb_cursor)("xcb-cursor")
        if found is False or (found is None and find_library is not None):
            return NO_XCB_CURSOR
    return None


LIB_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64", "/lib")


def _has_xcb_cursor(_name: str) -> bool | None:
    """Whether libxcb-cursor.so.0 is in the usual library folders (``ctypes.util.find_library`` runs
    ldconfig: too slow for the start); None when none of those folders is there (then Qt decides)."""
    dirs = [d for d in LIB_DIRS if os.path.isdir(d)]
    if not dirs:
        return None
    return any(os.path.exists(os.path.join(d, "libxcb-cursor.so.0")) for d in dirs)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if "--self-test" in argv[1:]:  # the installed or bundled program checks itself (ui.selftest)
        from .selftest import main as self_test

        return self_test(argv)
    problem = display_problem()
    if problem is not None:
        sys.stderr.write(problem + "\n")
        return 1
    db = _parse(argv[1:])
    ask_server_password = False
    if db is None:
        from appealdesk.services import connection

        from . import prefs

        server = connection.load()  # this workstation works with the office's server
        if server is not None:
            db, ask_server_password = server.url(), not server.password
        else:
            db = prefs.get("database") or None
    import threading

    from .startup import Opening

    painted = threading.Event()  # the window is up with the journal's first screen
    # the journal's first screen is read while Qt starts (a local file only); the core after
    opening = None if ask_server_password else Opening(db, painted)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication(argv)
    from . import gc_policy

    gc_policy.install()  # cycles are collected on this thread only: never a Qt object freed in a worker
    app.setApplicationName("AppealDesk")
    app.setOrganizationName("AppealDesk")
    from .i18n import install_russian

    translators = install_russian(app)  # noqa: F841 (kept alive)
    from . import screen_fit

    screen_fit.install(app)  # every window and dialog fits the screen it opens on
    if ask_server_password:
        from .server_dialog import server_url_at_start

        db = server_url_at_start()
        if db is None:
            return 0
    from . import safety

    instance = safety.claim_database(db)  # one program per database: a second start raises the first
    if instance is None:
        return 0
    from .errors import install_excepthook
    from .main_window import MainWindow

    window = MainWindow()
    window.journal_filled.connect(painted.set)  # then the core loads without slowing the first paint
    window.gave_up.connect(lambda: app.exit(1))
    install_excepthook(window)
    from .safety.icon import app_icon

    icon = app_icon()  # on the window from its first frame (the taskbar shows it)
    if not icon.isNull():
        app.setWindowIcon(icon)
        window.setWindowIcon(icon)
    # the log file, the crash dialog and the automatic backups once the window is up (meanwhile an error
    # goes through install_excepthook above, to the same log file)
    window.first_painted.connect(lambda: safety.install(app, window, instance),
                                 Qt.ConnectionType.SingleShotConnection)
    from . import first_run

    first_run.install(window)  # the wizard when the database has no organisation yet
    launcher = Launcher(window, db, opening, instance)
    if os.environ.get("APPEALDESK_BENCH"):
        from .bench_hooks import install

        install(window, _T0, launcher)
    if opening is not None:  # the first screen is read by now as a rule: the first paint shows the rows
        from concurrent.futures import TimeoutError as Pending

        try:
            screen = opening.first_screen.result(timeout=FIRST_SCREEN_WAIT_S)
        except Pending:
            screen = None
        if screen is not None:
            window.show_first_screen(screen)
    window.show()
    launcher.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
