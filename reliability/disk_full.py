"""A full disk: registrations until there is no room, and a command on the full disk. Each refusal must
say that the disk is full (never that the database is damaged); once room is made, nothing saved is lost
and the file is sound.

A real full disk is a small tmpfs (the harness runs as root where it may mount one, as CI does); elsewhere
SQLite's ``max_page_count`` makes the file as full as a full disk would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import checks
from .kills import ROOT, Child, Tally
from .templates import Templates, copy_db, remove_db

DISK_MB = 24
LEAVE_FREE = (0, 64 * 1024, 512 * 1024, 2 * 1024 * 1024)  # free space left on the disk, trial by trial


def _mount(folder: Path) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    run = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(folder)],
                         capture_output=True)
    return run.returncode == 0


def _fill(folder: Path, leave: int) -> Path:
    """Fill the disk up to ``leave`` bytes of free space."""
    filler = folder / "filler"
    with open(filler, "wb") as fh:
        try:
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= leave:
                    break
                fh.write(b"\0" * min(1 << 20, max(4096, free - leave)))
                fh.flush()
        except OSError:
            pass
    return filler


def _bad_message(text: str) -> str | None:
    if "нет места" not in text and "нет свободного места" not in text:
        return "does not say the disk is full"
    if "Восстановите" in text or "повреждена" in text:
        return "advises a backup for a healthy file"
    return None


def run(work: Path, t: Templates, trials: int, seed: int) -> Tally:
    disk = work / "small-disk"
    real = _mount(disk)
    tally = Tally("disk full " + (f"(a {DISK_MB} MB tmpfs)" if real else "(max_page_count)"))
    try:
        for n in range(trials):
            _trial(disk, t, n, real, tally)
    finally:
        if real:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    return tally


def _trial(disk: Path, t: Templates, n: int, real: bool, tally: Tally) -> None:
    path = copy_db(t.empty, disk / f"office-{n}.sqlite3")
    before_numbers = checks.numbers(path)
    leave = LEAVE_FREE[n % len(LEAVE_FREE)]
    filler = _fill(disk, leave) if real else None
    env = {} if real else {"RELIABILITY_SPARE_PAGES": str(leave // 32768)}  # room for a few pages
    child = Child(["register", str(path), "400", "full", "", "5"], env=env)
    child.finish()
    tally.trials += 1
    problems: list[str] = []
    refusals = child.refusals()
    if not refusals:
        problems.append("the disk never got full")
    for text in refusals[:1] + refusals[-1:]:
        why = _bad_message(text)
        if why:
            problems.append(f"{why}: {text[:160]!r}")
    if real:  # a command on the full disk, even one that only reads
        cmd = subprocess.run([sys.executable, "-m", "appealdesk.cli.main", "--db", str(path), "deadlines"],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
        if cmd.returncode == 0:
            pass  # it could read: fine
        elif _bad_message(cmd.stderr) or "Traceback" in cmd.stderr:
            problems.append(f"deadlines on a full disk: {cmd.stderr.strip()[:160]!r}")
        filler.unlink()
    saved = child.saved()
    lost = set(saved) - checks.present(path, saved)
    tally.lost += len(lost)
    if lost:
        problems.append(f"{len(lost)} saved registrations lost")
    problems += [f"integrity: {p}" for p in checks.integrity(path)]
    if not problems:
        problems += [f"index: {p}" for p in checks.index_problems(path)]
        problems += [f"numbering: {p}" for p in checks.numbering_problems(before_numbers, checks.numbers(path))]
        problems += checks.whole_appeals(path)
    room = f"free space {leave // 1024} KB" if real else f"{leave // 32768} spare pages"
    tally.notes.append(f"{len(saved)} saved, then {len(refusals)} refused ({room})")
    if problems:
        tally.fail(f"trial {n}", problems)
    remove_db(path)
