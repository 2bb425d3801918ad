"""Registration numbers from the locked counter: unique and gap-free, also with two programs registering
into one SQLite file at once, and after a registration that failed half-way."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from appealdesk.services import AppealDesk

from .helpers import appeal

ROOT = Path(__file__).resolve().parents[2]


def test_numbers_continue_after_a_number_given_by_hand(desk):
    first = desk.appeals.register(appeal())
    assert first.reg_number == "1-ОГ/26"
    desk.appeals.register(appeal(reg_number="10-ОГ/26"))
    assert desk.appeals.register(appeal()).reg_number == "11-ОГ/26"
    # another series and another year count on their own
    assert desk.appeals.register(appeal(kind="message", form="electronic", source="feedback_platform")).reg_number.startswith("1-")
    assert desk.appeals.register(appeal(registered_on=date(2025, 12, 30))).reg_number == "1-ОГ/25"


def test_a_registration_that_fails_half_way_leaves_no_gap(desk, monkeypatch):
    from appealdesk.services import appeals as appeals_module

    desk.appeals.register(appeal())
    real = appeals_module.reindex
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("сбой посреди регистрации")
        return real(*args, **kwargs)

    monkeypatch.setattr(appeals_module, "reindex", failing)
    with pytest.raises(RuntimeError):
        desk.appeals.register(appeal())
    assert desk.appeals.register(appeal()).reg_number == "2-ОГ/26"


REGISTER = textwrap.dedent("""
    import json, sys
    from datetime import date
    sys.path.insert(0, sys.argv[3])
    from appealdesk.services import AppealDesk
    from tests.services.helpers import appeal
    desk = AppealDesk.open(sys.argv[1], today=lambda: date(2026, 11, 20))
    numbers, errors = [], []
    for i in range(int(sys.argv[2])):
        try:
            numbers.append(desk.appeals.register(appeal(summary=f"Обращение {i}")).reg_number)
        except Exception as exc:
            errors.append(str(exc))
    desk.close()
    print(json.dumps({"numbers": numbers, "errors": errors}, ensure_ascii=False))
""")


def test_two_programs_registering_at_once_get_unique_gap_free_numbers(db_location, tmp_path):
    """Two processes on one SQLite file (the desktop and a command), or two workstations on a server."""
    script = tmp_path / "register.py"
    script.write_text(REGISTER, encoding="utf-8")
    n = 30
    procs = [subprocess.Popen([sys.executable, str(script), str(db_location), str(n), str(ROOT)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
             for _ in range(2)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    assert [r["errors"] for r in results] == [[], []]
    numbers = [num for r in results for num in r["numbers"]]
    assert len(numbers) == len(set(numbers)) == 2 * n
    assert sorted(int(x.split("-")[0]) for x in numbers) == list(range(1, 2 * n + 1))
    desk = AppealDesk.open(db_location)
    try:
        assert desk.reference.summary().appeals == 2 * n
    finally:
        desk.close()


@pytest.mark.sqlite_only
def test_a_write_waits_for_another_writer_then_says_so_in_russian(db_path, monkeypatch):
    """Another program holds the write lock (a long import): a registration waits for it, and past the
    wait it is refused with a Russian message; nothing is written and the next one goes through."""
    import sqlite3
    import time

    from appealdesk.errors import DatabaseProblem
    from appealdesk.storage import database

    monkeypatch.setattr(database, "WRITE_WAIT_S", 1)
    desk = AppealDesk.open(db_path, today=lambda: date(2026, 11, 20))
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        started = time.perf_counter()
        with pytest.raises(DatabaseProblem, match="База данных занята") as refused:
            desk.appeals.register(appeal())
        assert refused.value.reason == "locked" and "locked" not in str(refused.value)
        assert time.perf_counter() - started >= 0.9  # it waited before giving up
        other.execute("ROLLBACK")
        assert desk.appeals.register(appeal()).reg_number == "1-ОГ/26"  # no number was used up
    finally:
        other.close()
        desk.close()
