"""An external probe of the start: AppealDesk beside a bare PySide6 window showing a 64-row table, each
timed from process start (just before ``Popen``) to its first painted table rows, by the same clock of the
probe (each child prints a marker line the moment its rows are painted; the probe timestamps the line as it
arrives). Runs alternate, so both see the same machine.

    python benchmarks/probe_start.py DB_PATH [--runs 5] [--json out.json]

Also read from AppealDesk's run (``ui/bench_hooks.py``): when the journal became interactive (the service
attached: search, sorting, cards) after the window, and a search keystroke to the updated table.
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

# the bare program: a main window with a 64-row, 12-column table (what the journal's first screen is)
BARE_TABLE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv)
w = QMainWindow()
t = QTableWidget(64, 12)
for r in range(64):
    for c in range(12):
        t.setItem(r, c, QTableWidgetItem(f"Строка {r + 1}, столбец {c + 1}"))
w.setCentralWidget(t)
w.resize(1280, 700)
class Spy(QObject):
    seen = False
    def eventFilter(self, obj, ev):
        if not self.seen and obj is t.viewport() and ev.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, done)
        return False
def done():
    sys.stdout.write("@rows-painted\n")
    sys.stdout.flush()
    app.exit(0)
spy = Spy()
app.installEventFilter(spy)
w.show()
sys.exit(app.exec())
"""


def probe(cmd: list[str], env: dict[str, str], timeout: float = 180) -> tuple[dict[str, float], dict]:
    """Start ``cmd``; the seconds from the start to each ``@marker`` line, and its last JSON line."""
    marks: dict[str, float] = {}
    result: dict = {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            bufsize=1)
    try:
        for line in proc.stdout:
            now = time.perf_counter()
            if line.startswith("@"):
                marks.setdefault(line.strip()[1:], now - start)
            elif line.startswith("{"):
                result = json.loads(line)
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{cmd[:3]} did not finish in {timeout} s")
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    if "rows-painted" not in marks:
        raise RuntimeError(f"{cmd[:3]} painted no rows ({proc.returncode}): {proc.stderr.read()[-2000:]}")
    return marks, result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not args.db.is_file():
        ap.error(f"no database at {args.db}")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    home = tempfile.mkdtemp(prefix="appealdesk-probe-")
    runs = []
    for n in range(args.runs):
        bare, _ = probe([sys.executable, "-c", BARE_TABLE], env)
        app, result = probe([sys.executable, "-m", "ui.app", "--db", str(args.db)],
                            dict(env, APPEALDESK_BENCH="1", APPEALDESK_HOME=home))
        run = {
            "bare_rows_ms": round(bare["rows-painted"] * 1000),
            "appealdesk_rows_ms": round(app["rows-painted"] * 1000),
            "ratio": round(app["rows-painted"] / bare["rows-painted"], 2),
            "interactive_after_window_ms": round((result["journal_ready"] - result["painted"]) * 1000),
            "search_keystroke_median_ms": result.get("search_keystroke_median_ms"),
            "search_keystroke_ms": result.get("search_keystroke_ms"),
            "debounce_ms": result.get("debounce_ms"),
            "sort_reordered_median_ms": result.get("sort_reordered_median_ms"),
            "rows": result.get("rows"),
        }
        runs.append(run)
        print(f"run {n + 1}: rows painted: bare table {run['bare_rows_ms']} ms, AppealDesk "
              f"{run['appealdesk_rows_ms']} ms (×{run['ratio']}); interactive +{run['interactive_after_window_ms']} ms "
              f"after the window; search keystroke {run['search_keystroke_median_ms']} ms", flush=True)

    def med(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 2)

    summary = {
        "db": str(args.db), "rows": runs[0]["rows"], "runs": args.runs, "platform": env["QT_QPA_PLATFORM"],
        "median_ratio_rows_painted": med("ratio"),
        "median_interactive_after_window_ms": med("interactive_after_window_ms"),
        "median_search_keystroke_ms": med("search_keystroke_median_ms"),
        "debounce_ms": runs[0]["debounce_ms"],
        "targets": {"ratio_rows_painted": "<= 2 (1.5 is the best desktop programs)",
                    "interactive_after_window_ms": "<= 1000", "search_keystroke_ms": "<= 100 after the debounce"},
        "all_runs": runs,
    }
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
