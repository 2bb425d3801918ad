"""The first-run wizard: shown for a database nobody set up, saves the organisation and the lists; the
demo option fills the database; a database already in use gets no wizard."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from appealdesk.services import AppealDesk
from appealdesk.services.journal_values import JournalQuery
from ui import first_run
from ui.first_run.wizard import ADMIN, DEMO, LISTS, ORGANISATION, WELCOME, FirstRunWizard
from ui.main_window import MainWindow

from .conftest import TODAY
from .keys import type_text


@pytest.fixture
def fresh(tmp_path):
    desk = AppealDesk.open(tmp_path / "new.sqlite3", today=lambda: TODAY)
    yield desk
    desk.close()


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    first_run.install(w)
    w.show()
    yield w
    wiz = getattr(w, "_first_run", None)
    if wiz is not None:
        wiz.reject()
    w.detach = lambda: None


def test_wizard_appears_for_a_new_database_and_saves_the_answers(qtbot, window, fresh):
    window.attach(fresh)
    qtbot.waitUntil(lambda: getattr(window, "_first_run", None) is not None and window._first_run.isVisible(),
                    timeout=3000)
    wiz: FirstRunWizard = window._first_run
    assert wiz.windowTitle() == "Первый запуск AppealDesk"
    assert wiz.currentId() == WELCOME
    assert wiz.button(QWizard.WizardButton.NextButton).text() == "Далее >"
    from PySide6.QtWidgets import QLabel

    from appealdesk.paths import user_data_dir

    where = [lb.text() for lb in wiz.welcome.findChildren(QLabel) if "папке пользователя" in lb.text()]
    assert where and str(user_data_dir()) in where[0] and str(fresh.database_path) in where[0]
    wiz.next()
    assert wiz.currentId() == ORGANISATION
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()  # the organisation is required
    wiz.organisation.organisation.setFocus()
    type_text(wiz.organisation.organisation, "Администрация Ключевского сельсовета")
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    wiz.organisation.address.setText("с. Ключи, ул. Центральная, д. 1")
    wiz.organisation.head_name.setText("Соколов Андрей Викторович")
    wiz.organisation.weekdays[1].setChecked(True)
    wiz.organisation.weekdays[4].setChecked(True)
    wiz.organisation.place.setText("кабинет главы")
    wiz.next()
    assert wiz.currentId() == LISTS
    wiz.lists.settlements.setPlainText("с. Ключи\n\nд. Малиновка\n")
    wiz.lists.executors.setPlainText("Гусев Павел Сергеевич — специалист по ЖКХ\nБелова Ирина Юрьевна")
    wiz.next()
    assert wiz.currentId() == ADMIN  # a new database: its first user, the head by default
    assert wiz.admin.login.text() == "admin"
    assert wiz.admin.name.placeholderText() == "Соколов Андрей Викторович"
    wiz.admin.password.setText("секрет-главы")
    wiz.admin.again.setText("не тот")
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert wiz.isVisible() and "не совпадают" in wiz.admin.error.text()
    wiz.admin.again.setText("секрет-главы")
    with qtbot.waitSignal(wiz.finished, timeout=3000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert not fresh.setup.needed()
    who = fresh.current_user
    assert (who.login, who.name, who.role) == ("admin", "Соколов Андрей Викторович", "admin")
    (admin,) = fresh.users.list()
    assert admin.has_password and admin.official_name == "Соколов Андрей Викторович"
    s = fresh.settings.get()
    assert s.organisation == "Администрация Ключевского сельсовета"
    assert s.head_name == "Соколов Андрей Викторович"
    assert sorted(v.name for v in fresh.reference.settlements()) == ["д. Малиновка", "с. Ключи"]
    assert {o.full_name for o in fresh.reference.officials()} == {
        "Соколов Андрей Викторович", "Гусев Павел Сергеевич", "Белова Ирина Юрьевна"}
    head = next(o for o in fresh.reference.officials() if o.is_head)
    rules = fresh.reception.rules(head.id)
    assert [tuple(r.weekdays) for r in rules] == [(1, 4)]
    assert rules[0].place == "кабинет главы"
    assert "Ключевского" in window.windowTitle()
    assert window.journal.filters.executor.count() > 1  # the new executors are in the journal's filter


def test_a_bad_executor_line_keeps_the_wizard_open(qtbot, window, fresh):
    window.attach(fresh)
    qtbot.waitUntil(lambda: getattr(window, "_first_run", None) is not None and window._first_run.isVisible(),
                    timeout=3000)
    wiz = window._first_run
    wiz.next()
    wiz.organisation.organisation.setText("Администрация")
    wiz.next()
    wiz.lists.executors.setPlainText("Гусев")
    wiz.next()
    assert wiz.currentId() == LISTS
    assert "фамилию, имя и отчество" in wiz.lists.error.text()
    assert fresh.setup.needed()


def test_demo_data_for_a_try_out(qtbot, window, fresh):
    window.attach(fresh)
    qtbot.waitUntil(lambda: getattr(window, "_first_run", None) is not None and window._first_run.isVisible(),
                    timeout=3000)
    wiz = window._first_run
    wiz.welcome.demo.setChecked(True)
    wiz.next()
    assert wiz.currentId() == DEMO
    wiz.demo.appeals.setValue(50)
    with qtbot.waitSignal(wiz.finished, timeout=60000):
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert fresh.journal.count(JournalQuery()) == 50
    assert not fresh.setup.needed()
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 50, timeout=5000)


def test_no_wizard_for_a_database_in_use(qtbot, window, office):
    window.attach(office)  # the wizard is decided on while attaching (desk_attached), not later
    assert getattr(window, "_first_run", None) is None


def test_the_wizard_can_be_postponed(qtbot, window, fresh):
    window.attach(fresh)
    qtbot.waitUntil(lambda: getattr(window, "_first_run", None) is not None and window._first_run.isVisible(),
                    timeout=3000)
    wiz = window._first_run
    assert wiz.button(QWizard.WizardButton.CancelButton).text() == "Позже"
    wiz.reject()
    assert fresh.setup.needed()  # asked again at the next start
