"""A lone surrogate (half of a UTF-16 pair, as a broken copy-paste leaves it) in any text never raises
``UnicodeEncodeError``: the service layer stores it as U+FFFD, and searching, exporting, printing and
logging go on."""

from __future__ import annotations

from datetime import date

from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.values import (
    AnswerInput,
    AppealInput,
    ApplicantInput,
    ExtensionInput,
    OfficialInput,
    QuestionInput,
)

from .helpers import HEAT

BROKEN = "Ив\ud800анов"
SHOWN = "Ив\ufffdанов"


def test_a_lone_surrogate_in_every_field_is_stored_as_a_replacement_character(desk, tmp_path):
    official = desk.reference.save_official(OfficialInput(BROKEN, position=BROKEN))
    settlement = desk.reference.add_settlement(f"с. {BROKEN}")
    card = desk.appeals.register(AppealInput(
        form="written", kind="statement", summary=f"Жалоба {BROKEN}", questions=(QuestionInput(HEAT, note=BROKEN),),
        registered_on=date(2026, 11, 2), cover_letter=BROKEN, resolution=BROKEN, executor_id=official.id,
        applicant=ApplicantInput(last_name=BROKEN, first_name=BROKEN, middle_name=BROKEN, address=BROKEN,
                                 social_category=BROKEN, settlement_id=settlement.id),
    ))
    assert card.applicant.last_name == SHOWN and card.summary == f"Жалоба {SHOWN}"
    desk.appeals.extend(card.id, ExtensionInput(days=10, reason=BROKEN, extended_by=BROKEN,
                                                extended_on=date(2026, 11, 20)))
    card = desk.appeals.answer(card.id, AnswerInput(answer_on=date(2026, 11, 20), text=BROKEN,
                                                    answer_number=BROKEN,
                                                    results={card.questions[0].id: "explained"}))
    desk.appeals.delete(card.id, BROKEN)
    desk.appeals.restore(card.id)
    fresh = desk.appeals.get(card.id)
    assert fresh.applicant.last_name == SHOWN and official.full_name == SHOWN
    assert desk.journal.page(JournalQuery(text=BROKEN)).total == 1  # found by what was typed
    assert desk.applicants.search(BROKEN[:2])
    assert "\ud800" not in repr(desk.audit.history("appeal", card.id))


def test_documents_of_such_an_appeal_are_written(desk, tmp_path):
    from appealdesk.card_print import card_document, write_card_pdf

    card = desk.appeals.register(AppealInput(
        form="written", kind="statement", summary=BROKEN, questions=(QuestionInput(HEAT),),
        registered_on=date(2026, 11, 2), applicant=ApplicantInput(last_name=BROKEN)))
    desk.exchange.export_journal(tmp_path / "j.xlsx")
    write_card_pdf(card_document(card, desk._ctx.label), tmp_path / "card.pdf")
    assert (tmp_path / "j.xlsx").stat().st_size and (tmp_path / "card.pdf").stat().st_size
