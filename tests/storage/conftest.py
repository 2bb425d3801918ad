"""Fixtures of the storage tests: throw-away database files, and databases built at any schema revision.

Tests get the helpers through fixtures (``build_db_at``, ``check_samples``, ``digest``, ``snapshot``,
``revisions``):
importing from a conftest module is fragile. ``build_db_at(path, revision)`` migrates a new file up to ``revision`` only and fills it with the
sample rows of that revision (``SAMPLE_ROWS``). ``check_sample_rows`` reads them back at the current
schema. A new revision adds its own entry to ``SAMPLE_ROWS`` (written against its schema, in plain SQL,
because models.py always describes the newest one), so that a database of every earlier schema version is
opened and checked by test_db_history.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from appealdesk.storage import migrations
from appealdesk.storage.database import Database, make_engine, migration_engine, open_database

# a code of the bundled classifier, used by the sample appeals
SAMPLE_CODE = "0003.0009.0097.0690"


def _sample_rows_0001(con: Connection) -> None:
    """One of everything, at the schema of revision 0001."""
    statements = [
        "INSERT INTO classifier (code, parent_code, level, name, name_key, section, edition, active) VALUES "
        f"('{SAMPLE_CODE}', '0003.0009.0097', 4, 'Вопрос из старой редакции', 'вопрос', '0003', 'old', TRUE)",
        f"INSERT INTO classifier_favourites (code, position) VALUES ('{SAMPLE_CODE}', 1)",
        "INSERT INTO settings (key, value) VALUES ('office.name', '\"Администрация Сосновского сельсовета\"')",
        "INSERT INTO calendar_overrides (day, is_working, note, source) VALUES "
        "('2024-04-29', TRUE, 'решение главы', 'admin'), ('2031-01-09', FALSE, 'перенос', 'admin')",
        "INSERT INTO settlements (id, name, name_key, active) VALUES (1, 'с. Сосновка', 'сосновка', TRUE)",
        "INSERT INTO officials (id, full_name, name_key, position, is_executor, is_head, active) VALUES "
        "(1, 'Петрова Анна Ивановна', 'петрова анна ивановна', 'специалист', TRUE, FALSE, TRUE)",
        "INSERT INTO applicants (id, type, last_name, first_name, settlement_id, address, last_key, name_key, "
        "address_key, display_name, created_at) VALUES (1, 'person', 'Фёдоров', 'Иван', 1, 'ул. Ленина, 1', "
        "'федоров', 'федоров иван', 'ул ленина 1', 'Фёдоров Иван', '2025-02-03 10:00:00')",
        "INSERT INTO appeals (id, reg_number, reg_series, reg_year, reg_seq, received_on, registered_on, form, "
        "source, kind, complaint_about, applicant_id, applicant_name, applicant_sort, is_anonymous, "
        "is_collective, settlement_id, summary, topic_code, executor_id, on_control, commission, on_site, "
        "with_author, legal_deadline, control_deadline, deadline, is_repeated, status, deleted, created_at, "
        "created_by, updated_at, updated_by, version) VALUES (1, 'Ф-1/25', 'appeal', 2025, 1, '2025-02-03', "
        "'2025-02-03', 'written', 'direct', 'complaint', 'управляющая компания', 1, 'Фёдоров Иван', "
        "'федоров иван', FALSE, FALSE, 1, 'Нет отопления в доме', "
        f"'{SAMPLE_CODE}', 1, TRUE, FALSE, FALSE, FALSE, '2025-03-05', '2025-03-05', '2025-03-05', FALSE, "
        "'in_progress', FALSE, "
        "'2025-02-03 10:00:00', 'clerk', '2025-02-03 10:00:00', 'clerk', 1)",
        "INSERT INTO questions (id, appeal_id, position, classifier_code, section, executor_id) VALUES "
        f"(1, 1, 0, '{SAMPLE_CODE}', '0003', 1)",
        "INSERT INTO extensions (appeal_id, days, previous_deadline, new_deadline, reason, extended_by, "
        "extended_on) VALUES (1, 30, '2025-03-05', '2025-04-04', 'запрос в РСО', 'Глава', '2025-03-01')",
        "INSERT INTO forwardings (appeal_id, to_body, forwarded_on) VALUES (1, 'Прокуратура района', '2025-02-05')",
        "INSERT INTO attachments (appeal_id, file_name, stored_name, size, added_at, added_by, deleted) VALUES "
        "(1, 'скан.pdf', 'a1.pdf', 1024, '2025-02-03 10:05:00', 'clerk', FALSE)",
        "INSERT INTO audit_log (at, \"user\", entity, entity_id, action, changes) VALUES "
        "('2025-02-03 10:00:00', 'clerk', 'appeal', 1, 'create', '[]')",
        "INSERT INTO appeal_search (appeal_id, document) VALUES (1, ' нет отоплени ')",
    ]
    if con.dialect.name == "sqlite":  # the FTS5 index exists on SQLite only
        statements.append(
            "INSERT INTO appeal_fts (rowid, words, stems) VALUES (1, 'нет отопления в доме', 'нет отоплен в дом')"
        )
    for statement in statements:
        con.exec_driver_sql(statement)


def _sample_rows_0002(con: Connection) -> None:
    """Revision 0002 adds the reception and secondary-control tables: one row in each, on top of 0001's."""
    _sample_rows_0001(con)
    statements = [
        "INSERT INTO reception_rules (id, official_id, kind, weekdays, time_from, time_to, place, "
        "pre_registration, slot_minutes, valid_from, active) VALUES (1, 1, 'regular', '1,4', '14:00:00', "
        "'17:00:00', 'каб. 1', FALSE, 15, '2025-01-01', TRUE)",
        "INSERT INTO reception_exceptions (official_id, date_from, date_to, kind) VALUES "
        "(1, '2025-07-01', '2025-07-28', 'vacation')",
        "INSERT INTO receptions (id, kind, official_id, rule_id, day, time_from, time_to, place, "
        "pre_registration, slot_minutes, status, created_at) VALUES (1, 'regular', 1, 1, '2025-02-03', "
        "'14:00:00', '17:00:00', 'каб. 1', FALSE, 15, 'held', '2025-02-01 09:00:00')",
        "INSERT INTO reception_bookings (id, reception_id, slot_from, slot_to, applicant_id, status, "
        "created_at, created_by) VALUES (1, 1, '14:00:00', '14:15:00', 1, 'received', '2025-02-01 09:00:00', "
        "'clerk')",
        "INSERT INTO reception_cards (id, reception_id, booking_id, applicant_id, walk_in, summary, outcome, "
        "oral_consent, appeal_id, created_at, created_by, updated_at) VALUES (1, 1, 1, 1, FALSE, 'Отопление', "
        "'written_answer', FALSE, 1, '2025-02-03 14:10:00', 'clerk', '2025-02-03 14:10:00')",
        f"INSERT INTO reception_card_questions (card_id, position, classifier_code) VALUES (1, 0, '{SAMPLE_CODE}')",
        "INSERT INTO promises (appeal_id, text, due_on, executor_id, status, created_at, created_by) VALUES "
        "(1, 'Отремонтировать до 01.06', '2025-06-01', 1, 'open', '2025-03-01 10:00:00', 'clerk')",
    ]
    for statement in statements:
        con.exec_driver_sql(statement)


