"""kill -9 during register, import, demo, backup and migration, at a random (seeded) moment of the work,
then every invariant checked."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .templates import OLD_REVISION, Templates, copy_db, remove_db

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = ("register", "import", "demo", "backup", "migrate")
REGISTER_COUNT = 120
DEMO_COUNT = 300


@dataclass
class Tally:
    name: str
    trials: int = 0
    failures: int = 0
    lost: int = 0
    refused: int = 0
    interrupted: int = 0  # trials whose work was really cut short (not over before the kill)
    saved: int = 0  # records the processes reported saved (each must be there afterwards)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, trial: str, problems: list[str]) -> None:
        self.failures += 1
        self.problems.extend(f"{trial}: {p}" for p in problems[:3])


class Child:
    """A harness child process whose output lines are collected while it runs."""

    def __init__(self, args: list[str], stdin: bool = False, env: dict | None = None):
        env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
        self.proc = subprocess.Popen([sys.executable, "-m", "reliability.child", *args], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
        self.lines: list[str] = []
        self.times: dict[str, float] = {}  # when "go" and "done" were read
        self.errors: list[str] = []
        self.started = threading.Event()
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.error_reader = threading.Thread(target=lambda: self.errors.extend(self.proc.stderr), daemon=True)
        self.error_reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            self.times.setdefault(line.split(" ", 1)[0].strip(), time.perf_counter())
            if line.startswith("ready"):
                self.ready.set()
            if line.startswith("go"):
                self.started.set()
        self.ready.set()
        self.started.set()

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text)
        self.proc.stdin.flush()

    def refusals(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith("refused ")]

    def finish(self, kill_after: float | None = None, timeout: float = 300) -> str:
        """Wait for the end (or kill -9 ``kill_after`` seconds after ``go``); returns stderr."""
        self.started.wait(timeout)
        if kill_after is not None:
            time.sleep(kill_after)
            self.proc.kill()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.reader.join(timeout)
        self.error_reader.join(timeout)
        return "".join(self.errors)

    def saved(self) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines if line.startswith("ok ")]

    @property
    def done(self) -> bool:
        return any(line.startswith("done") for line in self.lines)


def _args(op: str, path: Path, t: Templates, seed: int) -> list[str]:
    folder = Path(f"{path}.backups")
    return {
        "register": ["register", str(path), str(REGISTER_COUNT)],
        "import": ["import", str(path), str(t.journal)],
        "demo": ["demo", str(path), str(DEMO_COUNT), str(seed)],
        "backup": ["backup", str(path), str(folder)],
        "migrate": ["migrate", str(path), str(folder)],
    }[op]


def _template(op: str, t: Templates) -> Path:
    return {"backup": t.big, "migrate": t.old}.get(op, t.base)


def calibrate(work: Path, t: Templates) -> dict[str, float]:
    """How long each operation takes when it is not interrupted (a kill falls within that time)."""
    durations = {}
    for op in OPERATIONS:
        path = copy_db(_template(op, t), work / f"calibrate-{op}.sqlite3")
        child = Child(_args(op, path, t, 99))
        err = child.finish()
        if not child.done:
            raise RuntimeError(f"{op} does not finish by itself: {err[-2000:]}")
        durations[op] = max(0.02, child.times["done"] - child.times["go"])
        remove_db(path)
    return durations


def run(work: Path, t: Templates, trials: int, seed: int) -> list[Tally]:
    rng = random.Random(seed)
    durations = calibrate(work, t)
    tallies = {op: Tally(f"kill -9 during {op}") for op in OPERATIONS}
    for n in range(trials):
        op = OPERATIONS[n % len(OPERATIONS)]
        delay = rng.uniform(0, durations[op] * 1.1)
        _trial(work, t, op, n, delay, rng.randrange(10**6), tallies[op])
    for op, tally in tallies.items():
        tally.notes.insert(0, f"{tally.interrupted} cut short, killed within {durations[op] * 1.1:.2f} s"
                              + (f"; {tally.saved} registrations reported saved before the kills" if tally.saved else ""))
    return list(tallies.values())


def _trial(work: Path, t: Templates, op: str, n: int, delay: float, seed: int, tally: Tally) -> None:
    path = copy_db(_template(op, t), work / f"trial-{n}.sqlite3")
    before_count = checks.count(path)
    before_numbers = checks.numbers(path)
    before_hash = checks.database_hash(path) if op == "backup" else None
    child = Child(_args(op, path, t, seed))
    child.finish(kill_after=delay)
    tally.trials += 1
    tally.interrupted += not child.done
    problems: list[str] = []
    problems += [f"integrity: {p}" for p in checks.integrity(path)]
    if not problems:
        problems += _after(op, path, t, child, before_count, before_numbers, before_hash, tally)
    if problems:
        tally.fail(f"trial {n} ({op}, killed at {delay:.2f} s)", problems)
    remove_db(path)


def _after(op, path, t, child, before_count, before_numbers, before_hash, tally) -> list[str]:
    problems: list[str] = []
    if op == "migrate":
        return _after_migration(path, before_count)
    if op == "backup":
        if checks.database_hash(path) != before_hash:
            problems.append("the backed-up database changed")
        problems += [f"backup: {p}" for p in checks.backup_problems(Path(f"{path}.backups"))]
        return problems
    problems += [f"index: {p}" for p in checks.index_problems(path)]
    problems += [f"numbering: {p}" for p in checks.numbering_problems(before_numbers, checks.numbers(path))]
    problems += checks.whole_appeals(path)
    added = checks.count(path) - before_count
    if op == "register":
        saved = child.saved()
        tally.saved += len(saved)
        lost = set(saved) - checks.present(path, saved)
        tally.lost += len(lost)
        if lost:
            problems.append(f"{len(lost)} saved registrations lost")
        if added not in (len(saved), len(saved) + 1):  # the one being committed at the kill may be there
            problems.append(f"{added} appeals added, {len(saved)} reported saved")
    else:
        whole = t.journal_rows if op == "import" else DEMO_COUNT
        if added not in (0, whole):
            problems.append(f"all-or-nothing broken: {added} of {whole} appeals written")
        if child.done and added != whole:
            tally.lost += whole - added
            problems.append(f"reported done, {whole - added} appeals missing")
    return problems


def _after_migration(path: Path, before_count: int) -> list[str]:
    from appealdesk.storage import migrations
    from appealdesk.storage.database import open_database

    problems = []
    con = __import__("sqlite3").connect(path)
    try:
        revisions = {r[0] for r in con.execute("SELECT version_num FROM alembic_version")}
    finally:
        con.close()
    if revisions not in ({OLD_REVISION}, {migrations.HEAD_REVISION}):
        problems.append(f"schema revision after the kill: {revisions}")
    problems += [f"backup: {p}" for p in checks.backup_problems(Path(f"{path}.backups"))]
    try:  # the next start of the program finishes the job
        database = open_database(path, backup_dir=Path(f"{path}.backups"))
        database.dispose()
    except Exception as exc:
        return [*problems, f"the next start fails: {exc}"]
    if checks.count(path) != before_count:
        problems.append(f"appeals {before_count} -> {checks.count(path)}")
    problems += [f"index: {p}" for p in checks.index_problems(path)]
    return problems
