"""The first start (appealdesk.services.first_setup): when a database needs the wizard, what it saves."""

from __future__ import annotations

from datetime import time

import pytest

from appealdesk.errors import ValidationError
from appealdesk.services.first_setup import (
    FirstSetup,
    parse_executor,
)


def test_a_new_database_needs_setup_and_the_answers_are_saved(desk):
    assert desk.setup.needed()
    desk.setup.apply(FirstSetup(
        organisation="Администрация Ключевского сельсовета", organisation_address="с. Ключи, ул. Центральная, 1",
        head_position="Глава сельсовета", head_name="Соколов Андрей Викторович",
        settlements=("с. Ключи", "д. Малиновка", "с. Ключи"),
        executors=(("Гусев Павел Сергеевич", "специалист по ЖКХ"), ("Белова Ирина Юрьевна", "")),
        reception_weekdays=(4, 1), reception_from=time(14, 0), reception_to=time(17, 0),
        reception_place="кабинет главы",
    ))
    assert not desk.setup.needed()
    s = desk.settings.get()
    assert (s.organisation, s.head_name, s.head_position) == (
        "Администрация Ключевского сельсовета", "Соколов Андрей Викторович", "Глава сельсовета")
    assert sorted(v.name for v in desk.reference.settlements()) == ["д. Малиновка", "с. Ключи"]
    officials = {o.full_name: o for o in desk.reference.officials()}
    assert officials["Соколов Андрей Викторович"].is_head
    assert officials["Гусев Павел Сергеевич"].position == "специалист по ЖКХ"
    assert "Белова Ирина Юрьевна" in officials
    # the head's reception is a rule of the reception schedule
    rules = desk.reception.rules(officials["Соколов Андрей Викторович"].id)
    assert len(rules) == 1
    assert tuple(rules[0].weekdays) == (1, 4)
    assert (rules[0].time_from, rules[0].time_to, rules[0].place) == (time(14, 0), time(17, 0), "кабинет главы")


def test_a_second_apply_does_not_duplicate(desk):
    data = FirstSetup(organisation="Администрация", head_name="Соколов Андрей Викторович",
                      settlements=("с. Ключи",), executors=(("Гусев Павел Сергеевич", ""),))
    desk.setup.apply(data)
    desk.setup.apply(data)
    assert len(desk.reference.officials()) == 2
    assert len(desk.reference.settlements()) == 1


def test_reception_hours_are_checked(desk):
    with pytest.raises(ValidationError, match="позже начала"):
        desk.setup.apply(FirstSetup(organisation="Администрация", head_name="Соколов Андрей Викторович",
                                           reception_weekdays=(1,), reception_from=time(17, 0),
                                           reception_to=time(14, 0)))


def test_the_organisation_is_required(desk):
    with pytest.raises(ValidationError, match="название организации"):
        desk.setup.apply(FirstSetup(organisation="  "))
    assert desk.setup.needed()


@pytest.mark.parametrize(("line", "expected"), [
    ("Гусев Павел Сергеевич — специалист по ЖКХ", ("Гусев Павел Сергеевич", "специалист по ЖКХ")),
    ("Гусев Павел Сергеевич - специалист", ("Гусев Павел Сергеевич", "специалист")),
    ("Белова Ирина Юрьевна, специалист по работе с обращениями",
     ("Белова Ирина Юрьевна", "специалист по работе с обращениями")),
    ("Петрова-Водкина Анна Ивановна", ("Петрова-Водкина Анна Ивановна", "")),
    ("   ", None),
])
def test_executor_lines(line, expected):
    assert parse_executor(line) == expected
