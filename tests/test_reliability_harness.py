"""The reliability harness (``python -m reliability``) can see what it looks for: its checks report a
gap in the numbering, a 0-byte backup, a refusal that is not Russian. (The harness itself runs in CI
after the tests: ``.ci/run``.)"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reliability import checks  # noqa: E402
from reliability.__main__ import table  # noqa: E402
from reliability.journals import not_russian  # noqa: E402
from reliability.kills import Tally  # noqa: E402


def test_numbering_gaps_and_duplicates_are_seen():
    before = {("appeal", 2026): [1, 2, 3]}
    assert checks.numbering_problems(before, {("appeal", 2026): [1, 2, 3, 4, 5]}) == []
    assert checks.numbering_problems(before, {("appeal", 2026): [1, 2, 3, 5]})  # 4 skipped
    assert checks.numbering_problems(before, {("appeal", 2026): [1, 2, 3, 4, 4]})  # 4 twice
    assert checks.numbering_problems({}, {("message", 2026): [1, 2]}) == []


def test_a_backup_the_program_would_list_must_be_whole(tmp_path):
    (tmp_path / "appealdesk-20260101-120000.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    con = sqlite3.connect(tmp_path / "appealdesk-20260102-120000.sqlite3")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    problems = checks.backup_problems(tmp_path)
    assert len(problems) == 1 and "20260101" in problems[0]


def test_a_refusal_must_be_russian():
    assert not_russian("Импорт отменён, в базу ничего не записано.\nфайл: «a.xlsx» не является книгой Excel") is None
    assert not_russian("строка 2, столбец «Фамилия»: «=cmd|' /C calc'!A0 is here»") is None  # a quoted cell value
    assert not_russian("файл не удалось прочитать: File is not a zip file")
    assert not_russian("Traceback (most recent call last)")
    assert not_russian("KeyError: 'xl/workbook.xml'")


def test_the_table_has_the_figures():
    text = table([Tally("kill -9 during register", trials=20, failures=0, lost=0),
                  Tally("two writers × 200 registrations", trials=1, refused=118)])
    assert text.splitlines()[0].split() == ["scenario", "trials", "failures", "records", "lost", "refused"]
    assert "118" in text and "kill -9 during register" in text
