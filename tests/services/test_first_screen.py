"""The journal's first screen read with plain sqlite3 at start: the same rows as the journal service, no
SQLAlchemy or ``holidays`` import, and nothing at all for a database that needs the full open first."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from appealdesk.services import AppealDesk
from appealdesk.services.first_screen import read_first_screen
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.office_settings import OfficeSettings

from ..conftest import TODAY
from .helpers import appeal

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_only  # the first screen is read from the SQLite file with plain sqlite3


def _demo(db_path, today=TODAY, appeals=300):
    desk = AppealDesk.open(db_path, today=lambda: today)
    desk.demo.make(appeals, seed=3)
    return desk


def test_equals_the_journal_page_in_every_state(db_path):
    desk = _demo(db_path)
    try:
        # a control offset and a longer "due soon" make the calendar and the settings matter
        new = OfficeSettings(due_soon_days=5, control_offset_days=3)
        desk.settings.save(new, confirmed=desk.settings.preview(new))  # the open appeals' control deadlines move
        expected = desk.journal.page(JournalQuery(), 0, 250)
        labels = {g: desk._ctx.vocabulary()[g] for g in ("form", "kind")}
        classifier_names = {r.topic_code: desk.reference.classifier_item(r.topic_code).name
                            for r in expected.rows if r.topic_code}
    finally:
        desk.close()
    screen = read_first_screen(db_path, 250, today=lambda: TODAY)
    assert screen is not None
    assert screen.page == expected
    assert screen.page.total == 300
    assert {r.state for r in screen.page.rows} >= {"closed", "in_progress", "overdue", "due_soon"}
    assert {g: screen.vocabulary[g] for g in labels} == labels
    assert screen.label("form", "written") == labels["form"]["written"]
    codes = {r.topic_code for r in screen.page.rows if r.topic_code}
    assert codes and set(screen.topics) == codes  # the names of the topics on the screen, and only those
    item = next(iter(codes))
    assert screen.topic_name(item) == classifier_names[item]


def test_an_empty_database_gives_an_empty_screen(db_path):
    screen = read_first_screen(db_path, 64)
    assert screen is not None and screen.page.rows == () and screen.page.total == 0


def test_nothing_for_a_database_that_needs_the_full_open(tmp_path, db_path):
    assert read_first_screen(tmp_path / "missing.sqlite3", 64) is None  # created by the full open
    assert read_first_screen("postgresql://server/appeals", 64) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert read_first_screen(garbage, 64) is None
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    assert read_first_screen(foreign, 64) is None
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0001'")  # an older schema: migrated first
    con.commit()
    con.close()
    assert read_first_screen(db_path, 64) is None


def test_reads_only(db_path):
    _demo(db_path, appeals=20).close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    assert read_first_screen(db_path, 64) is not None
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_needs_neither_sqlalchemy_nor_holidays(db_path):
    _demo(db_path, appeals=20).close()
    code = (
        "import sys\n"
        "from appealdesk.services.first_screen import read_first_screen\n"
        f"screen = read_first_screen({str(db_path)!r}, 64)\n"
        "assert screen is not None and screen.page.total == 20, screen\n"
        "print(sorted(m for m in ('sqlalchemy', 'holidays', 'alembic') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_uses_the_calendar_overrides_of_the_database(db_path):
    # 23.11.2026 (Monday) made a day off: "due soon" (3 working days from Friday 20.11) reaches 26.11
    desk = _demo(db_path, appeals=200)
    try:
        card = desk.appeals.register(appeal(registered_on=date(2026, 10, 27)))
        assert card.deadline == date(2026, 11, 26)
        with desk._ctx.uow() as s:
            from appealdesk.storage.models import CalendarOverride

            s.add(CalendarOverride(day=date(2026, 11, 23), is_working=False, source="admin"))
        desk._ctx.invalidate()
        expected = desk.journal.page(JournalQuery(), 0, 200)
    finally:
        desk.close()
    screen = read_first_screen(db_path, 200, today=lambda: TODAY)
    assert screen is not None and screen.page == expected
    shifted = [r for r in screen.page.rows if r.deadline == date(2026, 11, 26) and r.status != "closed"]
    assert shifted and {r.state for r in shifted} == {"due_soon"}
