"""The portable search (the plain ``appeal_search`` table a PostgreSQL database uses instead of FTS5) finds
what FTS5 finds. Run on SQLite by switching the dialect check off."""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import ApplicantInput
from appealdesk.storage import search_index

from .helpers import appeal


@pytest.fixture
def portable(desk, monkeypatch):
    monkeypatch.setattr(search_index, "_is_sqlite", lambda session: False)
    desk.appeals.register(appeal(summary="Прошу восстановить отопление", registered_on=date(2026, 11, 2)))
    desk.appeals.register(
        appeal(
            summary="Ремонт крыши",
            applicant=ApplicantInput(last_name="Смирнова", first_name="Анна"),
            registered_on=date(2026, 11, 3),
        )
    )
    return desk


@pytest.mark.parametrize(
    ("text", "expected"),
    [("отоплением", ["1-ОГ/26"]), ("ФЁДОРОВ", ["1-ОГ/26"]), ("смир", ["2-ОГ/26"]), ("2-ОГ/26", ["2-ОГ/26"]),
     ("крыши смирнова", ["2-ОГ/26"]), ("газ", [])],
)
def test_portable_search(portable, text, expected):
    rows = portable.journal.page(JournalQuery(text=text)).rows
    assert sorted(r.reg_number for r in rows) == expected
