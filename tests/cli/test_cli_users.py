"""``appealdesk-cli user …`` and ``--user``: the office's people from the command line."""

from __future__ import annotations

import pytest

from appealdesk.cli.main import main


@pytest.fixture
def env(monkeypatch):
    def put(**values):
        for k, v in values.items():
            if v is None:
                monkeypatch.delenv(k, raising=False)
            else:
                monkeypatch.setenv(k, v)
    put(APPEALDESK_PASSWORD=None, APPEALDESK_NEW_PASSWORD=None)
    return put


def test_the_users_of_an_office_from_the_command_line(tmp_path, capsys, env):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "init"]) == 0
    assert "Пользователей пока нет" in capsys.readouterr().out
    assert main(["--db", db, "user", "add", "--login", "glava", "--name", "Соколов Андрей Викторович",
                 "--role", "admin"]) == 0
    assert "без пароля" in capsys.readouterr().out
    # a second user: the first one needs a password before
    env(APPEALDESK_NEW_PASSWORD="секрет-клерк")
    assert main(["--db", db, "user", "add", "--login", "ivanova", "--name", "Иванова Мария Петровна",
                 "--role", "clerk"]) == 1
    assert "Сначала задайте пароль пользователю «glava»" in capsys.readouterr().err
    env(APPEALDESK_NEW_PASSWORD="секрет-главы")
    assert main(["--db", db, "user", "set-password", "glava"]) == 0
    env(APPEALDESK_NEW_PASSWORD="секрет-клерк")  # still one user: signed in by itself
    assert main(["--db", db, "user", "add", "--login", "ivanova", "--name", "Иванова Мария Петровна",
                 "--role", "clerk"]) == 0
    capsys.readouterr()
    # every command now asks who works
    assert main(["--db", db, "deadlines"]) == 1
    assert "укажите своё имя пользователя (--user ИМЯ)" in capsys.readouterr().err
    env(APPEALDESK_PASSWORD="секрет-клерк")
    assert main(["--db", db, "--user", "ivanova", "deadlines"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--user", "ivanova", "user", "list"]) == 1
    assert "не может управлять пользователями" in capsys.readouterr().err
    env(APPEALDESK_PASSWORD="не тот")
    assert main(["--db", db, "--user", "ivanova", "deadlines"]) == 1
    assert "Неверное имя пользователя или пароль" in capsys.readouterr().err
    env(APPEALDESK_PASSWORD="секрет-главы")
    assert main(["--db", db, "--user", "glava", "user", "set-role", "ivanova", "head"]) == 0
    assert main(["--db", db, "--user", "glava", "user", "disable", "ivanova"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--user", "glava", "user", "list"]) == 0
    out = capsys.readouterr().out
    assert "ivanova" in out and "Глава" in out and "[отключён]" in out
    # a forgotten password: whoever holds the file resets it, no sign-in needed
    env(APPEALDESK_PASSWORD=None, APPEALDESK_NEW_PASSWORD="новый-секрет")
    assert main(["--db", db, "user", "reset-password", "glava"]) == 0
    assert "сброшен" in capsys.readouterr().out
    env(APPEALDESK_PASSWORD="новый-секрет")
    assert main(["--db", db, "--user", "glava", "deadlines"]) == 0


def test_a_password_is_asked_where_there_is_no_terminal_and_no_variable(tmp_path, capsys, env, monkeypatch):
    db = str(tmp_path / "office.sqlite3")
    assert main(["--db", db, "user", "add", "--login", "glava", "--name", "Соколов Андрей Викторович",
                 "--role", "admin"]) == 0
    monkeypatch.setattr("sys.stdin", None)
    assert main(["--db", db, "user", "set-password", "glava"]) == 1
    assert "APPEALDESK_NEW_PASSWORD" in capsys.readouterr().err
