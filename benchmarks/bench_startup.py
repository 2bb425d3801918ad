"""Start-up benchmark: a bare PySide6 window vs AppealDesk on a given database, side by side.

    python benchmarks/bench_startup.py DB_PATH [--runs 5] [--json out.json]

Each run starts (a) a bare PySide6 main window and (b) AppealDesk on ``DB_PATH`` as fresh processes and
measures the time from process start (just before ``Popen``) to the first painted window. AppealDesk also
reports when its journal was filled (first rows painted) and, for search keystrokes typed into the journal's
search box, the time to the updated table. Prints a summary and JSON with every run and the medians.
Make the database with ``appealdesk-cli --db DB_PATH demo --appeals 100000``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("Hello"))
w.resize(1280, 780)
class Spy(QObject):
    seen = False
    def eventFilter(self, obj, ev):
        if not self.seen and ev.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, done)
        return False
def done():
    print(json.dumps({"painted": time.time()}), flush=True)
    app.exit(0)
spy = Spy()
app.installEventFilter(spy)
w.show()
sys.exit(app.exec())
"""


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, dict]:
    started = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("{")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}")
    return started, json.loads(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path, help="the database to open (e.g. a 100 000-appeal demo)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, help="write the results there as well")
    args = ap.parse_args(argv)
    if not args.db.is_file():
        ap.error(f"no database at {args.db}")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else env.get("QT_QPA_PLATFORM", "xcb"))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    home = tempfile.mkdtemp(prefix="appealdesk-bench-")
    runs = []
    for n in range(args.runs):
        t, bare = _run([sys.executable, "-c", BARE], env)
        bare_ms = (bare["painted"] - t) * 1000
        app_env = dict(env, APPEALDESK_BENCH="1", APPEALDESK_HOME=home)
        t, app = _run([sys.executable, "-m", "ui.app", "--db", str(args.db)], app_env)
        run = {
            "bare_window_ms": round(bare_ms, 1),
            "appealdesk_window_ms": round((app["painted"] - t) * 1000, 1),
            "journal_filled_after_window_ms": round((app["journal_filled"] - app["painted"]) * 1000, 1),
            "journal_ready_after_window_ms": round((app["journal_ready"] - app["painted"]) * 1000, 1),
            "rows": app["rows"],
            "search_keystroke_median_ms": app["search_keystroke_median_ms"],
            "search_work_median_ms": app["search_work_median_ms"],
            "search_keystroke_ms": app["search_keystroke_ms"],
            "debounce_ms": app["debounce_ms"],
            "sort_click_median_ms": app["sort_click_median_ms"],
            "sort_reordered_median_ms": app["sort_reordered_median_ms"],
            "sort_reordered_ms": app["sort_reordered_ms"],
        }
        runs.append(run)
        print(f"run {n + 1}: bare {run['bare_window_ms']:.0f} ms, AppealDesk {run['appealdesk_window_ms']:.0f} ms, "
              f"journal filled +{run['journal_filled_after_window_ms']:.0f} ms, ready "
              f"+{run['journal_ready_after_window_ms']:.0f} ms, search keystroke "
              f"{run['search_keystroke_median_ms']:.0f} ms (work {run['search_work_median_ms']:.0f} ms), sort click "
              f"{run['sort_click_median_ms']:.0f} ms, new order {run['sort_reordered_median_ms']:.0f} ms", flush=True)

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 1)

    summary = {
        "db": str(args.db),
        "rows": runs[0]["rows"],
        "runs": args.runs,
        "platform": env["QT_QPA_PLATFORM"],
        "median_bare_window_ms": med("bare_window_ms"),
        "median_appealdesk_window_ms": med("appealdesk_window_ms"),
        "ratio": round(med("appealdesk_window_ms") / med("bare_window_ms"), 2),
        "median_journal_filled_after_window_ms": med("journal_filled_after_window_ms"),
        "median_journal_ready_after_window_ms": med("journal_ready_after_window_ms"),
        "median_search_keystroke_ms": med("search_keystroke_median_ms"),
        "median_search_work_ms": med("search_work_median_ms"),
        "median_sort_click_ms": med("sort_click_median_ms"),
        "median_sort_reordered_ms": med("sort_reordered_median_ms"),
        "debounce_ms": runs[0]["debounce_ms"],
        "targets": {"ratio": "<= 2", "journal_filled_after_window_ms": "<= 300", "search_keystroke_ms": "<= 100"},
        "all_runs": runs,
    }
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
