"""Databases of every earlier schema revision open without losing anything.

The sample rows of each revision live in conftest.py (``SAMPLE_ROWS``). The tests with a made-up revision
after the head exercise the upgrade path itself (backup first, one transaction, foreign keys off while a
table is rebuilt).
"""

from __future__ import annotations

import shutil
import sqlite3
import textwrap

import pytest
from sqlalchemy import inspect, text

from appealdesk.errors import DatabaseProblem
from appealdesk.storage import migrations
from appealdesk.storage.backup import list_backups
from appealdesk.storage.database import current_revision, open_database


def test_every_revision_has_sample_rows(revisions, sample_revisions):
    assert revisions[-1] == migrations.HEAD_REVISION
    assert set(revisions) <= sample_revisions, (
        "add sample rows for the new revision to tests/storage/conftest.py"
    )


def test_a_database_of_every_earlier_revision_keeps_its_data(
    tmp_path, revisions, build_db_at, check_samples, opened, fresh, on_sqlite
):
    for revision in revisions:
        target = tmp_path / f"at-{revision}.sqlite3" if on_sqlite else fresh.empty(f"at_{revision}")
        path = build_db_at(target, revision)
        db = opened(path, backup_dir=tmp_path / f"backups-{revision}")
        assert current_revision(db) == migrations.HEAD_REVISION
        assert db.migrated_from == (None if revision == migrations.HEAD_REVISION else revision)
        with db.engine.connect() as con:
            check_samples(con)
            assert con.execute(text("SELECT count(*) FROM classifier")).scalar_one() == 2108
        db.dispose()
        assert opened(path).migrated_from is None  # and the second start has nothing to do


# -- the upgrade path, with a made-up revision -------------------------------------------------------
REBUILD_APPEALS = '''
    """A test revision: rebuilds the appeals table (as batch mode does on SQLite) and adds a column."""
    import sqlalchemy as sa
    from alembic import op

    revision = "{next}"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None


    def upgrade():
        with op.batch_alter_table("appeals", recreate="always") as batch:
            batch.add_column(sa.Column("test_note", sa.Text(), nullable=True))


    def downgrade():
        with op.batch_alter_table("appeals", recreate="always") as batch:
            batch.drop_column("test_note")
'''

FAILING = '''
    """A test revision that fails half-way."""
    import sqlalchemy as sa
    from alembic import op

    revision = "{next}"
    down_revision = "{head}"
    branch_labels = None
    depends_on = None


    def upgrade():
        op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
        op.execute("DELETE FROM questions")
        raise RuntimeError("сбой посреди обновления")


    def downgrade():
        pass
'''


