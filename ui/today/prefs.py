"""The today panel's preference (shown at start or not), kept in QSettings in the user's data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "today/show_at_start"


def _settings() -> QSettings:
    from appealdesk.paths import user_data_dir

    return QSettings(str(user_data_dir() / "desktop.ini"), QSettings.Format.IniFormat)


def show_at_start() -> bool:
    return str(_settings().value(KEY, "true")).lower() in ("true", "1")


def set_show_at_start(on: bool) -> None:
    s = _settings()
    s.setValue(KEY, "true" if on else "false")
    s.sync()
