"""After a journal import the card registers as before: the imported rows' ids do not collide with the
ids the database gives the next registrations (the sequences are advanced on PostgreSQL)."""

from __future__ import annotations

from datetime import date

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import AppealInput, ApplicantInput, QuestionInput


def test_registration_after_an_import(make_desk, codes, tmp_path, populate):
    source = make_desk("source")
    ids = populate(source, codes)
    journal = tmp_path / "journal.xlsx"
    source.exchange.export_journal(journal)
    target = make_desk("target")

    result = target.exchange.import_journal(journal)
    assert result.count == len(ids)

    card = target.appeals.register(AppealInput(
        form="written", kind="statement", summary="Не вывозят мусор", questions=(QuestionInput(codes[0]),),
        registered_on=date(2026, 11, 20),
        applicant=ApplicantInput(last_name="Гусева", first_name="Нина", address="ул. Полевая, 3"),
    ))
    assert card.id > 0
    assert target.journal.page(JournalQuery()).total == len(ids) + 1
    assert target.appeals.get(card.id).summary == "Не вывозят мусор"
