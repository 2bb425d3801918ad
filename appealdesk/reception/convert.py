"""Which form of receipt an appeal taken at a reception gets. The registration itself is
``services.appeals.register_in``, run inside the card's own transaction so that the card and its appeal
are saved together or not at all."""

from __future__ import annotations

FORM_OF_KIND = {"visiting": "visiting_reception"}  # every other reception kind: personal_reception


def appeal_form(reception_kind: str, outcome: str) -> str:
    if outcome == "appeal_handed":
        return "written"  # a written appeal handed in at the reception is registered as usual
    return FORM_OF_KIND.get(reception_kind, "personal_reception")
