"""F1 help: the user guide (``resources/help/guide.md``, HTML in the bundle) opened at the section of the
screen one is on, from any window or dialog; «О программе» with the version and the folders.

``install(app)`` catches F1 in every window (an application event filter: a modal dialog included). The
section comes from the window: its ``help_section()`` method or ``help_section`` property, else its class
(``SECTIONS``), else the guide's start.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

SECTIONS = {
    "MainWindow": "journal",
    "AppealCardWindow": "register",
    "ClassifierPicker": "register",
    "ExtensionDialog": "deadlines",
    "ForwardingDialog": "deadlines",
    "NoticeDialog": "deadlines",
    "ReceptionCardDialog": "reception",
    "BookingDialog": "reception",
    "MoveBookingDialog": "reception",
    "ScheduleEditor": "reception",
    "ReportWizard": "reports",
    "SettingsDialog": "settings",
    "PasswordDialog": "settings",
    "RestoreDialog": "backups",
    "ServerDialog": "server",
    "ItemsDialog": "today",
    "DisciplineDialog": "today",
    "RemindersDialog": "today",
    "PromiseDialog": "today",
    "ConfirmPromiseDialog": "today",
    "FirstRunWizard": "start",
    "SignInDialog": "start",
    "DbProblemDialog": "backups",
    "LetterDialog": "letters",
    "PrintPreview": "letters",
    "InterimAnswerDialog": "deadlines",
    "DocumentRequestDialog": "deadlines",
    "DocumentAnswerDialog": "deadlines",
    "DeadlineShiftDialog": "settings",
    "SchedulePrintDialog": "reception",
    "SstuDialog": "sstu",
    "RollupDialog": "rollup",
}


def section_for(widget: QWidget | None) -> str:
    if widget is None:
        return "top"
    window = widget.window()
    method = getattr(window, "help_section", None)
    if callable(method):
        return method() or "top"
    prop = window.property("help_section")
    if prop:
        return str(prop)
    for cls in type(window).__mro__:
        if cls.__name__ in SECTIONS:
            return SECTIONS[cls.__name__]
    return "top"


_window = None


def show_help(section: str = "top", parent: QWidget | None = None):
    """Open the guide at ``section`` (an anchor of ``guide.md``); returns the help window."""
    global _window
    from .window import HelpWindow

    modal = QApplication.activeModalWidget()
    owner = modal if modal is not None and not isinstance(modal, HelpWindow) else None
    import shiboken6

    if _window is None or not shiboken6.isValid(_window) or _window.parentWidget() is not owner:
        # beside a modal dialog the guide must be its child, or the dialog would block it
        _window = HelpWindow(owner)
    _window.open_at(section)
    return _window


class _F1(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_F1 and isinstance(obj, QWidget) \
                and not event.modifiers():
            from .window import HelpWindow

            if isinstance(obj.window(), HelpWindow):
                return False
            show_help(section_for(obj))
            return True
        return False


_filter: _F1 | None = None


def install(app: QApplication) -> None:
    global _filter
    if _filter is None:
        _filter = _F1()
        app.installEventFilter(_filter)
