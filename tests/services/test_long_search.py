"""A 10 000-character search (a pasted page) takes at most 100 ms: the query is cut to a few distinct
chunks before it reaches the index (it used to make an FTS query of thousands of terms: seconds)."""

from __future__ import annotations

import random
import time

import pytest

from appealdesk.services.journal_values import JournalQuery
from appealdesk.storage.search_index import MAX_TERMS, fts_query

LIMIT_MS = 100.0


def _queries() -> dict[str, str]:
    rnd = random.Random(3)
    common = ["ул", "д", "дом", "отопление", "дорога", "Иванов", "12-ОГ/26", "в", "и", "на", "кв"]
    page = ""
    while len(page) < 10_000:
        page += rnd.choice(common) + rnd.choice((" ", ", ", "-"))
    return {
        "pasted page": page[:10_000],
        "one-letter words": ((" ".join("абвгдежзиклмнопрстуф") + " ") * 300)[:10_000],
        "one endless word": "о" * 10_000,
        "random letters": "".join(rnd.choice("абвгд12 -/") for _ in range(10_000)),
    }


def test_a_long_query_becomes_a_few_terms():
    for text in _queries().values():
        expr = fts_query(text)
        assert expr is not None and expr.count(" AND ") < MAX_TERMS
        assert len(expr) < 1500


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    from datetime import date

    from appealdesk.services import AppealDesk

    path = tmp_path_factory.mktemp("long-search") / "office.sqlite3"
    desk = AppealDesk.open(path, today=lambda: date(2026, 11, 20))
    desk.demo.make(3000, seed=2, year=2026)
    yield desk
    desk.close()


def test_a_10000_character_search_takes_at_most_100_ms(office):
    slow = {}
    for name, text in _queries().items():
        best = float("inf")
        for _ in range(3):  # the best of three: a shared machine may be busy once
            started = time.perf_counter()
            office.journal.page(JournalQuery(text=text))
            office.journal.ids(JournalQuery(text=text, sort="applicant"))
            best = min(best, (time.perf_counter() - started) * 1000 / 2)
        if best > LIMIT_MS:
            slow[name] = round(best)
    assert not slow, f"slower than {LIMIT_MS} ms: {slow}"
