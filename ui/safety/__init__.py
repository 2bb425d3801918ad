"""The safety net of a single office PC: the log file and the Russian dialog for unexpected errors,
automatic verified backups, the restore from a backup, one running program per database.

``ui.app.main`` calls ``claim_database`` (a second start for the same database brings the first window
forward and ends) and ``install`` (the rest) once the main window exists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Safety:
    crash: object  # logs.CrashHandler
    backups: object  # backups.AutoBackup
    instance: object | None  # single.SingleInstance
    log_path: object


SERVE_AFTER_MS = 300  # the first program serves its socket once its window is up


def claim_database(db):
    """``SingleInstance`` when this program is the first one for ``db``; None when another program has it
    open (that program was asked to bring its window forward)."""
    from .single import SingleInstance

    guard = SingleInstance(db)
    return guard if guard.claim(serve_after_ms=SERVE_AFTER_MS) else None


def install(app, window, instance=None) -> Safety:
    from .backups import AutoBackup
    from .icon import app_icon
    from .logs import install_crash_handlers, setup_logging

    log_path = setup_logging()
    crash = install_crash_handlers(lambda: window)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
        window.setWindowIcon(icon)
    backups = AutoBackup(window)
    if hasattr(window, "closing"):
        window.closing.connect(backups.on_exit)
    if instance is not None:
        from .single import bring_forward

        instance.activate_requested.connect(lambda: bring_forward(window))
    safety = Safety(crash, backups, instance, log_path)
    window.safety = safety
    return safety


def backup_now(window):
    from .backups import backup_now as run

    return run(window)


def open_restore(window):
    from .restore_dialog import open_restore as run

    return run(window)
