"""Deadline control at scale: the counts of one month, the today panel's queries, switching months in the
calendar from click to painted. Prints JSON; not a pass/fail test.

    python benchmarks/bench_control.py --db /tmp/bench_control.sqlite3 [--today 2026-11-20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _ms(samples: list[float]) -> dict:
    return {"median_ms": round(statistics.median(samples) * 1000, 2), "max_ms": round(max(samples) * 1000, 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--today", default=None, help="ГГГГ-ММ-ДД; by default the latest registration date")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqlalchemy import func, select

    from appealdesk.services import AppealDesk
    from appealdesk.storage.models import Appeal

    probe = AppealDesk.open(args.db, deep_check=False)
    with probe._ctx.read() as s:
        appeals = s.scalar(select(func.count()).select_from(Appeal))
        last = s.scalar(select(func.max(Appeal.registered_on)))
    probe.close()
    today = date.fromisoformat(args.today) if args.today else last
    desk = AppealDesk.open(args.db, today=lambda: today, deep_check=False)
    desk.control.month(today.year, today.month)  # warm the calendar cache
    month = []
    for i in range(args.repeat):
        y, m = divmod(today.year * 12 + today.month - 1 - i % 12, 12)
        t = time.perf_counter()
        desk.control.month(y, m + 1)
        month.append(time.perf_counter() - t)
    today_q = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        desk.control.today()
        today_q.append(time.perf_counter() - t)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.calendar.panel import CalendarPanel

    app = QApplication.instance() or QApplication([])
    panel = CalendarPanel()
    panel.resize(1280, 800)
    panel.show()
    panel.set_desk(desk)
    app.processEvents()
    switch = []
    for i in range(args.repeat):
        before = panel.grid.paints
        button = panel.next_button if i % 2 == 0 else panel.prev_button
        t = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        while panel.grid.paints == before:
            app.processEvents()
        switch.append(panel.grid.painted_at - t)
    print(json.dumps({
        "appeals": appeals, "today": today.isoformat(),
        "month_counts": {**_ms(month), "limit_ms": 20},
        "today_panel_queries": {**_ms(today_q), "limit_ms": 50},
        "switch_month_click_to_painted": {**_ms(switch), "limit_ms": 100},
    }, ensure_ascii=False, indent=1))
    panel.close()
    desk.close()


if __name__ == "__main__":
    main()
