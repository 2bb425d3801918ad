"""Full-text search with filters and sorting; applicant look-up; repeated-appeal suggestion; classifier."""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import ApplicantInput

from .helpers import HEAT, HOUSING, appeal, executor


@pytest.fixture
def filled(desk):
    ex = executor(desk)
    village = desk.reference.add_settlement("д. Ёлкино")
    desk.appeals.register(appeal(summary="Прошу восстановить отопление в квартире", registered_on=date(2026, 11, 2)))
    desk.appeals.register(
        appeal(
            summary="Ремонт крыши многоквартирного дома",
            codes=(HOUSING,),
            applicant=ApplicantInput(last_name="Смирнова", first_name="Анна", address="ул. Садовая, 3", settlement_id=village.id),
            registered_on=date(2026, 10, 1),
            executor_id=ex.id,
            form="electronic",
        )
    )
    desk.appeals.register(appeal(summary="О перебоях с отоплением зимой", registered_on=date(2025, 1, 15), kind="complaint"))
    return desk, ex, village


def _numbers(desk, **kw):
    return sorted(r.reg_number for r in desk.journal.page(JournalQuery(**kw)).rows)


def test_stemming_and_folding(filled):
    desk, *_ = filled
    assert len(_numbers(desk, text="отопление")) == 2  # finds «отоплением» too
    assert len(_numbers(desk, text="ФЕДОРОВ")) == 2  # «Фёдоров»
    assert len(_numbers(desk, text="фёдоров отоплением")) == 2
    assert _numbers(desk, text="елкино") == []  # settlement names are filters, not text
    assert _numbers(desk, text="смирн") == ["2-ОГ/26"]  # a prefix
    assert _numbers(desk, text="1-ОГ/25") == ["1-ОГ/25"]
    assert _numbers(desk, text="крыши") == ["2-ОГ/26"]
    assert _numbers(desk, text="?!") == []


def test_filters_combine_with_text(filled):
    desk, ex, village = filled
    assert _numbers(desk, text="отопление", date_from=date(2026, 1, 1)) == ["1-ОГ/26"]
    assert _numbers(desk, kind="complaint") == ["1-ОГ/25"]
    assert _numbers(desk, form="electronic") == ["2-ОГ/26"]
    assert _numbers(desk, executor_id=ex.id) == ["2-ОГ/26"]
    assert _numbers(desk, settlement_id=village.id) == ["2-ОГ/26"]
    assert _numbers(desk, section="0005") == ["1-ОГ/25", "1-ОГ/26", "2-ОГ/26"]
    assert _numbers(desk, section=HOUSING) == ["2-ОГ/26"]
    assert _numbers(desk, state="overdue") == ["1-ОГ/25", "2-ОГ/26"]


def test_sorting_paging_and_total(filled):
    desk, *_ = filled
    page = desk.journal.page(JournalQuery(sort="registered_on", descending=False), offset=1, limit=1)
    assert page.total == 3 and [r.reg_number for r in page.rows] == ["2-ОГ/26"]
    by_applicant = desk.journal.page(JournalQuery(sort="applicant", descending=False)).rows
    assert [r.applicant.split()[0] for r in by_applicant] == ["Смирнова", "Фёдоров", "Фёдоров"]
    ids = desk.journal.ids(JournalQuery(sort="reg_number", descending=True))
    rows = desk.journal.rows(ids)
    assert [r.reg_number for r in rows] == ["2-ОГ/26", "1-ОГ/26", "1-ОГ/25"]
    for key in ("settlement", "executor", "topic", "state", "deadline", "kind"):
        assert len(desk.journal.ids(JournalQuery(sort=key))) == 3


def test_applicant_lookup_and_repeated_suggestion(filled):
    desk, *_ = filled
    found = desk.applicants.search("Федоров И.И.")
    assert [a.display_name for a in found] == ["Фёдоров Иван Иванович"]
    assert found[0].appeals_count == 2
    assert desk.applicants.search("фёд")[0].id == found[0].id
    assert desk.applicants.search("Федоров П") == ()
    earlier = desk.applicants.suggest_repeated(found[0].id, (HEAT,))
    assert [b.reg_number for b in earlier] == ["1-ОГ/26", "1-ОГ/25"]
    assert desk.applicants.suggest_repeated(found[0].id, (HOUSING,)) == ()


