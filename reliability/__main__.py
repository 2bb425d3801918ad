"""``python -m reliability``: run the harness and print its table (see the package docstring)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .kills import Tally

SCENARIOS = ("kills", "journals", "disk", "writers")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m reliability", description=__doc__)
    p.add_argument("--trials", type=int, default=100, help="kill -9 trials, spread over the five operations")
    p.add_argument("--journals", type=int, default=1000, help="malformed journals imported")
    p.add_argument("--disk-trials", type=int, default=4, help="full-disk trials")
    p.add_argument("--writers", type=int, default=200, help="registrations of each of the two writers")
    p.add_argument("--writers-trials", type=int, default=1, help="two-writer runs")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", choices=SCENARIOS, action="append", help="run only these scenarios")
    p.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    p.add_argument("--strict", action="store_true", help="refused registrations of the two writers fail too")
    p.add_argument("--show", type=int, default=5, help="problems shown per scenario")
    return p


def table(tallies: list[Tally]) -> str:
    head = ("scenario", "trials", "failures", "records lost", "refused")
    rows = [(t.name, str(t.trials), str(t.failures), str(t.lost), str(t.refused)) for t in tallies]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    return "\n".join([fmt(head), line, *map(fmt, rows)])


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = args.only or list(SCENARIOS)
    work = args.work or Path(tempfile.mkdtemp(prefix="appealdesk-reliability-"))
    started = time.perf_counter()
    from . import disk_full, journals, kills, templates, writers

    print(f"reliability: seed {args.seed}, working in {work}", flush=True)
    t = templates.make(work, args.seed)
    tallies: list[Tally] = []
    try:
        if "kills" in chosen and args.trials:
            tallies += kills.run(work, t, args.trials, args.seed)
        if "journals" in chosen and args.journals:
            tallies.append(journals.run(work, t, args.journals, args.seed))
        if "disk" in chosen and args.disk_trials:
            tallies.append(disk_full.run(work, t, args.disk_trials, args.seed))
        if "writers" in chosen and args.writers_trials:
            tallies.append(writers.run(work, t, args.writers_trials, args.writers))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(tallies))
    print()
    for tally in tallies:
        for note in tally.notes[:4]:
            print(f"{tally.name}: {note}")
        for problem in tally.problems[: args.show]:
            print(f"{tally.name}: PROBLEM {problem}")
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps([t.__dict__ for t in tallies], ensure_ascii=False, indent=2),
                             encoding="utf-8")
    broken = sum(t.failures + t.lost for t in tallies)
    refused = sum(t.refused for t in tallies)
    return 1 if broken or (args.strict and refused) else 0


if __name__ == "__main__":
    sys.exit(main())
