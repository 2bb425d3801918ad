"""The application icon (``resources/icons/appealdesk.png``, drawn by ``scripts/make_icon.py``)."""

from __future__ import annotations

from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    from appealdesk.paths import resources_dir

    folder = resources_dir() / "icons"
    icon = QIcon()
    for name in ("appealdesk.png", "appealdesk.ico"):
        path = folder / name
        if path.is_file():
            icon.addFile(str(path))
    return icon