def _sample_rows_0004(con: Connection) -> None:
    """Revision 0004 adds the users, the registration counters, scans inside the database and the audit
    chain: 0002's rows written as 0004 would have them."""
    from appealdesk.storage.audit_chain import link

    _sample_rows_0002(con)
    chain = link(None, "2025-02-03 10:00:00", "clerk", None, "appeal", 1, "create", "[]")
    statements = [
        "INSERT INTO users (login, login_key, full_name, role, password_hash, active, failed_tries, created_at) "
        "VALUES ('admin', 'admin', 'Администратор', 'admin', NULL, TRUE, 0, '2025-01-01 09:00:00')",
        "INSERT INTO reg_counters (series, year, last_seq) VALUES ('appeal', 2025, 1)",
        f"UPDATE audit_log SET chain = '{chain}'",
    ]
    for statement in statements:
        con.exec_driver_sql(statement)


def _sample_rows_0005(con: Connection) -> None:
    """Revision 0005 adds the 547-FZ channel and the art. 11 facts of an appeal, every answer kept, requests
    for documents and the reception day's facts of a card: 0004's rows with one of each."""
    _sample_rows_0004(con)
    statements = [
        "UPDATE appeals SET crime_report = FALSE, call_on = '2025-02-20', call_note = 'подтвердил' WHERE id = 1",
        "INSERT INTO appeal_answers (appeal_id, kind, answer_on, number, method, text, final_due, created_at, "
        "created_by) VALUES (1, 'interim', '2025-02-10', '01-12/5', 'post', 'Промежуточный ответ', '2025-03-05', "
        "'2025-02-10 11:00:00', 'clerk')",
        "INSERT INTO document_requests (appeal_id, direction, body, request_on, number, subject, due_on, "
        "created_at, created_by) VALUES (1, 'outgoing', 'ООО «Теплосеть»', '2025-02-04', '01-12/3', "
        "'Акт обследования', '2025-02-19', '2025-02-04 09:00:00', 'clerk')",
        "UPDATE reception_cards SET official_id = 1, video_consent = FALSE WHERE id = 1",
    ]
    for statement in statements:
        con.exec_driver_sql(statement)


