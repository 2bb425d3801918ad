"""One journal row from its columns: shared by the journal service and the start-up reader
(``first_screen``), so that both show the same thing. No SQLAlchemy here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..domain.deadlines import DeadlineEngine
from .journal_values import JournalRow

# The columns a row is built from, in this order (appeal columns unless named otherwise).
ROW_COLUMNS = (
    "id", "reg_number", "received_on", "registered_on", "applicant_name", "settlement.name", "form", "source",
    "kind", "topic_code", "executor.full_name", "legal_deadline", "control_deadline", "deadline",
    "extended_deadline", "status", "answer_on", "summary",
)


def journal_row(r: Sequence, engine: DeadlineEngine, today: date) -> JournalRow:
    """``r``: the values of ``ROW_COLUMNS``, dates as ``date``."""
    extended = r[14] is not None
    status = r[15]
    return JournalRow(
        id=r[0], reg_number=r[1], received_on=r[2], registered_on=r[3], applicant=r[4], settlement=r[5],
        form=r[6], source=r[7], kind=r[8], topic_code=r[9], executor=r[10], legal_deadline=r[11],
        control_deadline=r[12], deadline=r[13], extended=extended, status=status,
        state=str(engine.state(r[13], status == "closed", extended, today)), answer_on=r[16], summary=r[17],
    )
