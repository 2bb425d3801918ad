"""Files with personal data are created readable by their owner only (152-ФЗ): 0600 files and 0700 folders
on POSIX whatever the umask: the database and its -wal/-shm, backups, logs, spreadsheets, PDFs, JSON."""

from __future__ import annotations

import logging
import os
import stat
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX file modes (on Windows the per-user data folder is private)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)  # the usual default: new files would be world-readable
    yield
    os.umask(old)


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home" / "AppealDesk"
    monkeypatch.setenv("APPEALDESK_HOME", str(folder))
    return folder


def _register(desk):
    from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput

    return desk.appeals.register(AppealInput(
        form="written", kind="statement", summary="Не работает отопление", registered_on=date(2026, 11, 2),
        questions=(QuestionInput("0005.0005.0056.1156"),), applicant=ApplicantInput(last_name="Фёдоров")))


def test_the_database_backups_and_documents_are_owner_only(umask_022, home):
    from appealdesk.card_print import card_document, write_card_pdf
    from appealdesk.reports import Period
    from appealdesk.reports.json_report import write_report_json
    from appealdesk.reports.pdf import write_report_pdf
    from appealdesk.reports.xlsx import write_report_xlsx
    from appealdesk.services import AppealDesk
    from appealdesk.storage.backup import backup_database

    desk = AppealDesk.open(today=lambda: date(2026, 11, 20))  # the default database: the folder is made
    try:
        card = _register(desk)
        db = home / "appealdesk.sqlite3"
        assert mode(home) == 0o700
        for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert f.exists() and mode(f) == 0o600, f
        copy = backup_database(desk._db, home / "backups")
        assert mode(copy.parent) == 0o700 and mode(copy) == 0o600
        period = Period(date(2026, 1, 1), date(2026, 12, 31))
        report = desk.reports.build(period)
        d = desk.control.discipline(date(2026, 1, 1), date(2026, 12, 31))
        written = [
            Path(desk.exchange.export_journal(home / "journal.xlsx") and home / "journal.xlsx"),
            write_report_xlsx(report, home / "report.xlsx"),
            write_report_pdf(report, home / "report.pdf"),
            write_report_json(report, home / "report.json"),
            desk.control.export_discipline(d, home / "discipline.xlsx"),
            desk.control.reminders_pdf(desk.control.reminders(30), home / "reminders.pdf"),
        ]
        for fmt in ("pdf", "xlsx"):
            desk.reports.write_list("journal", period, fmt, home / f"list.{fmt}")
            written.append(home / f"list.{fmt}")
        write_card_pdf(card_document(desk.appeals.get(card.id), desk._ctx.label), home / "card.pdf")
        written.append(home / "card.pdf")
        for f in written:
            assert f.exists() and mode(f) == 0o600, f
    finally:
        desk.close()


def test_the_log_is_owner_only_and_stays_so_after_rotation(umask_022, home):
    from ui.safety import logs

    path = logs.setup_logging()
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(path))
    try:
        logging.getLogger("appealdesk.test").warning("Иванов Иван, ул. Ленина 5, \ud800")  # never an error
        handler.flush()
        assert mode(path.parent) == 0o700 and mode(path) == 0o600
        handler.doRollover()
        logging.getLogger("appealdesk.test").warning("после ротации")
        handler.flush()
        assert mode(path) == 0o600 and mode(Path(f"{path}.1")) == 0o600
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_database_restored_into_a_new_place_is_owner_only(umask_022, home, tmp_path):
    from appealdesk.services import AppealDesk
    from appealdesk.storage.backup import backup_database
    from appealdesk.storage.restore import restore_backup

    desk = AppealDesk.open(tmp_path / "office.sqlite3")
    _register(desk)
    copy = backup_database(desk._db, tmp_path / "copies")
    desk.close()
    target = tmp_path / "new-pc" / "appealdesk.sqlite3"
    target.parent.mkdir()
    restore_backup(copy, target, tmp_path / "copies")
    assert mode(target) == 0o600