def _sample_rows_0006(con: Connection) -> None:
    """Revision 0006 adds the outgoing letters and the ССТУ upload state: one letter (numbered in the
    outgoing series), one upload batch with its appeal, on top of 0005's rows."""
    _sample_rows_0005(con)
    statements = [
        "INSERT INTO reg_counters (series, year, last_seq) VALUES ('letter', 2025, 1)",
        "INSERT INTO letters (id, appeal_id, kind, number, year, seq, made_on, term_on, late, addressee, "
        "signatory, forwarding_id, docx_id, pdf_id, made_at, made_by) VALUES (1, 1, 'extension_notice', "
        "'исх. 1/25', 2025, 1, '2025-03-02', '2025-03-05', FALSE, 'Фёдорову И.', 'Глава', NULL, 1, NULL, "
        "'2025-03-02 11:00:00', 'clerk')",
        "INSERT INTO sstu_batches (id, made_at, made_by, date_from, date_to, appeals, file_name) VALUES "
        "(1, '2025-03-06 09:00:00', 'clerk', '2025-02-01', '2025-02-28', 1, 'ССТУ 2025-02.zip')",
        "INSERT INTO sstu_uploads (appeal_id, batch_id, uploaded_at, version, digest) VALUES "
        "(1, 1, '2025-03-06 09:00:00', 1, '" + "0" * 64 + "')",
    ]
    for statement in statements:
        con.exec_driver_sql(statement)


# revision -> rows written against the schema of that revision (0003 adds indexes only: 0002's rows)
SAMPLE_ROWS: dict[str, Callable[[Connection], None]] = {
    "0001": _sample_rows_0001,
    "0002": _sample_rows_0002,
    "0003": _sample_rows_0002,
    "0004": _sample_rows_0004,
    "0005": _sample_rows_0005,
    "0006": _sample_rows_0006,
}


