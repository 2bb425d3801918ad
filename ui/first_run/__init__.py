"""The first start: a short wizard when the open database has no organisation set up yet."""

from __future__ import annotations


def install(window) -> None:
    """Offer the wizard each time a database nobody set up is attached to the window."""
    window.desk_attached.connect(lambda desk: maybe_start(window, desk))


def maybe_start(window, desk):
    from PySide6.QtCore import QTimer

    try:
        if not desk.setup.needed():
            return None
    except Exception:  # the problem dialog of the start-up deals with an unreadable database
        return None
    from .wizard import FirstRunWizard

    wizard = FirstRunWizard(desk, window)
    window._first_run = wizard
    QTimer.singleShot(0, wizard.open)
    return wizard
