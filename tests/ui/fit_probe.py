"""Opens every top-level window and dialog of the desktop on two screens, 1366×728 (1366×768 less a Windows
taskbar) and 1280×720, and reports what does not fit. Run by ``tests/ui/test_screen_fit.py`` in a process
of its own (its own screens and application font):

    QT_QPA_PLATFORM="offscreen:configfile=screens.json" python tests/ui/fit_probe.py --db demo.sqlite3 \
        --font "Liberation Sans" --json report.json

The dialogs are found, not listed: every ``QDialog`` subclass defined in a module under ``ui/`` is built
with arguments chosen by their parameter names (``ARGUMENTS``; a class that needs more gets an entry in
``SPECIAL``), so a dialog someone adds is measured too; one that cannot be built is reported as such.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import pkgutil
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# Qt's own dialogs and bases that are never shown by themselves
SKIP = {"ServiceDialog"}


def discover_dialogs() -> list[type]:
    from PySide6.QtWidgets import QDialog

    import ui

    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        if info.name in ("ui.app", "ui.selftest", "ui.bench_hooks") or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    found: dict[str, type] = {}

    def walk(cls: type) -> None:
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("ui.") and sub.__name__ not in SKIP:
                found[f"{sub.__module__}.{sub.__qualname__}"] = sub
            walk(sub)

    walk(QDialog)
    return [found[k] for k in sorted(found)]


class Context:
    """What the dialogs are built with: the office's database and a main window on the screen."""

    def __init__(self, desk, window):
        from datetime import timedelta

        from appealdesk.services.journal_values import JournalQuery

        self.desk, self.window = desk, window
        rows = desk.journal.page(JournalQuery(), 0, 200).rows
        self.appeal_id = rows[0].id
        self.card = desk.appeals.get(self.appeal_id)
        today = desk.today()
        entries = desk.reception.schedule(today - timedelta(days=60), today + timedelta(days=60)).entries
        entry = next(e for e in entries if e.status != "cancelled")
        self.day = desk.reception.day(entry.key)
        booked = [b for e in entries for b in desk.reception.day(e.key).bookings if b.status == "booked"][:1]
        self.booking = booked[0] if booked else None
        self.booking_day = (desk.reception.day(next(e.key for e in entries
                                                    if any(b.id == self.booking.id for b in
                                                           desk.reception.day(e.key).bookings)))
                            if self.booking else self.day)
        promises = desk.control.promises() if hasattr(desk.control, "promises") else ()
        self.promise = promises[0] if promises else None

    def shift(self):
        """What making a working day a day off would move (the recompute confirmation's content)."""
        from datetime import timedelta

        day = self.desk.today() + timedelta(days=7)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return self.desk.calendar.preview_override(day, False, "Перенос выходного дня")

    def value(self, cls: type, name: str):
        from appealdesk.errors import DomainError

        values = {
            "desk": self.desk, "parent": self.window, "window": self.window, "card": self.card,
            "appeal_id": self.appeal_id, "reg_number": self.card.reg_number, "what": "extension",
            "forwardings": None, "day": self.day, "entry": self.day.entry, "booking": None, "slot_from": None,
            "promise": self.promise, "key": "overdue", "title": "Заголовок окна", "text": "дорога",
            "exc": DomainError("Файл базы данных повреждён"), "path": str(self.desk.database_path or ""),
            "db_path": self.desk.database_path, "login": None, "ask_old": True,
            "request_id": 1, "shift": self.shift(),
        }
        if name not in values:
            raise LookupError(f"no value for the parameter «{name}» of {cls.__name__}: add it to "
                              "tests/ui/fit_probe.py (Context.value or SPECIAL)")
        return values[name]


def special(ctx: Context) -> dict:
    """Dialogs whose arguments depend on each other."""
    return {
        "MoveBookingDialog": (lambda cls: cls(ctx.desk, ctx.booking, ctx.booking_day.entry, ctx.window))
        if ctx.booking else None,
        "ConfirmPromiseDialog": (lambda cls: cls(ctx.desk, ctx.promise, ctx.window)) if ctx.promise else None,
        "ReceptionCardDialog": lambda cls: cls(ctx.desk, ctx.day, None, None, ctx.window),
        "PrintPreview": lambda cls: cls("карточка обращения", ctx.desk.papers.pdf(ctx.desk.papers.card(ctx.appeal_id)),
                                        "Карточка.pdf", ctx.window),
    }


def build(cls: type, ctx: Context):
    maker = special(ctx).get(cls.__name__, False)
    if maker is None:
        raise LookupError(f"the office has no data to open {cls.__name__} with")
    if maker:
        return maker(cls)
    kwargs = {}
    for p in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD, p.POSITIONAL_ONLY):
            continue
        if p.default is not p.empty and p.name not in ("parent", "window"):
            continue
        kwargs[p.name] = ctx.value(cls, p.name)
    return cls(**kwargs)


