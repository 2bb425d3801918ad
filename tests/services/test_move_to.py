"""``move-to``: an office's SQLite file copied whole into an empty PostgreSQL database, compared table by
table, and then usable from every workstation (numbers and ids continue, the scans are there, the people
sign in as before). Needs a PostgreSQL server (``--pg URL`` or ``APPEALDESK_TEST_PG``)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, text

from appealdesk.cli.main import main as cli
from appealdesk.errors import DomainError
from appealdesk.services import AppealDesk
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.users import UserInput
from appealdesk.storage.database import make_engine

from .helpers import appeal

TODAY = date(2026, 11, 20)


@pytest.fixture
def server(on_sqlite):
    if on_sqlite:
        pytest.skip("needs a PostgreSQL server (--pg URL or APPEALDESK_TEST_PG)")


@pytest.fixture
def office_file(tmp_path):
    """A one-PC office: demo appeals, two people, a scan."""
    path = tmp_path / "office.sqlite3"
    desk = AppealDesk.open(path, today=lambda: TODAY)
    desk.demo.make(150, seed=5)
    desk.users.set_password("admin", "секрет-главы")
    desk.users.add(UserInput("ivanova", "Иванова Мария Петровна", "clerk", password="секрет-клерк"))
    scan = tmp_path / "скан.pdf"
    scan.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 100)
    first = desk.journal.ids(JournalQuery())[0]
    desk.attachments.add(first, scan)
    desk.close()
    return path, first, scan.read_bytes()


def test_move_to_an_empty_server_copies_everything_and_compares(server, fresh, office_file, capsys, monkeypatch):
    path, first, scan = office_file
    url = fresh.empty("moved")
    monkeypatch.setenv("APPEALDESK_PASSWORD", "секрет-главы")
    assert cli(["--db", str(path), "--user", "admin", "move-to", url]) == 0
    out = capsys.readouterr().out
    assert "все таблицы на сервере совпадают" in out
    assert "appeals" in out and "attachment_contents" in out and "users" in out

    before = AppealDesk.open(path, user="admin", password="секрет-главы", today=lambda: TODAY)
    after = AppealDesk.open(url, user="ivanova", password="секрет-клерк", today=lambda: TODAY)
    try:
        assert after.reference.summary() == before.reference.summary()
        assert after.journal.ids(JournalQuery()) == before.journal.ids(JournalQuery())
        assert after.journal.count(JournalQuery(text="отопление")) == before.journal.count(
            JournalQuery(text="отопление")) > 0  # the search index came along, in the server's form
        (att,) = after.attachments.list(first)
        assert after.attachments.content(att.id)[1] == scan
        assert after.check().ok
        # the next registration continues the numbering and the ids of the copied rows
        last = before.appeals.register(appeal(registered_on=TODAY))
        moved = after.appeals.register(appeal(registered_on=TODAY))
        assert moved.reg_number == last.reg_number and moved.id == last.id
        assert after.audit.history("appeal", moved.id)[0].user == "Иванова Мария Петровна"
    finally:
        before.close()
        after.close()


def test_a_server_database_that_is_not_empty_is_refused_and_left_alone(server, fresh, office_file):
    path, _first, _scan = office_file
    url = fresh.empty("busy")
    engine = make_engine(url)
    try:
        with engine.begin() as con:
            con.execute(text("CREATE TABLE something (id integer primary key)"))
        desk = AppealDesk.open(path, user="admin", password="секрет-главы")
        try:
            with pytest.raises(DomainError, match=r"не пуста .*Ничего не изменено"):
                desk.transfer.move_to(url)
        finally:
            desk.close()
        with engine.connect() as con:
            assert inspect(con).get_table_names() == ["something"]
    finally:
        engine.dispose()


def test_an_unreachable_server_is_said_in_russian(office_file):
    import socket

    path, _first, _scan = office_file
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    desk = AppealDesk.open(path, user="admin", password="секрет-главы")
    try:
        with pytest.raises(DomainError, match="Не удалось подключиться к серверу"):
            desk.transfer.move_to(f"postgresql://u:p@127.0.0.1:{port}/office")
    finally:
        desk.close()


def test_only_the_administrator_moves_the_database(office_file):
    from appealdesk.errors import PermissionDenied

    path, _first, _scan = office_file
    desk = AppealDesk.open(path, user="ivanova", password="секрет-клерк")
    try:
        with pytest.raises(PermissionDenied, match="переносить базу данных на сервер"):
            desk.transfer.move_to("postgresql://u@127.0.0.1:1/x")
    finally:
        desk.close()
