"""The migrated schema is the schema of models.py; the FTS5 index exists and searches as designed."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from appealdesk.storage import migrations
from appealdesk.storage.database import make_engine, migration_engine
from appealdesk.storage.models import Base


def test_migrated_schema_matches_the_models(db):
    with db.engine.connect() as con:
        context = MigrationContext.configure(
            con, opts={"compare_type": True, "include_name": migrations.include_name}
        )
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_every_model_table_and_index_is_created(db):
    with db.engine.connect() as con:
        inspector = inspect(con)
        tables = set(inspector.get_table_names())
        assert set(Base.metadata.tables) <= tables
        for table in Base.metadata.sorted_tables:
            created = {ix["name"] for ix in inspector.get_indexes(table.name)}
            assert {ix.name for ix in table.indexes} <= created, table.name


@pytest.mark.sqlite_only
def test_fts_index_finds_stems_and_prefixes(db):
    with db.engine.begin() as con:
        sql = con.execute(text("SELECT sql FROM sqlite_master WHERE name = 'appeal_fts'")).scalar_one()
        assert "fts5" in sql and "remove_diacritics 0" in sql and "prefix='2 3'" in sql
        con.execute(
            text("INSERT INTO appeal_fts (rowid, words, stems) VALUES (7, :w, :s)"),
            {"w": "федоров жалоба на отопление", "s": "федор жалоб на отоплен"},
        )
        assert con.execute(
            text("SELECT rowid FROM appeal_fts WHERE appeal_fts MATCH 'stems : отоплен'")
        ).all() == [(7,)]
        assert con.execute(
            text("SELECT rowid FROM appeal_fts WHERE appeal_fts MATCH 'words : фе*'")
        ).all() == [(7,)]


def test_downgrade_to_base_removes_every_table(tmp_path, build_db_at, fresh, on_sqlite):
    target = tmp_path / "down.sqlite3" if on_sqlite else fresh.empty("down")
    location = build_db_at(target, migrations.HEAD_REVISION, sample_rows=False)
    engine = migration_engine(f"sqlite:///{location}") if on_sqlite else make_engine(location)
    try:
        from alembic import command

        with engine.connect() as con, con.begin():
            command.downgrade(migrations.alembic_config(con), "base")
        with engine.connect() as con:
            assert set(inspect(con).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
