"""The office's people on the desktop: the sign-in where several people work, the «Пользователи» tab of the
settings, what a viewer and an executor see on the card and in the menu, changing the user."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from appealdesk.domain.passwords import LOCK_SECONDS, MAX_TRIES
from appealdesk.services import AppealDesk
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.users import UserInput
from ui.sign_in import SignInDialog, ensure_signed_in

from .conftest import TODAY


@pytest.fixture
def staffed(office_db):
    """The office with its head (admin), a clerk, an executor (Гусев) and a viewer, passwords set."""
    desk = AppealDesk.open(office_db, today=lambda: TODAY)
    desk.users.set_password("admin", "секрет-главы")
    gusev = next(o.id for o in desk.reference.officials() if o.full_name.startswith("Гусев"))
    desk.users.add(UserInput("belova", "Белова Ирина Юрьевна", "clerk", password="секрет-клерк"))
    desk.users.add(UserInput("gusev", "Гусев Павел Сергеевич", "executor", official_id=gusev,
                             password="секрет-гусев"))
    desk.users.add(UserInput("zam", "Петров Пётр Петрович", "viewer", password="секрет-зама"))
    desk.close()
    return office_db


def _as(path, login, password):
    return AppealDesk.open(path, user=login, password=password, today=lambda: TODAY)


def test_the_sign_in_dialog(qtbot, staffed):
    desk = AppealDesk.open(staffed, today=lambda: TODAY)
    try:
        assert desk.current_user is None
        dlg = SignInDialog(desk)
        qtbot.addWidget(dlg)
        logins = [dlg.login.itemData(i) for i in range(dlg.login.count())]
        assert set(logins) == {"admin", "belova", "gusev", "zam"}
        dlg.login.setCurrentIndex(dlg.login.findData("belova"))
        dlg.password.setText("не тот")
        assert not dlg.try_sign_in()
        assert dlg.error.isVisibleTo(dlg) and "Неверное имя пользователя или пароль" in dlg.error.text()
        for _ in range(MAX_TRIES - 1):
            dlg.try_sign_in()
        assert not dlg.ok.isEnabled() and f"через {LOCK_SECONDS} с" in dlg.ok.text()
        assert "пять раз подряд" in dlg.error.text()
        dlg._wait_left = 1
        dlg._tick()
        assert dlg.ok.isEnabled() and dlg.ok.text() == "Войти"
    finally:
        desk.close()
    desk = AppealDesk.open(staffed, today=lambda: TODAY)
    try:
        dlg = SignInDialog(desk, login="gusev")
        qtbot.addWidget(dlg)
        assert dlg.chosen_login() == "gusev"
        dlg.password.setText("секрет-гусев")
        assert dlg.try_sign_in() and dlg.result() == QDialog.DialogCode.Accepted
        assert desk.current_user.name == "Гусев Павел Сергеевич"
    finally:
        desk.close()


def test_nothing_opens_until_somebody_signs_in(qtbot, staffed, monkeypatch):
    desk = AppealDesk.open(staffed, today=lambda: TODAY)
    try:
        monkeypatch.setattr(SignInDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
        assert not ensure_signed_in(None, desk)

        def sign(self):
            self.login.setCurrentIndex(self.login.findData("zam"))
            self.password.setText("секрет-зама")
            return QDialog.DialogCode.Accepted if self.try_sign_in() else QDialog.DialogCode.Rejected

        monkeypatch.setattr(SignInDialog, "exec", sign)
        assert ensure_signed_in(None, desk) and desk.current_user.role == "viewer"
    finally:
        desk.close()


def test_the_first_screen_is_not_read_for_several_users(staffed):
    from appealdesk.services.first_screen import read_first_screen

    assert read_first_screen(str(staffed), 64) is None  # nothing shown before the sign-in


def test_the_users_tab_for_the_administrator_only(qtbot, staffed):
    from ui.settings.dialog import SettingsDialog

    admin = _as(staffed, "admin", "секрет-главы")
    clerk = _as(staffed, "belova", "секрет-клерк")
    try:
        dlg = SettingsDialog(admin)
        qtbot.addWidget(dlg)
        titles = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
        assert "Пользователи" in titles
        page = dlg.users
        assert page.table.rowCount() == 4
        page.new()
        page.login.setText("ivanova")
        page.full_name.setText("Иванова Мария Петровна")
        page.role.setCurrentIndex(page.role.findData("head"))
        page.save()
        assert "Задайте пароль" in page.error.text()  # several users: a password is needed
        page.password.setText("секрет-ивановой")
        page.save()
        assert page.error.text() == ""
        assert [u.role for u in admin.users.list() if u.login == "ivanova"] == ["head"]
        row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == "ivanova")
        page.table.selectRow(row)
        page.toggle_active()
        assert not next(u for u in admin.users.list() if u.login == "ivanova").active

        other = SettingsDialog(clerk)
        qtbot.addWidget(other)
        assert "Пользователи" not in [other.tabs.tabText(i) for i in range(other.tabs.count())]
        assert not other.buttons.button(other.buttons.StandardButton.Ok).isEnabled()
        assert "изменяет администратор" in other.banner.text()
    finally:
        admin.close()
        clerk.close()


def test_a_viewer_reads_and_an_executor_answers_their_own(qtbot, staffed):
    from ui.main_window import MainWindow

    viewer = _as(staffed, "zam", "секрет-зама")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.attach(viewer)
    qtbot.waitUntil(lambda: w.user_label.text() != "", timeout=3000)
    assert w.user_label.text() == "Петров Пётр Петрович — Просмотр"
    assert not w.act_new.isEnabled() and not w.act_export.isEnabled() and not w.act_restore.isEnabled()
    assert w.act_reports.isEnabled()
    aid = viewer.journal.ids(JournalQuery())[0]
    w.open_card(aid)
    card = w.open_cards()[0]
    assert not card.save_button.isEnabled() and "только просмотр" in card.title.text()
    assert not card.registration.isEnabled() and not card.progress.extend_button.isEnabled()
    assert card.print_button.isEnabled()
    card.close()
    w.detach = lambda: None
    w.close()
    viewer.close()

    gusev = _as(staffed, "gusev", "секрет-гусев")
    try:
        w2 = MainWindow()
        qtbot.addWidget(w2)
        w2.show()
        w2.attach(gusev)
        qtbot.waitUntil(lambda: w2.journal.filters.executor.value() == gusev.current_user.official_id,
                        timeout=3000)  # an executor starts with «Мои обращения»
        qtbot.waitUntil(lambda: w2.journal.model.rowCount() == 20, timeout=3000)
        mine = w2.journal.table.current_id() or gusev.journal.ids(
            JournalQuery(executor_id=gusev.current_user.official_id))[0]
        w2.open_card(mine)
        card = w2.open_cards()[0]
        assert not card.registration.isEnabled()
        assert card.progress.answer_text.isEnabled() and card.save_button.isEnabled()
        assert not card.progress.close_check.isEnabled() and not card.progress.close_check.isChecked()
        card.close()
        w2.detach = lambda: None
        w2.close()
    finally:
        gusev.close()
