"""Recomputing the deadlines of the appeals on consideration after a calendar change. Prints JSON figures.

    python benchmarks/bench_recompute.py --db /tmp/law100k.sqlite3 [--open 10000]

Works on a copy of the demo database (``appealdesk-cli --db PATH demo --appeals 100000``) in which ``--open``
appeals of the last year are put back on consideration (only their status: the recompute reads their
registration, kind and deadlines, which stay the demo's). Measured, each from the administrator's click to
the committed transaction (the list computed, confirmed, every deadline written with its audit row):

- ``override``: a day off added on the busiest deadline day of the open appeals;
- ``rule``: the non-working-day rule switched from the preceding to the next working day (every deadline
  that fell on a day off moves).

Target: ≤ 5 s each at 10 000 open appeals.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from appealdesk.services import AppealDesk

TARGET_S = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/law100k.sqlite3"))
    parser.add_argument("--open", type=int, default=10_000, help="appeals on consideration")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"no database {args.db}: appealdesk-cli --db {args.db} demo --appeals 100000", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="appealdesk-bench-recompute-"))
    db = folder / "copy.sqlite3"
    src = sqlite3.connect(str(args.db))
    dst = sqlite3.connect(str(db))
    src.backup(dst)
    src.close()
    dst.execute(
        "UPDATE appeals SET status = 'in_progress', closed_on = NULL WHERE id IN (SELECT id FROM appeals "
        "WHERE deleted = 0 AND kind <> 'message' ORDER BY registered_on DESC LIMIT ?)", (args.open,))
    dst.commit()
    open_count, = dst.execute("SELECT count(*) FROM appeals WHERE status = 'in_progress' AND deleted = 0").fetchone()
    busiest, = dst.execute("SELECT deadline FROM appeals WHERE status = 'in_progress' AND deleted = 0 "
                           "GROUP BY deadline ORDER BY count(*) DESC LIMIT 1").fetchone()
    dst.close()

    desk = AppealDesk.open(db, deep_check=False)
    day = date.fromisoformat(busiest)
    t = time.perf_counter()
    shift = desk.calendar.preview_override(day, False, "бенчмарк")
    preview_s = time.perf_counter() - t
    t = time.perf_counter()
    done = desk.reference.set_calendar_override(day, False, "бенчмарк", confirmed=shift)
    override_s = time.perf_counter() - t + preview_s

    new = replace(desk.settings.get(), non_working_rule="next")
    t = time.perf_counter()
    shift = desk.settings.preview(new)
    desk.settings.save(new, confirmed=shift)
    rule_s = time.perf_counter() - t
    desk.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({
        "open_appeals": open_count,
        "override": {"day": busiest, "moved": len(done.moves), "preview_s": round(preview_s, 3),
                     "preview_and_apply_s": round(override_s, 3), "target_s": TARGET_S,
                     "within_target": override_s <= TARGET_S},
        "rule": {"moved": len(shift.moves), "preview_and_apply_s": round(rule_s, 3), "target_s": TARGET_S,
                 "within_target": rule_s <= TARGET_S},
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