def measure(window, area) -> list[str]:
    """What does not fit: the window (with a Windows frame) beyond the screen, a button outside it."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication

    from ui.screen_fit import FRAME, outer

    QApplication.processEvents()
    problems = []
    box = outer(window)
    if not area.contains(box):
        problems.append(f"window {box.width()}×{box.height()} at ({box.x()},{box.y()}) with its frame "
                        f"is beyond the screen {area.width()}×{area.height()} at ({area.x()},{area.y()})")
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() + FRAME.left() + FRAME.right() > area.width() or \
            hint.height() + FRAME.top() + FRAME.bottom() > area.height():
        problems.append(f"its smallest size {hint.width()}×{hint.height()} does not fit the screen")
    from PySide6.QtWidgets import QAbstractItemView

    for view in window.findChildren(QAbstractItemView):
        if view.tabKeyNavigation() and view.window() is window and view.isVisibleTo(window):
            problems.append(f"{type(view).__name__} «{view.objectName()}» keeps Tab inside (setTabKeyNavigation(False))")
    inside = window.geometry()
    for b in window.findChildren(QAbstractButton):
        if not b.isVisibleTo(window) or b.window() is not window:
            continue
        p = b.parentWidget()
        scrolled = False
        while p is not None and p is not window:
            if isinstance(p.parentWidget(), QAbstractScrollArea) and p is p.parentWidget().viewport():
                scrolled = True  # reachable by scrolling
                break
            p = p.parentWidget()
        if scrolled:
            continue
        top_left = b.mapTo(window, QPoint(0, 0)) + inside.topLeft()
        rect = QRect(top_left, b.size())
        if not inside.contains(rect) or not area.contains(rect):
            label = b.text() or b.toolTip() or b.objectName() or type(b).__name__
            problems.append(f"button «{label}» at ({rect.x()},{rect.y()}) is outside the window or the screen")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--font", default=None)
    args = ap.parse_args(argv)
    os.environ.setdefault("APPEALDESK_HOME", str(Path(args.json).parent / "home"))

    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFont, QFontInfo
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    if args.font:
        app.setFont(QFont(args.font, 9))
    from ui import ops, screen_fit
    from ui.i18n import install_russian

    keep = install_russian(app)  # noqa: F841
    screen_fit.install(app)
    from appealdesk.services import AppealDesk
    from ui.card.window import AppealCardWindow
    from ui.main_window import MainWindow

    report: dict = {"font": QFontInfo(app.font()).family(), "screens": {}, "unbuilt": {}}
    desk = AppealDesk.open(args.db)
    dialogs = discover_dialogs()
    report["dialogs"] = [f"{c.__module__}.{c.__qualname__}" for c in dialogs]
    for n in range(len(app.screens())):
        screen = app.screens()[n]
        area = QRect(screen.availableGeometry())
        size = f"{area.width()}×{area.height()}"
        found: dict[str, list[str]] = {}
        win = MainWindow()
        win.setScreen(screen)
        win.move(area.topLeft())
        win.show()
        win.attach(desk)
        while win.control_ui is None or win.control_ui.today.summary is None:
            app.processEvents()
        ops.wait_idle()
        win.control_ui.show_today()  # the today panel beside the journal, as it is by default
        for section in range(win.sections.count()):
            win.sections.setCurrentIndex(section)
            found[f"MainWindow: {win.sections.tabText(section)}"] = measure(win, area)
        ctx = Context(desk, win)
        for appeal_id, name in ((None, "AppealCardWindow (new)"), (ctx.appeal_id, "AppealCardWindow")):
            card = AppealCardWindow(desk, appeal_id, win)
            card.show()
            problems = []
            for t in range(card.tabs.count()):
                card.tabs.setCurrentIndex(t)
                problems += [f"tab «{card.tabs.tabText(t)}»: {p}" for p in measure(card, area)]
            found[name] = problems
            card.dirty_reg = card.dirty_answer = False
            card.close()
        for cls in dialogs:
            name = f"{cls.__module__}.{cls.__qualname__}"
            try:
                dlg = build(cls, ctx)
            except Exception as exc:
                report["unbuilt"][name] = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
                continue
            dlg.show()
            problems = measure(dlg, area)
            tabs = getattr(dlg, "tabs", None)
            from PySide6.QtWidgets import QTabWidget

            if isinstance(tabs, QTabWidget):
                for t in range(tabs.count()):
                    tabs.setCurrentIndex(t)
                    problems += [f"tab «{tabs.tabText(t)}»: {p}" for p in measure(dlg, area)]
            found[name] = problems
            dlg.hide()
            dlg.deleteLater()
            ops.wait_idle()
        report["screens"][size] = found
        win.control_ui.dock.hide()
        for c in win.open_cards():
            c.dirty_reg = c.dirty_answer = False
            c.close()
        win.detach()
        win.close()
        win.deleteLater()
        desk = AppealDesk.open(args.db)
        app.processEvents()
    desk.close()
    Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
