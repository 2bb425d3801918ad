"""Screenshots of the main screens, to look at them as a clerk would (run under Xvfb at the office's size):

    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py --db demo.sqlite3 --out shots/

Writes one PNG per screen (the whole screen, so that whatever a window pushes off its edge shows as
missing): the journal with the «Сегодня» panel, an appeal card, a new appeal card, the reception section
and a reception card, the deadline calendar, the report wizard, the settings. ``--font "Liberation Sans"``
measures with Windows-like metrics (Arial's).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default="shots")
    ap.add_argument("--font", default=None, help="the application font (e.g. 'Liberation Sans')")
    ap.add_argument("--only", default=None, help="comma-separated screen names")
    args = ap.parse_args(argv)
    os.environ.setdefault("APPEALDESK_HOME", str(Path(args.out).resolve() / "home"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    if args.font:
        font = QFont(args.font, 9)
        app.setFont(font)
    from ui.i18n import install_russian

    keep = install_russian(app)  # noqa: F841
    from ui import screen_fit

    screen_fit.install(app)

    from appealdesk.services import AppealDesk
    from ui.main_window import MainWindow

    desk = AppealDesk.open(args.db)
    win = MainWindow()
    win.show()  # ui.screen_fit makes it as big as the screen allows (Xvfb has no window manager to maximise)
    area = app.primaryScreen().availableGeometry()
    win.setGeometry(area.adjusted(8, 31, -8, -48))  # a Windows frame, and a 40-px taskbar below
    win.attach(desk)
    only = set(args.only.split(",")) if args.only else None
    steps: list = []

    def shot(name: str) -> None:
        app.processEvents()
        app.primaryScreen().grabWindow(0).save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    def step(name: str):
        def deco(fn):
            if only is None or name in only:
                steps.append((name, fn))
            return fn
        return deco

    @step("journal")
    def journal():
        win.sections.setCurrentWidget(win.journal)
        win.control_ui.show_today()

    @step("card")
    def card():
        aid = win.journal.model.id_at(0)
        win.open_card(aid)
        return lambda: win.cards[aid].close()

    @step("card-new")
    def card_new():
        win.open_card(None)
        c = win._new_cards[-1]
        return lambda: (setattr(c, "dirty_reg", False), c.close())

    @step("reception")
    def reception():
        win.sections.setCurrentWidget(win.reception)

    @step("reception-card")
    def reception_card():
        win.sections.setCurrentWidget(win.reception)
        win.reception.walk_in()
        dlg = win.reception.dialog
        return lambda: dlg.reject() if dlg is not None else None

    @step("help")
    def help_window():
        win.sections.setCurrentWidget(win.journal)
        w = win.show_help()
        return w.close

    @step("schedule-print")
    def schedule_print():
        win.act_reception_print.trigger()
        dlg = win.reception.dialog
        return dlg.reject

    @step("calendar")
    def calendar():
        win.control_ui.show_calendar()

    @step("reports")
    def reports():
        win.open_reports()
        return lambda: win._report_wizard.reject()

    @step("settings")
    def settings():
        win.open_settings()
        return lambda: win._settings_dialog.reject()

    def run(n: int = 0) -> None:
        if n >= len(steps):
            app.quit()
            return
        name, fn = steps[n]
        undo = fn()

        def take() -> None:
            shot(name)
            if callable(undo):
                undo()
            QTimer.singleShot(150, lambda: run(n + 1))

        QTimer.singleShot(600, take)

    def ready() -> None:
        if win.control_ui is None or win.control_ui.today.summary is None:
            QTimer.singleShot(100, ready)
            return
        QTimer.singleShot(300, run)

    QTimer.singleShot(200, ready)
    app.exec()
    for c in win.open_cards():
        c.dirty_reg = c.dirty_answer = False
        c.close()
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
