"""The desktop opens without the whole-file check and runs it in the background: a damaged file is still
reported, and nothing is written to it."""

from __future__ import annotations

import pytest

from appealdesk.errors import DatabaseProblem
from appealdesk.services import AppealDesk


@pytest.mark.sqlite_only
def test_damage_found_by_the_background_check(db_path):
    size = db_path.stat().st_size
    page = 4096
    with open(db_path, "r+b") as fh:  # scribble over pages in the middle: the classifier's data
        fh.seek((size // page // 2) * page)
        fh.write(b"\xff\x00garbage" * (page * 3 // 9))
    before = db_path.read_bytes()
    with pytest.raises(DatabaseProblem) as err:
        AppealDesk.open(db_path)  # the full check at open refuses it
    assert err.value.reason == "damaged"
    desk = AppealDesk.open(db_path, deep_check=False)
    try:
        with pytest.raises(DatabaseProblem) as err:
            desk.check_integrity()
        assert err.value.reason == "damaged" and "резервной копии" in str(err.value)
    finally:
        desk.close()
    assert db_path.read_bytes() == before


def test_healthy_database_passes(desk):
    desk.check_integrity()
