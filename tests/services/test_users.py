"""The office's people: signing in (by itself for one person, with a password for several), the wrong
tries that make the login wait, users never deleted, the last administrator kept, names in the history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from appealdesk.domain.passwords import LOCK_SECONDS, MAX_TRIES, verify_password
from appealdesk.errors import DomainError, PermissionDenied, SignInFailed, ValidationError
from appealdesk.services import AppealDesk
from appealdesk.services.access import FILE_HOLDER, SETUP
from appealdesk.services.users import UserInput

from .helpers import appeal

TODAY = date(2026, 11, 20)


def _open(path, **kw):
    return AppealDesk.open(path, today=lambda: TODAY, **kw)


@pytest.fixture
def new_office(fresh):
    """A new database: no users yet."""
    d = _open(fresh.empty("new"))
    yield d
    d.close()


@pytest.fixture
def two(db_location):
    """The template's administrator (now with a password) and a clerk."""
    d = _open(db_location)
    d.users.set_password("admin", "секрет-админ")
    d.users.add(UserInput("ivanova", "Иванова Мария Петровна", "clerk", password="секрет-клерк"))
    d.close()
    return db_location


def test_a_new_database_is_set_up_by_its_first_administrator(new_office):
    assert new_office.current_user is SETUP
    with pytest.raises(ValidationError, match="Первый пользователь программы должен быть администратором"):
        new_office.users.add(UserInput("clerk", "Иванова Мария Петровна", "clerk"))
    view = new_office.users.add(UserInput("glava", "Соколов Андрей Викторович", "admin"))
    assert not view.has_password
    assert new_office.current_user.login == "glava"  # the setup now acts as the administrator it made
    assert new_office.users.sign_in_needed() is False


def test_one_user_signs_in_by_itself(db_location):
    desk = _open(db_location)
    try:
        assert desk.current_user.login == "admin" and desk.current_user.role == "admin"
        card = desk.appeals.register(appeal())
        history = desk.audit.history("appeal", card.id)
        assert history[0].user == "Тестовый Пользователь Иванович"  # the person, not the OS login
        assert card.updated_by == "Тестовый Пользователь Иванович"
    finally:
        desk.close()


def test_two_users_need_a_password_and_the_history_names_the_person(two):
    desk = _open(two)
    try:
        assert desk.current_user is None
        assert desk.users.sign_in_needed()
        assert [c.login for c in desk.users.logins()] == ["ivanova", "admin"]  # by name
        with pytest.raises(SignInFailed, match="Неверное имя пользователя или пароль"):
            desk.sign_in("ivanova", "не тот")
        with pytest.raises(SignInFailed, match="Неверное имя пользователя или пароль"):
            desk.sign_in("никто", "секрет-клерк")
        who = desk.sign_in("IVANOVA", "секрет-клерк")  # logins differ not by case
        assert who.name == "Иванова Мария Петровна" and who.role == "clerk"
        card = desk.appeals.register(appeal())
        entry = desk.audit.history("appeal", card.id)[0]
        assert entry.user == "Иванова Мария Петровна"
        with pytest.raises(PermissionDenied, match="не может удалять"):
            desk.appeals.delete(card.id, "ошибка")
    finally:
        desk.close()
    # the command line's sign-in: --user and the password
    assert _open(two, user="admin", password="секрет-админ").current_user.role == "admin"
    with pytest.raises(SignInFailed):
        _open(two, user="admin", password="нет")


def test_five_wrong_tries_in_a_row_make_the_login_wait(two, monkeypatch):
    desk = _open(two)
    clock = {"now": datetime(2026, 11, 20, 10, 0, 0)}
    monkeypatch.setattr(desk._ctx, "now", lambda: clock["now"])
    try:
        for _ in range(MAX_TRIES - 1):
            with pytest.raises(SignInFailed) as exc:
                desk.sign_in("ivanova", "не тот")
            assert exc.value.wait_s == 0
        with pytest.raises(SignInFailed, match=f"через {LOCK_SECONDS} с") as exc:
            desk.sign_in("ivanova", "не тот")
        assert exc.value.wait_s == LOCK_SECONDS
        clock["now"] += timedelta(seconds=10)
        with pytest.raises(SignInFailed, match="Подождите 20 с") as exc:
            desk.sign_in("ivanova", "секрет-клерк")  # even the right password waits
        assert exc.value.wait_s == 20
        # the count is kept in the database: another program (the command line) waits too
        other = _open(two)
        monkeypatch.setattr(other._ctx, "now", lambda: clock["now"])
        with pytest.raises(SignInFailed, match="Подождите"):
            other.sign_in("ivanova", "секрет-клерк")
        other.close()
        clock["now"] += timedelta(seconds=LOCK_SECONDS)
        assert desk.sign_in("ivanova", "секрет-клерк").login == "ivanova"
    finally:
        desk.close()
    admin = _open(two, user="admin", password="секрет-админ")
    actions = [r.action for r in admin.audit.recent(20) if r.entity == "user"]
    assert actions.count("sign_in_failed") == MAX_TRIES  # the tries while it waits are not even checked
    admin.close()


