"""Small builders for the service tests."""

from __future__ import annotations

from datetime import date

from appealdesk.services.values import AppealInput, ApplicantInput, OfficialInput, QuestionInput

HOUSING = "0005.0005.0055.1137"  # "Обследование жилого фонда..." (level 4)
HEAT = "0005.0005.0056.1156"  # "Перебои в теплоснабжении"


def executor(desk, name="Петров Пётр Петрович"):
    return desk.reference.save_official(OfficialInput(name, position="Ведущий специалист"))


def appeal(
    registered_on: date = date(2026, 11, 2),
    codes: tuple[str, ...] = (HEAT,),
    last_name: str | None = "Фёдоров",
    summary: str = "Не работает отопление в доме по ул. Ленина",
    **kw,
) -> AppealInput:
    applicant = kw.pop("applicant", None)
    if applicant is None and last_name:
        applicant = ApplicantInput(
            last_name=last_name, first_name="Иван", middle_name="Иванович", address=kw.pop("address", "ул. Ленина, 5")
        )
    return AppealInput(
        form=kw.pop("form", "written"),
        kind=kw.pop("kind", "statement"),
        summary=summary,
        questions=tuple(QuestionInput(c) for c in codes),
        registered_on=registered_on,
        applicant=applicant,
        **kw,
    )
