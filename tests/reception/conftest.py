"""Fixtures of the reception tests: an office with a head who receives on Monday and Thursday 14:00-17:00."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from appealdesk.reception import RuleInput
from appealdesk.services import AppealDesk
from appealdesk.services.values import ApplicantInput, OfficialInput

HEAT = "0005.0005.0056.1156"  # "Перебои в теплоснабжении" (a question code)
ROADS = "0003.0009.0097.0690"


@pytest.fixture
def clock():
    """A settable "today" for the office."""
    return {"today": date(2026, 11, 20)}


@pytest.fixture
def office(db_location, clock):
    d = AppealDesk.open(db_location, today=lambda: clock["today"])
    d.settings.save(replace(d.settings.get(), organisation="Администрация Ключевского сельсовета",
                            organisation_address="с. Ключи, ул. Центральная, 1"))
    yield d
    d.close()


@pytest.fixture
def head(office):
    return office.reference.save_official(OfficialInput("Соколов Андрей Викторович", "Глава сельсовета",
                                                        is_head=True, phone="8 (38562) 2-11-00"))


@pytest.fixture
def deputy(office):
    return office.reference.save_official(OfficialInput("Белова Ирина Юрьевна", "Заместитель главы"))


@pytest.fixture
def village(office):
    return office.reference.add_settlement("д. Малиновка")


@pytest.fixture
def head_rule(office, head):
    return office.reception.save_rule(RuleInput(
        official_id=head.id, weekdays=(1, 4), time_from=time(14), time_to=time(17),
        place="с. Ключи, ул. Центральная, 1, каб. 1", valid_from=date(2026, 1, 1), phone="8 (38562) 2-11-00",
        pre_registration=True, slot_minutes=20,
    ))


@pytest.fixture
def visitor(office):
    def make(last="Фёдоров", first="Иван", middle="Ильич"):
        return ApplicantInput(last_name=last, first_name=first, middle_name=middle, address="с. Ключи, ул. Мира, 1")

    return make