def test_passwords_are_stored_as_salted_scrypt_hashes(two):
    from sqlalchemy import select

    from appealdesk.storage.models import User

    desk = _open(two, user="admin", password="секрет-админ")
    with desk._ctx.read() as s:
        stored = {login: h for login, h in s.execute(select(User.login, User.password_hash))}
    desk.close()
    assert all(h.startswith("scrypt$") for h in stored.values())
    assert "секрет-клерк" not in stored["ivanova"]
    assert verify_password("секрет-клерк", stored["ivanova"]) and not verify_password("секрет", stored["ivanova"])
    salts = {h.split("$")[4] for h in stored.values()}
    assert len(salts) == 2


def test_a_second_user_needs_passwords_all_round(db_location):
    desk = _open(db_location)
    try:
        with pytest.raises(ValidationError, match="Задайте пароль"):
            desk.users.add(UserInput("ivanova", "Иванова Мария Петровна", "clerk"))
        with pytest.raises(DomainError, match="Сначала задайте пароль пользователю «admin»"):
            desk.users.add(UserInput("ivanova", "Иванова Мария Петровна", "clerk", password="секрет-клерк"))
        with pytest.raises(ValidationError, match="не короче"):
            desk.users.set_password("admin", "123")
        desk.users.set_password("admin", "секрет-админ")
        desk.users.add(UserInput("ivanova", "Иванова Мария Петровна", "clerk", password="секрет-клерк"))
        with pytest.raises(ValidationError, match="уже есть"):
            desk.users.add(UserInput("Ivanova", "Иванова Анна Петровна", "viewer", password="секрет-два"))
    finally:
        desk.close()


def test_users_are_disabled_never_deleted_and_an_administrator_remains(two):
    desk = _open(two, user="admin", password="секрет-админ")
    try:
        with pytest.raises(DomainError, match="свою собственную"):
            desk.users.disable("admin")
        with pytest.raises(DomainError, match="единственного администратора"):
            desk.users.set_role("admin", "clerk")
        view = desk.users.disable("ivanova")
        assert not view.active
        assert [u.login for u in desk.users.list()] == ["admin", "ivanova"]  # still listed, disabled
        with pytest.raises(SignInFailed, match="отключена"):
            _open(two, user="ivanova", password="секрет-клерк")
        assert desk.users.enable("ivanova").active
        assert desk.users.set_role("ivanova", "head").role_label == "Глава"
    finally:
        desk.close()


def test_a_disabled_user_is_refused_in_a_running_program(two, monkeypatch):
    from appealdesk.services import context

    clerk = _open(two, user="ivanova", password="секрет-клерк")
    admin = _open(two, user="admin", password="секрет-админ")
    try:
        clerk.appeals.register(appeal())
        admin.users.disable("ivanova")
        monkeypatch.setattr(context, "PRINCIPAL_TTL_S", 0.0)
        with pytest.raises(PermissionDenied, match="отключена администратором"):
            clerk.appeals.register(appeal())
        assert clerk.current_user is None
    finally:
        clerk.close()
        admin.close()


def test_a_forgotten_password_is_reset_by_the_file_holder_and_audited(two):
    desk = _open(two)  # nobody signed in: the command line's reset works on the file
    try:
        view = desk.users.reset_password("admin", "новый-пароль")
        assert view.has_password
    finally:
        desk.close()
    admin = _open(two, user="admin", password="новый-пароль")
    try:
        entry = next(r for r in admin.audit.recent(10) if r.action == "password_reset")
        assert entry.user == FILE_HOLDER and entry.entity == "user"
    finally:
        admin.close()


def test_own_password(two):
    desk = _open(two, user="ivanova", password="секрет-клерк")
    try:
        with pytest.raises(ValidationError, match="Текущий пароль указан неверно"):
            desk.users.change_own_password("не тот", "новый-секрет")
        desk.users.change_own_password("секрет-клерк", "новый-секрет")
    finally:
        desk.close()
    assert _open(two, user="ivanova", password="новый-секрет").current_user.login == "ivanova"
