"""``appealdesk --self-test``: the core checks (``appealdesk.selftest``) and then the main window, shown
offscreen on the self-test's database, with Qt's Russian translation loaded. Exit code 0 when all passed.

    appealdesk --self-test [--report FILE]

``--report`` also writes the lines to a file: a windowed Windows executable has no console to print to.
"""

from __future__ import annotations

import contextlib
import os
import sys


def _parse_report(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--report" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--report="):
            return arg.split("=", 1)[1]
    return None


def _desktop(state: dict, say) -> None:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    from appealdesk.selftest import SelfTestFailed

    app = QApplication.instance() or QApplication(["appealdesk", "-platform", "offscreen"])
    from .i18n import install_russian

    translators = install_russian(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translators:
        raise SelfTestFailed(f"qtbase_ru.qm not loaded from {folder}")
    yes = app.translate("QPlatformTheme", "&Yes")
    say(f"ok  Qt {QLibraryInfo.version().toString()}, platform {app.platformName()}, "
        f"Russian translation loaded (&Yes → {yes})")
    from .main_window import MainWindow
    from .safety.icon import app_icon

    icon = app_icon()
    if icon.isNull():
        raise SelfTestFailed("application icon not found")
    window = MainWindow()
    window.setWindowIcon(icon)
    window.resize(1100, 700)
    window.show()
    window.attach(state["desk"])
    for _ in range(20):
        app.processEvents()
    rows = window.journal.model.rowCount() if window.journal.model is not None else 0
    if rows != 1:
        raise SelfTestFailed(f"the journal shows {rows} rows instead of 1")
    image = window.grab().toImage()
    if image.isNull() or image.width() < 600:
        raise SelfTestFailed("the main window did not paint")
    say(f"ok  main window shown offscreen ({image.width()}×{image.height()}), journal rows: {rows}, "
        f"menu: {', '.join(a.text().replace('&', '') for a in window.menuBar().actions())}")
    window.detach = lambda: None  # the desk is closed by the core part
    window.close()
    window.deleteLater()
    app.processEvents()
    del translators


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    report = _parse_report(argv)
    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)
        if sys.stdout is not None:
            with contextlib.suppress(OSError, UnicodeEncodeError):
                print(line, flush=True)

    from appealdesk.selftest import run

    code = run(say, _desktop)
    if report:
        with open(report, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    return code
