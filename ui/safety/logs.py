"""The log file and the last line of defence: an unexpected error shows a Russian dialog and is written to
``<data folder>/logs/appealdesk.log`` (rotating) instead of the program vanishing.

``install_crash_handlers`` sets ``sys.excepthook`` (errors in slots and in the GUI thread),
``threading.excepthook`` (errors in worker threads: the dialog is shown on the GUI thread) and a Qt message
handler (Qt's warnings go to the log too).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QtMsgType, Signal, qInstallMessageHandler

log = logging.getLogger("appealdesk.crash")

LOG_NAME = "appealdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5

INTERNAL_ERROR = (
    "Произошла непредвиденная ошибка программы. Данные, уже сохранённые в базе, не пострадали; "
    "несохранённые изменения карточки остались на экране. Попробуйте повторить действие."
)


def log_dir() -> Path:
    from appealdesk.paths import user_data_dir

    return user_data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """A rotating log file in the data folder (5 × 1 MB); returns its path, None if it cannot be written."""
    path = log_file()
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, logging.handlers.RotatingFileHandler) and Path(h.baseFilename) == path:
            return path
    from appealdesk.private_files import private_folder

    try:
        private_folder(path.parent)
        handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    from appealdesk.log_privacy import PrivateFormatter

    # a database error is logged with its statement's kind, never the values (names, addresses)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """The log holds names and addresses now and then: every file of it is owner-only (0600 on POSIX)."""

    def _open(self):
        from appealdesk.private_files import open_private_text

        return open_private_text(self.baseFilename, self.mode, encoding=self.encoding or "utf-8")


class _Relay(QObject):
    """Carries an error from any thread to the GUI thread (queued signal)."""

    error = Signal(str, str)  # message for the user, title


class CrashHandler:
    def __init__(self, parent_getter):
        self._parent = parent_getter
        self.relay = _Relay()
        from PySide6.QtCore import Qt

        self.relay.error.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.showing = False
        self.shown: list[str] = []  # messages shown (the tests read it)

    # -- hooks -----------------------------------------------------------------------------------
    def excepthook(self, exc_type, exc, tb) -> None:
        self.handle(exc_type, exc, tb, "GUI")

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def handle(self, exc_type, exc, tb, where: str) -> None:
        from appealdesk.errors import AppealDeskError

        if exc is not None and isinstance(exc, AppealDeskError):
            log.warning("domain error not caught by a screen (%s): %s", where, exc)
            self.relay.error.emit(str(exc), "AppealDesk")
            return
        from appealdesk.log_privacy import format_exception_safely

        text = format_exception_safely(exc_type, exc, tb)
        log.error("unexpected error in %s:\n%s", where, text)
        path = log_file()
        where_text = f"\n\nПодробности записаны в файл:\n{path}" if path.exists() else ""
        self.relay.error.emit(INTERNAL_ERROR + where_text, "Ошибка программы")

    def _show(self, message: str, title: str) -> None:
        self.shown.append(message)
        if self.showing:  # one dialog at a time; the rest is in the log
            return
        self.showing = True
        try:
            from ..errors import show_error

            show_error(self._parent(), message, title)
        finally:
            self.showing = False

    # -- Qt's own messages -----------------------------------------------------------------------
    @staticmethod
    def qt_message(mode, context, message: str) -> None:
        level = {
            QtMsgType.QtDebugMsg: logging.DEBUG,
            QtMsgType.QtInfoMsg: logging.INFO,
            QtMsgType.QtWarningMsg: logging.WARNING,
            QtMsgType.QtCriticalMsg: logging.ERROR,
            QtMsgType.QtFatalMsg: logging.CRITICAL,
        }.get(mode, logging.WARNING)
        where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
        logging.getLogger("qt").log(level, "%s%s", message, where)


def install_crash_handlers(parent_getter) -> CrashHandler:
    """Install the hooks; ``parent_getter()`` gives the window the dialog belongs to (or None)."""
    handler = CrashHandler(parent_getter)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_excepthook
    qInstallMessageHandler(handler.qt_message)
    return handler
