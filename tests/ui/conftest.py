"""pytest-qt fixtures of the desktop tests: offscreen Qt, one QApplication for the session (pytest-qt's
``qapp``), a small office database per test, and a test fails on any unexpected Qt warning."""

from __future__ import annotations

import os
import shutil
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ.setdefault("APPEALDESK_HOME", tempfile.mkdtemp(prefix="appealdesk-ui-home-"))

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QtMsgType

from appealdesk.services import AppealDesk
from appealdesk.services.values import (
    AnswerInput,
    AppealInput,
    ApplicantInput,
    OfficialInput,
    QuestionInput,
)

TODAY = date(2026, 11, 20)  # a Friday

# Messages of the offscreen platform plugin itself, not of the program
IGNORED_QT_MESSAGES = (
    "This plugin does not support",
    "QFont::setPointSizeF: Point size <= 0",
)

CODES = ("0003.0009.0097.0690", "0005.0005.0056.1148", "0003.0009.0099.0742.0110", "0002.0006.0064.0244")


def pytest_configure(config):
    config.addinivalue_line("markers", "qt_warnings_expected: the test expects Qt warnings (not failed on them)")


@pytest.fixture(autouse=True, scope="session")
def cycles_collected_on_the_gui_thread(qapp):
    """As in the program (``ui.app``): no worker thread (the start-up reader, the pool) runs the collector."""
    from ui import gc_policy

    gc_policy.install()


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(request, qtlog):
    """Like qutebrowser's ``qt_log_level_fail = WARNING``: an unexpected Qt warning fails the test."""
    yield
    if request.node.get_closest_marker("qt_warnings_expected"):
        return
    bad = [
        r.message
        for r in qtlog.records
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(r.message.startswith(p) for p in IGNORED_QT_MESSAGES)
    ]
    if bad:
        pytest.fail("Unexpected Qt warnings:\n" + "\n".join(bad), pytrace=False)


def _fill(desk: AppealDesk) -> None:
    """A small office: two villages, a head and two executors, 40 appeals of every kind and state."""
    from dataclasses import replace

    from appealdesk.services.users import UserInput

    desk.users.add(UserInput("admin", "Соколов Андрей Викторович", "admin"))  # the head runs the program
    desk.settings.save(replace(desk.settings.get(), organisation="Администрация Ключевского сельсовета",
                               head_name="Соколов Андрей Викторович"))
    s1 = desk.reference.add_settlement("с. Ключи")
    s2 = desk.reference.add_settlement("д. Малиновка")
    desk.reference.save_official(OfficialInput("Соколов Андрей Викторович", "Глава сельсовета", is_head=True))
    e1 = desk.reference.save_official(OfficialInput("Гусев Павел Сергеевич", "Специалист по ЖКХ"))
    e2 = desk.reference.save_official(OfficialInput("Белова Ирина Юрьевна", "Специалист по работе с обращениями"))
    people = (("Фёдоров", "Иван", "Ильич", s1.id, "ул. Мира, д. 1"), ("Смирнова", "Анна", "Петровна", s2.id,
              "ул. Садовая, д. 7"), ("Кузнецов", "Олег", None, s1.id, "ул. Лесная, д. 3"))
    kinds = ("statement", "complaint", "proposal", "statement")
    forms = ("written", "electronic", "personal_reception", "phone")
    summaries = ("Прошу отремонтировать уличное освещение", "Жалоба на отсутствие отопления в доме",
                 "Предлагаю установить скамейки у клуба", "Прошу отремонтировать дорогу по улице")
    for n in range(40):
        last, first, middle, sid, addr = people[n % 3]
        reg = TODAY - timedelta(days=n * 2)
        card = desk.appeals.register(AppealInput(
            form=forms[n % 4], kind=kinds[n % 4], summary=f"{summaries[n % 4]} ({n + 1})",
            questions=(QuestionInput(CODES[n % 4]),), registered_on=reg, received_on=reg,
            applicant=ApplicantInput(last_name=last, first_name=first, middle_name=middle, settlement_id=sid,
                                     address=addr),
            executor_id=(e1.id, e2.id)[n % 2], complaint_about="Управляющая компания" if kinds[n % 4] == "complaint" else None,
        ))
        if n >= 25:
            desk.appeals.answer(card.id, AnswerInput(answer_on=reg + timedelta(days=10),
                                                     results={card.questions[0].id: "explained"}))


@pytest.fixture(scope="session")
def ui_template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("ui-template") / "office.sqlite3"
    desk = AppealDesk.open(path, today=lambda: TODAY)
    _fill(desk)
    desk.close()
    return path


@pytest.fixture
def office_db(tmp_path, ui_template_db):
    path = tmp_path / "office.sqlite3"
    shutil.copyfile(ui_template_db, path)
    return path


@pytest.fixture
def office(office_db):
    desk = AppealDesk.open(office_db, today=lambda: TODAY)
    yield desk
    desk.close()


@pytest.fixture
def main_window(qtbot, office):
    from ui.main_window import MainWindow

    w = MainWindow()
    w.resize(1280, 800)
    w.show()
    w.attach(office)
    qtbot.waitUntil(lambda: w.journal.filters.executor.count() > 1, timeout=3000)
    # the sections built after the journal's first screen, and the today panel filled and laid out
    qtbot.waitUntil(lambda: w.control_ui is not None and w.control_ui.today.summary is not None, timeout=5000)
    qtbot.waitUntil(lambda: not w.control_ui.dock.isVisible() or w.control_ui.today.width() > 0, timeout=3000)
    from ui import ops

    qtbot.waitUntil(lambda: ops.in_flight() == 0, timeout=5000)  # the start-up's operations delivered
    yield w
    for card in w.open_cards():
        card.dirty_reg = card.dirty_answer = False  # no "save changes?" question at teardown
        card.close()
    w.close()
    w.deleteLater()
