"""Two writers on one SQLite file: two processes (a desktop and a command, or two windows) registering
appeals at the same moments. Nothing saved may be lost and numbers may never repeat or skip; a refused
registration is counted (the aim is none)."""

from __future__ import annotations

from pathlib import Path

from . import checks
from .kills import Child, Tally
from .templates import Templates, copy_db, remove_db


def run(work: Path, t: Templates, trials: int, per_writer: int) -> Tally:
    tally = Tally(f"two writers × {per_writer} registrations")
    for n in range(trials):
        _trial(work, t, n, per_writer, tally)
    return tally


def _trial(work: Path, t: Templates, n: int, per_writer: int, tally: Tally) -> None:
    path = copy_db(t.base, work / f"writers-{n}.sqlite3")
    before_count = checks.count(path)
    before_numbers = checks.numbers(path)
    writers = [Child(["register", str(path), str(per_writer), tag, "wait"], stdin=True) for tag in ("a", "b")]
    for w in writers:
        w.ready.wait(120)
    for w in writers:
        w.send("go\n")
    for w in writers:
        w.finish()
    tally.trials += 1
    saved = [number for w in writers for number in w.saved()]
    refusals = [text for w in writers for text in w.refusals()]
    tally.refused += len(refusals)
    problems: list[str] = []
    lost = set(saved) - checks.present(path, saved)
    tally.lost += len(lost)
    if lost:
        problems.append(f"{len(lost)} saved registrations lost")
    problems += [f"integrity: {p}" for p in checks.integrity(path)]
    if not problems:
        problems += [f"index: {p}" for p in checks.index_problems(path)]
        problems += [f"numbering: {p}" for p in checks.numbering_problems(before_numbers, checks.numbers(path))]
        problems += checks.whole_appeals(path)
        if checks.count(path) - before_count != len(saved):
            problems.append(f"{checks.count(path) - before_count} appeals added, {len(saved)} reported saved")
    kinds: dict[str, int] = {}
    for text in refusals:
        key = text[:70]
        kinds[key] = kinds.get(key, 0) + 1
    tally.notes.append(f"saved {len(saved)} of {2 * per_writer}, refused {len(refusals)}"
                       + "".join(f"; {k}… ×{v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:2]))
    if problems:
        tally.fail(f"trial {n}", problems)
    remove_db(path)
