"""Scans live in the database: read back as added, refused above 50 MB, checked against their hash by the
check and by every backup, carried by a backup and brought back by a restore on a fresh folder."""

from __future__ import annotations

import pytest

from appealdesk.errors import DomainError
from appealdesk.services import AppealDesk
from appealdesk.services.backups import restore_file

from .helpers import appeal


@pytest.fixture
def scanned(desk, tmp_path):
    card = desk.appeals.register(appeal())
    scans = []
    for name, data in (("заявление.pdf", b"%PDF-1.4 " + bytes(range(256)) * 400), ("фото.jpg", b"\xff\xd8" * 5000)):
        path = tmp_path / name
        path.write_bytes(data)
        scans.append((desk.attachments.add(card.id, path), data))
    return card, scans


def test_a_scan_is_read_back_as_it_was_added(desk, scanned, tmp_path):
    _card, scans = scanned
    for view, data in scans:
        (tmp_path / view.file_name).unlink()  # the original is gone
        name, content = desk.attachments.content(view.id)
        assert (name, content) == (view.file_name, data)
        assert desk.attachments.save_copy(view.id, tmp_path / ("копия-" + name)).read_bytes() == data
    history = [r.action for r in desk.audit.history("appeal", _card.id)]
    assert history.count("attachment_add") == 2


def test_big_and_missing_files_are_refused_in_russian(desk, tmp_path):
    card = desk.appeals.register(appeal())
    big = tmp_path / "огромный скан.pdf"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)  # sparse: no real 50 MB written
    with pytest.raises(DomainError, match=r"слишком большой .*до 50 МБ"):
        desk.attachments.add(card.id, big)
    with pytest.raises(DomainError, match="не найден"):
        desk.attachments.add(card.id, tmp_path / "нет такого.pdf")
    assert desk.attachments.list(card.id) == ()


@pytest.mark.sqlite_only
def test_a_backup_restored_on_a_fresh_folder_brings_back_every_scan(desk, scanned, tmp_path):
    _card, scans = scanned
    backup = desk.backups.make(tmp_path / "copies")
    info = desk.backups.inspect(backup)
    assert info.scans == 2 and info.scans_size == sum(len(d) for _v, d in scans)
    new_pc = tmp_path / "new-pc" / "appealdesk.sqlite3"
    new_pc.parent.mkdir()
    restore_file(backup, new_pc)
    moved = AppealDesk.open(new_pc)
    try:
        for view, data in scans:
            assert moved.attachments.content(view.id) == (view.file_name, data)
        assert moved.check().scans == 2 and moved.check().ok
    finally:
        moved.close()


def _tamper(desk, sql: str, **params) -> None:
    """A change made around the program, as a plain UPDATE would."""
    from sqlalchemy import text

    with desk._ctx.uow() as s:
        s.execute(text(sql), params)


def test_a_damaged_scan_is_found_by_the_check_and_stops_a_backup(desk, scanned, tmp_path):
    _card, scans = scanned
    view = scans[0][0]
    _tamper(desk, "UPDATE attachment_contents SET data = :d WHERE attachment_id = :i", d=b"broken", i=view.id)
    report = desk.check()
    assert any("заявление.pdf" in p and "повреждён" in p for p in report.problems)
    with pytest.raises(DomainError, match="повреждён"):
        desk.attachments.content(view.id)
    if desk.backups.available():
        with pytest.raises(DomainError, match="сканы вложений в ней не совпадают"):
            desk.backups.make(tmp_path / "copies")
        assert not list((tmp_path / "copies").glob("appealdesk-*.sqlite3"))


def test_the_audit_chain_shows_where_the_log_was_changed(desk):
    from sqlalchemy import select

    from appealdesk.storage.models import AuditEntry

    cards = [desk.appeals.register(appeal()) for _ in range(3)]
    assert desk.check().ok
    with desk._ctx.read() as s:
        row = s.scalar(select(AuditEntry.id).where(AuditEntry.entity_id == cards[1].id).order_by(AuditEntry.id))
    _tamper(desk, 'UPDATE audit_log SET "user" = :u WHERE id = :i', u="кто-то другой", i=row)
    problems = desk.check().problems
    assert any(f"начиная с записи № {row}" in p for p in problems)


def test_a_tampered_record_cannot_point_at_a_file_on_the_disk(desk, scanned, tmp_path):
    """The old design kept a file name in the row; a changed row could make the program open any file. The
    content now comes from the database only: the row's names change nothing but the name shown."""
    _card, scans = scanned
    view, data = scans[0]
    secret = tmp_path / "чужой.txt"
    secret.write_text("не для программы")
    _tamper(desk, "UPDATE attachments SET stored_name = :p, file_name = :n WHERE id = :i",
            p=str(secret), n="../../чужой.txt", i=view.id)
    _name, content = desk.attachments.content(view.id)
    assert content == data
    opened = desk.attachments.open_copy(view.id)
    assert opened.read_bytes() == data and opened.parent != secret.parent
    assert "/" not in opened.name and "\\" not in opened.name  # no way out of its own temporary folder