def check_sample_rows(con: Connection) -> None:
    """The sample rows of any revision, read at the newest schema."""
    counts = {
        table: con.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        for table in (
            "settlements",
            "officials",
            "applicants",
            "appeals",
            "questions",
            "extensions",
            "forwardings",
            "attachments",
            "audit_log",
            "classifier_favourites",
            "appeal_search",
        )
    }
    assert counts == dict.fromkeys(counts, 1)
    appeal = con.execute(text("SELECT reg_number, summary, complaint_about FROM appeals WHERE id = 1")).one()
    assert tuple(appeal) == ("Ф-1/25", "Нет отопления в доме", "управляющая компания")
    assert con.execute(text("SELECT classifier_code FROM questions")).scalar_one() == SAMPLE_CODE
    admin_days = con.execute(
        text(
            "SELECT CAST(day AS VARCHAR(10)), is_working, note FROM calendar_overrides "
            "WHERE source = 'admin' ORDER BY day"
        )
    ).all()
    assert [(d, bool(w), n) for d, w, n in admin_days] == [
        ("2024-04-29", True, "решение главы"),
        ("2031-01-09", False, "перенос"),
    ]
    assert (
        con.execute(text("SELECT value FROM settings WHERE key = 'office.name'"))
        .scalar_one()
        .startswith('"Адм')
    )
    if con.dialect.name == "sqlite":  # PostgreSQL checks every foreign key as it is written
        hits = con.execute(text("SELECT rowid FROM appeal_fts WHERE appeal_fts MATCH 'stems : отоплен'")).all()
        assert [r[0] for r in hits] == [1]
        assert not con.execute(text("PRAGMA foreign_key_check")).all()
    # 0004: a database in use has its administrator, its counters and a chained audit log
    assert [tuple(r) for r in con.execute(text("SELECT login, role FROM users"))] == [("admin", "admin")]
    counters = sorted(tuple(r) for r in con.execute(text("SELECT series, year, last_seq FROM reg_counters")))
    assert counters[0] == ("appeal", 2025, 1)
    assert counters[1:] in ([], [("letter", 2025, 1)])  # 0006: the outgoing series
    from appealdesk.storage.audit_chain import first_break

    audit = con.execute(text(
        'SELECT id, chain, at, "user", user_id, entity, entity_id, action, changes FROM audit_log ORDER BY id'
    )).all()
    assert first_break(audit) == (None, 1)


def build_database_at(location: Path | str, revision: str, *, sample_rows: bool = True) -> Path | str:
    """A database at schema ``revision`` (and no later), with that revision's sample rows: ``location`` is
    a new file, or the URL of an empty PostgreSQL database."""
    if isinstance(location, str):
        engine = make_engine(location)
        try:
            with engine.begin() as con:
                migrations.upgrade_connection(con, revision)
                if sample_rows:
                    SAMPLE_ROWS[revision](con)
        finally:
            engine.dispose()
        return location
    path = location
    engine = migration_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as con, con.begin():
            migrations.upgrade_connection(con, revision)
            if sample_rows:
                SAMPLE_ROWS[revision](con)
    finally:
        engine.dispose()
    return path


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder (recursively) with its digest: to show that nothing was written."""
    return {str(p.relative_to(folder)): file_digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def all_revisions() -> list[str]:
    """Every revision, oldest first."""
    return [s.revision for s in reversed(list(migrations.script_directory().walk_revisions()))]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user data folder, inside the test's temporary folder."""
    folder = tmp_path / "home"
    monkeypatch.setenv("APPEALDESK_HOME", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path: Path, home: Path, on_sqlite) -> Path:
    """Where a new database file goes; a test that needs it is marked ``sqlite_only``."""
    if not on_sqlite:
        pytest.fail("this test needs an SQLite file: mark it sqlite_only", pytrace=False)
    return tmp_path / "office" / "appealdesk.sqlite3"


@pytest.fixture
def opened() -> Iterator[Callable[..., Database]]:
    """``open_database`` that disposes every database it opened at the end of the test."""
    databases: list[Database] = []

    def _open(*args, **kwargs) -> Database:
        db = open_database(*args, **kwargs)
        databases.append(db)
        return db

    yield _open
    for db in databases:
        db.dispose()


@pytest.fixture
def db(request, opened, on_sqlite) -> Database:
    """A new database at the newest schema with the bundled reference data: a new file opened for the
    first time on SQLite, a copy of the migrated template on PostgreSQL."""
    if not on_sqlite:
        return opened(request.getfixturevalue("fresh").copy(request.getfixturevalue("template_db")))
    db_path = request.getfixturevalue("db_path")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    return opened(db_path)


@pytest.fixture
def build_db_at() -> Callable[..., Path]:
    return build_database_at


@pytest.fixture
def check_samples() -> Callable[[Connection], None]:
    return check_sample_rows


@pytest.fixture
def digest() -> Callable[[Path], str]:
    return file_digest


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, str]]:
    return folder_snapshot


@pytest.fixture
def revisions() -> list[str]:
    return all_revisions()


@pytest.fixture
def sample_revisions() -> set[str]:
    """The revisions that have sample rows."""
    return set(SAMPLE_ROWS)
