"""Start: the window first, the database after (in a thread); a damaged database gets a Russian dialog and
is left exactly as it was."""

from __future__ import annotations

import hashlib

from ui.app import Launcher
from ui.dialogs.db_problem import Choice
from ui.main_window import MainWindow


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(source, target) -> None:
    """Overwrite a few pages in the middle with garbage, keep the header."""
    data = bytearray(source.read_bytes())
    for page in range(2, 6):
        data[page * 4096 : (page + 1) * 4096] = b"\xde\xad\xbe\xef" * 1024
    target.write_bytes(bytes(data))


def _start(qtbot, db):
    """The program started on ``db``, its problem dialog up."""
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(db))
    w.show()
    launcher.start()
    qtbot.waitUntil(lambda: launcher.dialog is not None and launcher.dialog.isVisible(), timeout=10000)
    return w, launcher


def test_start_opens_database_after_the_window(qtbot, office_db):
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(office_db))
    w.show()
    launcher.start()
    assert w.desk is None  # the window is there before the database
    assert w.journal.table.overlay.text() == "Открываю базу данных…"
    qtbot.waitUntil(lambda: w.desk is not None, timeout=10000)
    assert w.journal.model.rowCount() == 40
    assert not w.journal.table.overlay.isVisible()
    qtbot.waitUntil(lambda: "Ключевского" in w.windowTitle(), timeout=3000)
    w.desk.close()


def test_damaged_database_shows_russian_dialog_and_file_is_unchanged(qtbot, tmp_path, office_db):
    damaged = tmp_path / "damaged.sqlite3"
    _damage(office_db, damaged)
    before = _digest(damaged)

    w, launcher = _start(qtbot, damaged)
    dlg = launcher.dialog
    assert dlg.windowTitle() == "Не удалось открыть базу данных"
    assert dlg.reason in ("damaged", "not_a_database")
    assert "повреждена" in dlg.message.text() or "не является" in dlg.message.text()
    assert dlg.advice.text().startswith("Что делать:")
    assert "Traceback" not in dlg.message.text()
    offered = {Choice.OTHER_FILE, Choice.QUIT} | ({Choice.RESTORE} if dlg.reason == "damaged" else set())
    assert set(dlg.choice_buttons) == offered
    assert w.desk is None
    with qtbot.waitSignal(dlg.finished, timeout=3000):
        dlg.choice_buttons[Choice.QUIT].click()
    assert not w.isVisible()
    assert _digest(damaged) == before


def test_not_a_database_file(qtbot, tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("это не база данных", encoding="utf-8")
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(path))
    w.show()
    launcher.start()
    qtbot.waitUntil(lambda: launcher.dialog is not None and launcher.dialog.isVisible(), timeout=10000)
    assert launcher.dialog.reason == "not_a_database"
    assert "не является базой данных AppealDesk" in launcher.dialog.message.text()
    launcher.dialog.reject()  # Esc = quit
    assert path.read_text(encoding="utf-8") == "это не база данных"


def test_first_start_creates_the_database_and_shows_the_empty_journal(qtbot, tmp_path):
    path = tmp_path / "new" / "appealdesk.sqlite3"
    path.parent.mkdir()
    w = MainWindow()
    qtbot.addWidget(w)
    launcher = Launcher(w, str(path))
    w.show()
    launcher.start()
    qtbot.waitUntil(lambda: w.desk is not None, timeout=15000)
    assert path.is_file()
    assert w.journal.model.rowCount() == 0
    assert w.journal.table.overlay.text().startswith("Обращений пока нет")
    assert w.journal.count.text() == "Всего: 0"
    w.desk.close()


