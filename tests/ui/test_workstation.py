"""This workstation and the office's database: the server connection (kept per user, the password never
written as it was typed), switching to another database without restarting, the first-run wizard's
«сервер» choice, the password asked at start, changing the user."""

from __future__ import annotations

import json
import socket

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from appealdesk.services import AppealDesk, connection
from appealdesk.services.journal_values import JournalQuery
from appealdesk.services.users import UserInput
from ui.app import Launcher
from ui.main_window import MainWindow
from ui.server_dialog import ServerDialog, server_url_at_start
from ui.sign_in import SignInDialog

from .conftest import TODAY


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "home"
    monkeypatch.setenv("APPEALDESK_HOME", str(folder))
    return folder


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_that_does_not_answer_is_said_in_russian_and_nothing_is_kept(qtbot, home):
    dlg = ServerDialog()
    qtbot.addWidget(dlg)
    dlg.host.setText("127.0.0.1")
    dlg.port.setValue(_closed_port())
    dlg.user.setText("appealdesk")
    dlg.password.setText("секрет")
    dlg.connect_()
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "Не удалось подключиться к серверу" in dlg.result_label.text()
    assert connection.load() is None and not (home / connection.FILE_NAME).exists()
    dlg.host.setText("")
    assert dlg.test() is None and "Укажите адрес сервера" in dlg.result_label.text()


def test_the_kept_connection_hides_the_password_and_is_the_users_own(home):
    conn = connection.ServerConnection(host="server", port=5433, database="office", user="clerk",
                                       password="пароль с пробелом@:/")
    path = connection.save(conn)
    text = path.read_text(encoding="utf-8")
    assert "пароль с пробелом" not in text and json.loads(text)["kind"] == "postgresql"
    assert path.stat().st_mode & 0o077 == 0
    loaded = connection.load()
    assert loaded == conn
    assert connection.parse_url(loaded.url()) == conn  # the URL quotes what needs quoting
    assert connection.hide_password(loaded.url()) == "postgresql://clerk:***@server:5433/office"
    connection.save(connection.ServerConnection("server", "office", "clerk", password="x",
                                                remember_password=False))
    assert connection.load().password == ""  # not kept: asked at every start
    connection.save(None)
    assert connection.load() is None


def test_the_password_not_kept_is_asked_at_start(qtbot, home, monkeypatch):
    connection.save(connection.ServerConnection("server", "office", "clerk", remember_password=False))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("секрет", True)))
    assert server_url_at_start() == "postgresql://clerk:%D1%81%D0%B5%D0%BA%D1%80%D0%B5%D1%82@server:5432/office"
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    assert server_url_at_start() is None  # gave up: the program ends
    connection.save(None)
    assert server_url_at_start() == ""  # this PC's file


def test_the_window_switches_to_another_database_without_a_restart(qtbot, office_db, tmp_path):
    other = tmp_path / "other.sqlite3"
    desk = AppealDesk.open(other, today=lambda: TODAY)
    desk.users.add(UserInput("admin", "Другой Администратор Иванович", "admin"))
    desk.close()
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(office_db))
    w.show()
    launcher.start()
    qtbot.waitUntil(lambda: w.desk is not None and w.journal.model.rowCount() == 40, timeout=10000)
    w.database_switch.emit(str(other))
    qtbot.waitUntil(lambda: w.desk is not None and w.desk.database_path == other, timeout=10000)
    qtbot.waitUntil(lambda: w.journal.model is not None and w.journal.model.rowCount() == 0, timeout=5000)
    assert w.user_label.text().startswith("Другой Администратор Иванович")
    w.desk.close()


def test_a_switch_to_a_database_open_in_another_program_is_refused(qtbot, office_db, tmp_path, monkeypatch):
    from ui.safety.single import SingleInstance

    other = tmp_path / "other.sqlite3"
    AppealDesk.open(other, today=lambda: TODAY).close()
    mine, theirs = SingleInstance(office_db), SingleInstance(other)  # "theirs": another program has it open
    assert mine.claim() and theirs.claim()
    monkeypatch.setattr("ui.safety.single.REACH_OWNER_MS", 200)
    shown = []
    monkeypatch.setattr("ui.errors.show_error", lambda parent, message, title="": shown.append(message))
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(office_db), instance=mine)
    w.show()
    launcher.start()
    try:
        qtbot.waitUntil(lambda: w.desk is not None and w.journal.model.rowCount() == 40, timeout=10000)
        desk = w.desk
        w.database_switch.emit(str(other))
        assert shown and "уже открыта в другом окне" in shown[0]
        assert w.desk is desk and launcher.db == str(office_db)  # the window keeps its database
        theirs.close()  # the other program ended: now the switch goes through, and the claim moves with it
        w.database_switch.emit(str(other))
        qtbot.waitUntil(lambda: w.desk is not None and w.desk.database_path == other, timeout=10000)
        freed = SingleInstance(office_db)
        assert freed.claim()  # the old database is free for another program
        freed.close()
    finally:
        if w.desk is not None:
            w.desk.close()
        mine.close()
        theirs.close()


def test_the_first_run_wizard_can_go_to_the_server(qtbot, tmp_path, monkeypatch):
    from ui.first_run.wizard import FirstRunWizard

    fresh = AppealDesk.open(tmp_path / "new.sqlite3", today=lambda: TODAY)
    w = MainWindow()
    qtbot.addWidget(w)
    wizard = FirstRunWizard(fresh, w)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome.server.setChecked(True)

    def accept(self):
        self.url = "postgresql://clerk@server:5432/office"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerDialog, "exec", accept)
    with qtbot.waitSignal(w.database_switch, timeout=3000) as switched:
        wizard.next()
    assert switched.args == ["postgresql://clerk@server:5432/office"]
    assert not wizard.isVisible() and fresh.setup.needed()  # nothing was saved into the local file
    fresh.close()


def test_changing_the_user_closes_the_cards_and_regreys_the_menu(qtbot, office_db, monkeypatch):
    desk = AppealDesk.open(office_db, today=lambda: TODAY)
    desk.users.set_password("admin", "секрет-главы")
    desk.users.add(UserInput("zam", "Петров Пётр Петрович", "viewer", password="секрет-зама"))
    desk.sign_in("admin", "секрет-главы")
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    w.attach(desk)
    qtbot.waitUntil(lambda: w.user_label.text() != "", timeout=3000)
    assert w.act_switch_user.isVisible() and w.act_new.isEnabled()
    w.open_card(desk.journal.ids(JournalQuery())[0])

    def sign(self):
        self.login.setCurrentIndex(self.login.findData("zam"))
        self.password.setText("секрет-зама")
        return QDialog.DialogCode.Accepted if self.try_sign_in() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(SignInDialog, "exec", sign)
    w.switch_user()
    assert w.open_cards() == []
    assert w.user_label.text() == "Петров Пётр Петрович — Просмотр"
    assert not w.act_new.isEnabled() and not w.act_restore.isEnabled()
    w.detach = lambda: None
    w.close()
    desk.close()
