"""OS error texts shown to the user are Russian; the English ``strerror`` goes to the log only."""

from __future__ import annotations

import errno
import logging
import os

import pytest

from appealdesk.os_errors import is_disk_full, os_error_text


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO, errno.ENOENT,
                                  errno.EBUSY, errno.ENAMETOOLONG, errno.EISDIR, 12345])
def test_every_error_reads_in_russian(code, caplog):
    exc = OSError(code, os.strerror(code) if code != 12345 else "Unknown error", "/tmp/x")
    with caplog.at_level(logging.INFO, logger="appealdesk.os_errors"):
        text = os_error_text(exc)
    assert text and not any("a" <= ch.lower() <= "z" for ch in text), text
    assert exc.strerror in caplog.text  # the English words are kept for the specialist


def test_disk_full_is_recognised():
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "на диске нет свободного места"
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert not is_disk_full(OSError(errno.EIO, "Input/output error"))
    assert not is_disk_full(ValueError("x"))


def test_windows_sharing_violation_names_the_other_program():
    exc = OSError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32
    assert "открыт в другой программе" in os_error_text(exc)


def test_a_write_refused_by_the_system_is_told_in_russian(tmp_path):
    from appealdesk import sheets
    from appealdesk.errors import DomainError

    target = tmp_path / "отчёт.xlsx"
    target.mkdir()  # a folder stands where the file should go
    wb = sheets.workbook()
    sheets.write(wb.active, 1, 1, "Иванов")
    with pytest.raises(DomainError) as info:
        sheets.save(wb, target)
    text = str(info.value)
    assert "Не удалось записать файл" in text and "указана папка, а не файл" in text
    assert "Is a directory" not in text and "Errno" not in text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".appealdesk-")]  # no temporary file left