def test_repeated_link(filled):
    desk, *_ = filled
    first = desk.appeals.by_number("1-ОГ/26")
    again = desk.appeals.register(appeal(previous_appeal_id=first.id))
    assert again.is_repeated and again.previous_number == "1-ОГ/26"
    assert _numbers(desk, repeated=True) == [again.reg_number]


def test_classifier_search_by_word_and_code(desk):
    hits = desk.reference.classifier_search("теплоснабжения")
    assert HEAT in [h.code for h in hits]
    assert all(h.level in (4, 5) for h in hits)
    assert desk.reference.classifier_search("0005.0005.0056")[0].code.startswith("0005.0005.0056")
    item = desk.reference.classifier_item(HEAT)
    assert item.path.startswith("Жилищно-коммунальная сфера")
    assert len(desk.reference.classifier_children(None)) == 5


def test_favourites_pinned_then_most_used(filled):
    desk, *_ = filled
    desk.reference.pin_favourite(HOUSING)
    favs = [f.code for f in desk.reference.favourites()]
    assert favs[0] == HOUSING and HEAT in favs


def test_classifier_search_understands_everyday_words(desk):
    # the classifier says «теплоснабжение», a clerk types «отопление»
    assert desk.reference.classifier_search("отопление")[0].code == HEAT
    assert desk.reference.classifier_search("собаки")[0].name == "Организация выгула собак"
    assert "Уличное освещение" in [h.name for h in desk.reference.classifier_search("свет")]
    # a word inside another word is not a hit: «школа» does not find «дошкольное»
    assert all("дошкол" not in h.name.lower() for h in desk.reference.classifier_search("школа"))
    assert any("площадок" in h.name for h in desk.reference.classifier_search("детская площадка"))


def test_surname_number_and_address_rank_above_the_text(desk):
    """«фёдоров» lists the applicants Фёдоров first, then the other matches (a patronymic Фёдорович, an
    address on Фёдоровская street, the word in the text); each row says where it matched."""
    people = (
        ("Иванов", "Пётр", "Фёдорович", "ул. Мира, 1", "Прошу починить забор"),  # a patronymic: text
        ("Сидорова", "Анна", None, "ул. Фёдоровская, 5", "Прошу убрать снег"),  # the address
        ("Петров", "Олег", None, "ул. Лесная, 2", "Жалоба на соседа Фёдорова"),  # the text
        ("Фёдоров", "Иван", "Ильич", "ул. Садовая, 7", "Прошу отремонтировать дорогу"),  # the surname
        ("Федорова", "Нина", None, "ул. Садовая, 9", "Прошу провести газ"),  # the surname (ё folded)
    )
    for n, (last, first, middle, address, summary) in enumerate(people):
        desk.appeals.register(appeal(summary=summary, registered_on=date(2026, 11, 1 + n), applicant=ApplicantInput(
            last_name=last, first_name=first, middle_name=middle, address=address)))
    q = JournalQuery(text="фёдоров")
    rows = desk.journal.page(q).rows
    assert [r.applicant.split()[0] for r in rows] == ["Федорова", "Фёдоров", "Сидорова", "Петров", "Иванов"]
    assert [r.matched for r in rows] == ["surname", "surname", "address", "text", "text"]
    assert tuple(r.id for r in rows) == desk.journal.ids(q)  # the ids in the same order as the page
    assert [r.matched for r in desk.journal.rows(desk.journal.ids(q), "фёдоров")] == [r.matched for r in rows]
    assert desk.journal.page(q, 2, 2).rows == rows[2:4]  # pages across the groups
    # the chosen order holds within each group
    by_name = desk.journal.page(JournalQuery(text="фёдоров", sort="applicant", descending=False)).rows
    assert [r.applicant.split()[0] for r in by_name] == ["Фёдоров", "Федорова", "Сидорова", "Иванов", "Петров"]
    # a number typed ranks its appeal first
    number = rows[4].reg_number
    assert desk.journal.page(JournalQuery(text=number)).rows[0].matched == "number"
    assert all(r.matched == "" for r in desk.journal.page(JournalQuery()).rows)  # no search: nothing said