@pytest.fixture
def future_revision(tmp_path, monkeypatch):
    """Install a copy of the migrations with an extra revision after the head as the program's migrations."""

    def install(source: str) -> None:
        folder = tmp_path / "migrations"
        shutil.copytree(
            migrations.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "__init__.py")
        )
        head = migrations.HEAD_REVISION
        following = f"{int(head) + 1:04d}"
        text_ = textwrap.dedent(source).replace("{next}", following).replace("{head}", head)
        (folder / "versions" / f"{following}_test.py").write_text(text_, encoding="utf-8")
        monkeypatch.setattr(migrations, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(migrations, "HEAD_REVISION", following)

    return install


@pytest.mark.sqlite_only
def test_an_upgrade_backs_up_first_and_keeps_every_row(
    tmp_path, future_revision, build_db_at, check_samples, opened, digest
):
    path = build_db_at(tmp_path / "office.sqlite3", "0001")
    original = digest(path)
    future_revision(REBUILD_APPEALS)
    backups = tmp_path / "backups"

    db = opened(path, backup_dir=backups)

    assert db.migrated_from == "0001"
    assert current_revision(db) == migrations.HEAD_REVISION  # the made-up one after the real head
    (backup,) = list_backups(backups)
    assert db.migration_backup == backup
    assert backup.name.startswith("appealdesk-before-migration-0001-")
    con = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert con.execute("SELECT count(*) FROM questions").fetchone() == (1,)
    finally:
        con.close()
    assert digest(path) != original
    with db.engine.connect() as con:
        check_samples(con)  # questions survive the rebuild of appeals: no ON DELETE CASCADE fired
        assert "test_note" in {c["name"] for c in inspect(con).get_columns("appeals")}
        assert con.execute(text("PRAGMA foreign_keys")).scalar_one() == 1  # back on for normal work
    db.dispose()

    again = opened(path, backup_dir=backups)
    assert again.migrated_from is None
    assert list_backups(backups) == [backup]


@pytest.mark.sqlite_only
def test_a_failed_upgrade_changes_nothing(tmp_path, future_revision, build_db_at, check_samples, opened):
    path = build_db_at(tmp_path / "office.sqlite3", "0001")
    future_revision(FAILING)

    with pytest.raises(DatabaseProblem) as info:
        open_database(path, backup_dir=tmp_path / "backups")

    assert info.value.reason == "migration_failed"
    assert "Изменения отменены" in info.value.message
    assert "сбой посреди обновления" in info.value.message
    assert len(list_backups(tmp_path / "backups")) == 1
    assert current_revision(path) == "0001"
    con = sqlite3.connect(path)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "half_done" not in tables  # the DDL was rolled back too
        assert con.execute("SELECT count(*) FROM questions").fetchone() == (1,)
    finally:
        con.close()


@pytest.mark.sqlite_only
def test_a_backup_that_cannot_be_made_stops_the_upgrade(tmp_path, future_revision, build_db_at, digest):
    path = build_db_at(tmp_path / "office.sqlite3", "0001")
    before = digest(path)
    future_revision(REBUILD_APPEALS)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")

    with pytest.raises(DatabaseProblem) as info:
        open_database(path, backup_dir=blocker / "backups")

    assert info.value.reason == "backup_failed"
    assert "База данных не изменена" in info.value.message
    assert digest(path) == before


def test_upgrade_to_0004_moves_the_scans_into_the_database(tmp_path, build_db_at, opened):
    """The scan files beside an older database come inside it; a file already gone keeps its row without
    content (and says so when opened)."""
    import hashlib

    path = build_db_at(tmp_path / "office.sqlite3", "0003")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO attachments (appeal_id, file_name, stored_name, size, added_at, added_by, deleted) VALUES "
        "(1, 'пропавший.pdf', 'gone.pdf', 10, '2025-02-04 10:00:00', 'clerk', 0)"
    )
    con.commit()
    con.close()
    scan = b"%PDF-1.4 scan of the appeal"
    (tmp_path / "attachments" / "1").mkdir(parents=True)
    (tmp_path / "attachments" / "1" / "a1.pdf").write_bytes(scan)

    db = opened(path, backup_dir=tmp_path / "backups")
    with db.engine.connect() as c:
        rows = c.execute(text(
            "SELECT a.stored_name, a.sha256, c.data FROM attachments a "
            "LEFT JOIN attachment_contents c ON c.attachment_id = a.id ORDER BY a.id"
        )).all()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("a1.pdf", hashlib.sha256(scan).hexdigest(), scan),
        ("gone.pdf", None, None),
    ]


def test_0005_keeps_the_final_answers_already_recorded(tmp_path, build_db_at, opened, fresh, on_sqlite):
    """The answers recorded on the appeals before 0005 become the first rows of ``appeal_answers``."""
    target = tmp_path / "at-0004.sqlite3" if on_sqlite else fresh.empty("at_0004_answers")
    path = build_db_at(target, "0004")
    from appealdesk.storage.database import make_engine

    raw = make_engine(path if isinstance(path, str) else f"sqlite:///{path}")
    with raw.begin() as con:
        con.exec_driver_sql("UPDATE appeals SET answer_on = '2025-02-25', answer_number = '01-12/7', "
                            "answer_method = 'post', answer_text = 'Ответ по существу' WHERE id = 1")
    raw.dispose()
    db = opened(path, backup_dir=tmp_path / "backups-0004")
    with db.engine.connect() as con:
        rows = con.execute(text("SELECT appeal_id, kind, CAST(answer_on AS VARCHAR(10)), number, method, text "
                                "FROM appeal_answers")).all()
    db.dispose()
    assert [tuple(r) for r in rows] == [(1, "final", "2025-02-25", "01-12/7", "post", "Ответ по существу")]
