"""Export, then import into a new database, gives back the same appeals: every field of the contract."""

from __future__ import annotations

from dataclasses import astuple

import pytest

from appealdesk.services.values import AppealCard


def contract_fields(desk, card: AppealCard) -> dict[str, object]:
    """What the journal carries of one appeal, with names instead of the ids of one database."""
    previous = desk.appeals.get(card.previous_appeal_id).reg_number if card.previous_appeal_id else None
    a = card.applicant
    return {
        "reg_number": card.reg_number,
        "received_on": card.received_on,
        "registered_on": card.registered_on,
        "form": card.form,
        "source": card.source,
        "cover_letter": card.cover_letter,
        "kind": card.kind,
        "is_collective": card.is_collective,
        "signatures": card.signatures,
        "is_anonymous": card.is_anonymous,
        "applicant": None if a is None else (
            a.type, a.last_name, a.first_name, a.middle_name, a.org_name, a.address, a.phone, a.email,
            a.social_category, a.settlement, a.display_name,
        ),
        "settlement": card.settlement,
        "summary": card.summary,
        "questions": [(q.code, q.result, q.executor, q.position) for q in card.questions],
        "executor": card.executor,
        "resolution": card.resolution,
        "legal_deadline": card.legal_deadline,
        "control_deadline": card.control_deadline,
        "extended_deadline": card.extended_deadline,
        "deadline": card.deadline,
        "deadline_state": card.deadline_state,
        "extension": None if card.extension is None else (
            card.extension.days, card.extension.previous_deadline, card.extension.new_deadline,
        ),
        "on_control": card.on_control,
        "commission": card.commission,
        "on_site": card.on_site,
        "with_author": card.with_author,
        "answer_on": card.answer_on,
        "answer_number": card.answer_number,
        "satisfaction": card.satisfaction,
        "is_repeated": card.is_repeated,
        "previous_linked": previous,
        "previous_number": card.previous_number,
        "status": card.status,
        "closed_on": card.closed_on,
    }


@pytest.fixture
def round_trip(make_desk, codes, tmp_path, populate):
    source = make_desk("source")
    ids = populate(source, codes)
    first = tmp_path / "journal.xlsx"
    assert source.exchange.export_journal(first) == len(ids)
    target = make_desk("target")
    result = target.exchange.import_journal(first)
    return source, target, ids, result, first


def test_every_field_comes_back(round_trip):
    source, target, ids, result, _ = round_trip
    assert result.count == len(ids)
    for name, appeal_id in ids.items():
        before = source.appeals.get(appeal_id)
        after = target.appeals.by_number(before.reg_number)
        want, got = contract_fields(source, before), contract_fields(target, after)
        for key in want:
            assert got[key] == want[key], f"{name}: {key}"


def test_the_cases_the_journal_must_carry(round_trip):
    _, target, _, result, _ = round_trip
    by = target.appeals.by_number
    two = by("2-ОГ/26")
    assert [(q.result) for q in two.questions] == ["supported", "explained"]
    assert two.status == "closed" and two.closed_on == two.answer_on
    anonymous = target.appeals.get(next(i for i in range(1, 20) if target.appeals.get(i).summary.startswith("Предлагаю")))
    assert anonymous.is_anonymous and anonymous.applicant is None and anonymous.settlement == "с. Берёзовка"
    org = by("4-ОГ/26")
    assert org.applicant.type == "organisation" and org.applicant.org_name == "ТСЖ «Берёзка»"
    collective = by("5-ОГ/26")
    assert collective.is_collective and collective.signatures == 37
    extended = by("6-ОГ/26")
    assert extended.extension.days == 30 and extended.deadline == extended.extended_deadline
    repeated = by("7-ОГ/26")
    assert repeated.is_repeated and target.appeals.get(repeated.previous_appeal_id).reg_number == "1-ОГ/26"
    unknown = by("8-ОГ/26")
    assert unknown.is_repeated and unknown.previous_appeal_id is None and unknown.previous_number == "112-ОГ/25"
    info = by("1-ЗИ/26")
    assert info.summary.startswith("=Запрос") and "\n" in info.summary
    partial = by("9-ОГ/26")
    assert [q.result for q in partial.questions] == ["measures_taken", None] and partial.status == "in_progress"
    assert set(result.created_executors) == {"Сидорова Анна Петровна", "Фёдоров Илья Ильич"}
    assert set(result.created_settlements) == {"с. Берёзовка", "д. Ключи"}


def test_second_export_is_identical(round_trip, tmp_path, read_journal):
    _, target, _, _, first = round_trip
    second = tmp_path / "again.xlsx"
    target.exchange.export_journal(second)
    h1, rows1 = read_journal(first)
    h2, rows2 = read_journal(second)
    assert h1 == h2
    assert rows1 == rows2


def test_round_trip_into_a_database_that_knows_the_names(make_desk, codes, tmp_path, populate):
    """Executors and settlements already in the target are used, not created again."""
    source = make_desk("source")
    ids = populate(source, codes)
    path = tmp_path / "j.xlsx"
    source.exchange.export_journal(path)
    target = make_desk("target")
    target.reference.add_settlement("С. БЕРЕЗОВКА")  # another spelling of the same village
    from appealdesk.services.values import OfficialInput

    target.reference.save_official(OfficialInput(full_name="ФЕДОРОВ Илья Ильич"))
    result = target.exchange.import_journal(path)
    assert result.count == len(ids)
    assert result.created_settlements == ("д. Ключи",)
    assert result.created_executors == ("Сидорова Анна Петровна",)
    assert len(target.reference.settlements()) == 2
    card = target.appeals.by_number("1-ОГ/26")
    assert card.executor == "ФЕДОРОВ Илья Ильич" and card.settlement == "С. БЕРЕЗОВКА"


def test_today_is_fixed(round_trip, today):
    source, target, *_ = round_trip
    assert source.today() == target.today() == today
    # the state shown on the journal is the same in both
    assert [astuple(r)[1:] for r in source.journal.rows(source.journal.ids(_q()))] == [
        astuple(r)[1:] for r in target.journal.rows(target.journal.ids(_q()))
    ]


def _q():
    from appealdesk.services.journal_values import JournalQuery

    return JournalQuery(sort="reg_number", descending=False)


def test_the_channel_of_an_electronic_appeal_goes_both_ways(desk, tmp_path, fresh, template_db):
    """The additive column «Канал поступления» (547-FZ) keeps the channel on a round trip."""
    from appealdesk.services import AppealDesk
    from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput

    card = desk.appeals.register(AppealInput(
        form="electronic", kind="statement", summary="Через сайт", questions=(QuestionInput("0005.0005.0056.1156"),),
        channel="site", applicant=ApplicantInput(last_name="Орлов", first_name="Пётр", email="orlov@mail.ru")))
    path = tmp_path / "j.xlsx"
    desk.exchange.export_journal(path)
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    header = [c.value for c in ws[1]]
    assert ws.cell(2, header.index("Канал поступления") + 1).value == "Официальный сайт органа"
    other = AppealDesk.open(fresh.copy(template_db, "other"), today=desk.today)
    try:
        other.exchange.import_journal(path)
        assert other.appeals.by_number(card.reg_number).channel == "site"
    finally:
        other.close()
