"""An office with a head (the signatory), an executor with a phone, and appeals in every state a letter
needs: forwarded, extended, an information request, one without an address."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from appealdesk.services.values import ExtensionInput, ForwardingInput, OfficialInput
from tests.services.helpers import appeal


@pytest.fixture
def office(desk):
    s = desk.settings.get()
    desk.settings.save(replace(
        s, organisation="Администрация Сосновского сельского поселения",
        organisation_address="152000, Ярославская обл., с. Сосновка, ул. Центральная, д. 1",
        organisation_phone="8 (48535) 2-11-22", head_position="Глава Сосновского сельского поселения",
        head_name="Петров Пётр Петрович",
    ))
    executor = desk.reference.save_official(OfficialInput("Иванова Мария Сергеевна", "Ведущий специалист",
                                                          phone="8 (48535) 2-11-23"))
    return executor


def register(desk, executor, **kw):
    return desk.appeals.register(appeal(executor_id=executor.id, **kw))


@pytest.fixture
def forwarded(desk, office):
    card = register(desk, office, registered_on=date(2026, 11, 16))
    return desk.appeals.forward(card.id, ForwardingInput("Прокуратура Сосновского района",
                                                         forwarded_on=date(2026, 11, 18)))


@pytest.fixture
def extended(desk, office):
    card = register(desk, office, registered_on=date(2026, 11, 2))
    return desk.appeals.extend(card.id, ExtensionInput(20, "Запрошены документы в МУП «Теплосеть»", "Глава",
                                                       extended_on=date(2026, 11, 19)))
