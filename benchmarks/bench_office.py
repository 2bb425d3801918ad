"""Benchmark of an office on several workstations: concurrent registration, a journal import beside a
registering program, and the move of a whole office to a server. Prints JSON figures with the targets;
not a pass/fail test.

    python benchmarks/bench_office.py registrations --db postgresql://…/db [--procs 4] [--each 250]
    python benchmarks/bench_office.py import-beside [--rows 2000] [--each 250]
    python benchmarks/bench_office.py move-to --source office.sqlite3 --target postgresql://…/empty_db

``registrations``: PROCS processes register EACH appeals each at once, through ``desk.appeals.register``
(every call checks the signed-in person's role), into one database (a server URL, or an SQLite file).
Counts the refused ones, the duplicate and missing numbers, and the appeals in the database afterwards.

``import-beside``: on one SQLite file, a process registers EACH appeals (the desktop) while
``appealdesk-cli import-xlsx`` loads a journal of ROWS appeals (all or nothing, one transaction): both
must finish, nothing lost, no «database is locked» reaching the user; prints the longest wait of a
registration.

``move-to``: ``appealdesk-cli move-to`` of the source file into the empty server database, timed as a
whole process, then the counts compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 20)
TARGETS = {"refused": 0, "duplicates": 0, "missing": 0, "move_100000_s": 300.0}

WORKER = textwrap.dedent("""
    import json, sys, time
    from datetime import date
    sys.path.insert(0, sys.argv[4])
    from appealdesk.services import AppealDesk
    from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput
    desk = AppealDesk.open(sys.argv[1], today=lambda: date(2026, 11, 20))
    code = desk.reference.classifier_search("освещение")[0].code
    numbers, errors, waits = [], [], []
    start_at = float(sys.argv[3])
    while time.time() < start_at:
        time.sleep(0.005)
    for i in range(int(sys.argv[2])):
        data = AppealInput(form="written", kind="statement", summary=f"Не горит фонарь у дома {i}",
                           questions=(QuestionInput(code),),
                           applicant=ApplicantInput(last_name="Фонарёв", first_name="Иван", address=f"ул. Мира, {i}"))
        t = time.perf_counter()
        try:
            numbers.append(desk.appeals.register(data).reg_number)
        except Exception as exc:
            errors.append(str(exc))
        waits.append(time.perf_counter() - t)
    desk.close()
    print(json.dumps({"numbers": numbers, "errors": errors, "waits": waits}, ensure_ascii=False))
""")


def _worker_script(folder: Path) -> Path:
    path = folder / "register_worker.py"
    path.write_text(WORKER, encoding="utf-8")
    return path


def _prepare(location: str) -> None:
    """A database with one administrator, the program's reference data, no appeals."""
    from appealdesk.services import AppealDesk
    from appealdesk.services.users import UserInput

    desk = AppealDesk.open(location, today=lambda: TODAY)
    if desk.current_user is not None and desk.current_user.id is None:
        desk.users.add(UserInput("admin", "Администратор Программы Тестовый", "admin"))
    desk.close()


def _registrations(location: str, procs: int, each: int, folder: Path, extra: list | None = None) -> dict:
    script = _worker_script(folder)
    start_at = time.time() + 3.0  # every process is up before the first registration
    workers = [
        subprocess.Popen([sys.executable, str(script), location, str(each), str(start_at), str(ROOT)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(procs)
    ]
    others = []
    for cmd in extra or []:
        while time.time() < start_at + 0.2:
            time.sleep(0.01)
        t = time.perf_counter()
        others.append((subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT), time.perf_counter() - t))
    results = []
    for w in workers:
        out, err = w.communicate()
        if w.returncode:
            raise SystemExit(f"a worker failed: {err[-2000:]}")
        results.append(json.loads(out))
    numbers = [n for r in results for n in r["numbers"]]
    errors = [e for r in results for e in r["errors"]]
    waits = sorted(w for r in results for w in r["waits"])
    seqs = sorted(int(n.split("-")[0]) for n in numbers)
    expected = set(range(1, procs * each + 1))
    report = {
        "processes": procs, "each": each, "registered": len(numbers), "refused": len(errors),
        "refusals": sorted(set(errors))[:5], "duplicates": len(numbers) - len(set(numbers)),
        "missing": len(expected - set(seqs)) if not errors else None,
        "median_ms": round(waits[len(waits) // 2] * 1000, 1), "longest_wait_s": round(waits[-1], 2),
    }
    for n, (run, seconds) in enumerate(others, start=1):
        report[f"other_{n}"] = {"exit": run.returncode, "seconds": round(seconds, 1),
                                "stdout": run.stdout.strip()[-300:], "stderr": run.stderr.strip()[-300:]}
    return report


def _count(location: str, user: str | None = None, password: str | None = None) -> int:
    from appealdesk.services import AppealDesk

    desk = AppealDesk.open(location, user=user, password=password)
    try:
        return desk.reference.summary().appeals
    finally:
        desk.close()


def cmd_registrations(args) -> dict:
    _prepare(args.db)
    with tempfile.TemporaryDirectory() as tmp:
        report = _registrations(args.db, args.procs, args.each, Path(tmp))
    report["in_database"] = _count(args.db)
    return report


def cmd_import_beside(args) -> dict:
    from appealdesk.services import AppealDesk

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "source.sqlite3"
        desk = AppealDesk.open(source, today=lambda: TODAY)
        desk.demo.make(args.rows, seed=7, year=TODAY.year - 1)  # 2024-2025: no number meets 2026's
        journal = folder / "journal.xlsx"
        desk.exchange.export_journal(journal)
        desk.close()
        target = folder / "office.sqlite3"
        _prepare(str(target))
        cli = [sys.executable, "-m", "appealdesk.cli.main", "--db", str(target), "import-xlsx", str(journal)]
        report = _registrations(str(target), 1, args.each, folder, extra=[cli])
        report["in_database"] = _count(str(target))
        report["journal_rows"] = args.rows
    return report


def cmd_move_to(args) -> dict:
    env = {**os.environ, "APPEALDESK_PASSWORD": args.password or ""}
    cmd = [sys.executable, "-m", "appealdesk.cli.main", "--db", str(args.source)]
    if args.user:
        cmd += ["--user", args.user]
    t = time.perf_counter()
    run = subprocess.run([*cmd, "move-to", args.target], capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.perf_counter() - t
    if run.returncode:
        raise SystemExit(run.stderr[-3000:])
    source = _count(str(args.source), args.user, args.password)
    target = _count(args.target, args.user, args.password)
    return {"seconds": round(seconds, 1), "appeals_source": source, "appeals_server": target,
            "equal": source == target and "совпадают" in run.stdout, "last_lines": run.stdout.strip().splitlines()[-3:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("registrations")
    r.add_argument("--db", required=True)
    r.add_argument("--procs", type=int, default=4)
    r.add_argument("--each", type=int, default=250)
    b = sub.add_parser("import-beside")
    b.add_argument("--rows", type=int, default=2000)
    b.add_argument("--each", type=int, default=250)
    m = sub.add_parser("move-to")
    m.add_argument("--source", type=Path, required=True)
    m.add_argument("--target", required=True)
    m.add_argument("--user", default=None)
    m.add_argument("--password", default=None)
    args = parser.parse_args()
    report = {"registrations": cmd_registrations, "import-beside": cmd_import_beside, "move-to": cmd_move_to}[
        args.cmd](args)
    print(json.dumps({"benchmark": args.cmd, **report, "targets": TARGETS}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