def test_damaged_database_restored_from_a_backup_from_the_dialog(qtbot, office_db):
    from appealdesk.paths import default_backup_dir
    from appealdesk.services import AppealDesk
    from appealdesk.storage.backup import backup_database
    from appealdesk.storage.restore import BEFORE_RESTORE_PREFIX

    desk = AppealDesk.open(office_db)
    backup = backup_database(desk._db, default_backup_dir(office_db))
    desk.close()
    _damage(office_db, office_db)
    damaged = _digest(office_db)

    w, launcher = _start(qtbot, office_db)
    dlg = launcher.dialog
    assert dlg.reason == "damaged" and "Восстановить из копии" in dlg.advice.text()
    dlg.choice_buttons[Choice.RESTORE].click()
    qtbot.waitUntil(lambda: launcher.restore_dialog is not None and launcher.restore_dialog.isVisible(), timeout=3000)
    restore = launcher.restore_dialog
    assert restore.list.count() == 1 and restore.values["Файл"].text() == backup.name
    assert "Повреждённая база данных" in restore.warning.text()
    assert _digest(office_db) == damaged  # nothing replaced before the clerk confirms
    assert restore.restore_selected(announce=False) is not None
    qtbot.waitUntil(lambda: w.desk is not None, timeout=10000)
    assert w.journal.model.rowCount() == 40
    kept = [p for p in backup.parent.iterdir() if p.name.startswith(BEFORE_RESTORE_PREFIX)]
    assert len(kept) == 1 and _digest(kept[0]) == damaged  # the damaged file is kept as it was
    w.desk.close()


def test_cancelled_restore_shows_the_problem_again(qtbot, tmp_path, office_db):
    _damage(office_db, office_db)
    _window, launcher = _start(qtbot, office_db)
    launcher.dialog.choice_buttons[Choice.RESTORE].click()
    qtbot.waitUntil(lambda: launcher.restore_dialog is not None and launcher.restore_dialog.isVisible(), timeout=3000)
    restore = launcher.restore_dialog
    assert restore.list.count() == 0 and not restore.restore_button.isEnabled()
    assert "нет резервных копий" in restore.problem.text()
    restore.reject()
    qtbot.waitUntil(lambda: launcher.dialog is not None and launcher.dialog.isVisible(), timeout=10000)
    launcher.dialog.choice_buttons[Choice.QUIT].click()


def test_a_server_that_is_down_shows_russian_dialog_with_retry(qtbot):
    import socket

    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    w, launcher = _start(qtbot, f"postgresql://clerk:secret@127.0.0.1:{port}/office")
    dlg = launcher.dialog
    assert dlg.reason == "unreachable"
    assert dlg.message.text().startswith(f"Сервер базы данных 127.0.0.1:{port} недоступен")
    assert "secret" not in dlg.message.text()
    assert set(dlg.choice_buttons) == {Choice.RETRY, Choice.SERVER, Choice.OTHER_FILE, Choice.QUIT}
    dlg.reject()
    assert w.desk is None


def test_a_refused_login_gets_its_own_advice(qtbot):
    from appealdesk.errors import DatabaseProblem
    from ui.dialogs.db_problem import DbProblemDialog

    dlg = DbProblemDialog(DatabaseProblem("access_denied", "Сервер базы данных не принял пароль."))
    qtbot.addWidget(dlg)
    assert "пароль подключения" in dlg.advice.text()
    assert set(dlg.choice_buttons) == {Choice.RETRY, Choice.SERVER, Choice.OTHER_FILE, Choice.QUIT}


def test_without_a_display_the_program_says_so_in_russian():
    import os
    import subprocess
    import sys

    from ui.app import NO_DISPLAY, NO_XCB_CURSOR, display_problem

    assert display_problem({}, "linux") == NO_DISPLAY
    assert display_problem({"DISPLAY": ":0"}, "linux", lambda _n: None) == NO_XCB_CURSOR
    assert display_problem({"DISPLAY": ":0"}, "linux", lambda _n: "libxcb-cursor.so.0") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({}, "win32") is None
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "ui.app"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "нужен графический экран" in done.stderr and "Traceback" not in done.stderr
