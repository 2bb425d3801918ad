"""The office's people (``desk.users``) and signing in (``AppealDesk.sign_in``).

A one-person office never sees a login: with a single active user the program signs in by itself. With
two or more, every one of them has a password (scrypt hash with salt) and the program asks for it; five
wrong tries in a row make the login wait 30 seconds. Users are never deleted (the history refers to them),
only disabled, and the last active administrator can be neither disabled nor demoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain import passwords
from ..domain.roles import ROLES, Permission, role_label
from ..errors import DomainError, FieldError, NotFoundError, SignInFailed, ValidationError
from ..storage.models import Official, User
from . import audit
from .access import FILE_HOLDER, SETUP, Principal, requires, unguarded
from .context import ServiceContext

P = Permission
LOGIN_RULE = re.compile(r"^[\w.@-]{2,60}$")
LOGIN_TEXT = "Имя пользователя: от 2 до 60 знаков — буквы, цифры, точка, дефис, подчёркивание, @"


@dataclass(frozen=True)
class UserInput:
    login: str
    full_name: str
    role: str
    position: str | None = None
    official_id: int | None = None
    password: str | None = None  # only when adding; later through set_password


@dataclass(frozen=True)
class UserView:
    id: int
    login: str
    full_name: str
    position: str | None
    role: str
    role_label: str
    official_id: int | None
    official_name: str | None
    active: bool
    has_password: bool
    last_sign_in: datetime | None


@dataclass(frozen=True)
class LoginChoice:
    """A login offered at the sign-in (active users only)."""

    login: str
    full_name: str


def login_key(login: str) -> str:
    return login.strip().casefold()


def principal_of(row: User) -> Principal:
    return Principal(row.id, row.login, row.full_name, row.role, row.official_id)


class UserService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    # -- reading ---------------------------------------------------------------------------------
    @requires(P.USERS)
    def list(self, include_disabled: bool = True) -> tuple[UserView, ...]:
        with self._ctx.read() as s:
            q = select(User).order_by(User.active.desc(), User.full_name)
            if not include_disabled:
                q = q.where(User.active.is_(True))
            return tuple(_view(s, u) for u in s.scalars(q))

    @requires(P.USERS)
    def get(self, login: str) -> UserView:
        with self._ctx.read() as s:
            return _view(s, _by_login(s, login))

    @unguarded("the sign-in dialog offers the logins before anybody is signed in")
    def logins(self) -> tuple[LoginChoice, ...]:
        with self._ctx.read() as s:
            rows = s.execute(select(User.login, User.full_name).where(User.active.is_(True)).order_by(User.full_name))
            return tuple(LoginChoice(login, name) for login, name in rows)

    @unguarded("the program asks for a password only where there are two users or more")
    def sign_in_needed(self) -> bool:
        with self._ctx.read() as s:
            return _active_count(s) > 1

    # -- changing --------------------------------------------------------------------------------
    @requires(P.USERS)
    def add(self, data: UserInput) -> UserView:
        ctx = self._ctx
        with ctx.uow() as s:
            errors = _check(s, data)
            active = s.scalars(select(User).where(User.active.is_(True))).all()
            if not active and data.role != "admin":
                errors.append(FieldError("role", "Первый пользователь программы должен быть администратором"))
            if active and not data.password:
                errors.append(FieldError(
                    "password", "Задайте пароль: когда пользователей несколько, программа спрашивает его при входе"
                ))
            if data.password and (problem := passwords.password_problem(data.password)):
                errors.append(FieldError("password", problem))
            if errors:
                raise ValidationError(errors)
            without = [u for u in active if not u.password_hash]
            if without:
                names = ", ".join(f"«{u.login}»" for u in without)
                raise DomainError(
                    f"Сначала задайте пароль пользователю {names}: когда пользователей станет несколько, "
                    "программа будет спрашивать пароль при входе (Настройки → Пользователи → Пароль…)."
                )
            row = User(
                login=data.login.strip(), login_key=login_key(data.login), full_name=" ".join(data.full_name.split()),
                position=(data.position or "").strip() or None, role=data.role, official_id=data.official_id,
                password_hash=passwords.hash_password(data.password) if data.password else None, active=True,
                failed_tries=0, created_at=ctx.now(),
            )
            s.add(row)
            s.flush()
            audit.record(s, ctx, "user", row.id, "user_add", [
                ("login", None, row.login), ("full_name", None, row.full_name),
                ("role", None, role_label(row.role)),
            ])
            view = _view(s, row)
        if ctx.principal is SETUP:  # the first administrator of a new database: act as them from now on
            ctx.act_as(principal_of(row))
        return view

    @requires(P.USERS)
    def update(self, login: str, full_name: str, position: str | None, official_id: int | None) -> UserView:
        ctx = self._ctx
        with ctx.uow() as s:
            row = _by_login(s, login)
            errors = []
            if not full_name.strip():
                errors.append(FieldError("full_name", "Укажите фамилию, имя и отчество"))
            if official_id is not None and s.get(Official, official_id) is None:
                errors.append(FieldError("official_id", "Должностное лицо не найдено"))
            if errors:
                raise ValidationError(errors)
            before = {"full_name": row.full_name, "position": row.position, "official": _official_name(s, row.official_id)}
            row.full_name = " ".join(full_name.split())
            row.position = (position or "").strip() or None
            row.official_id = official_id
            after = {"full_name": row.full_name, "position": row.position, "official": _official_name(s, official_id)}
            audit.record(s, ctx, "user", row.id, "user_update", audit.diff(before, after))
            return _view(s, row)

    @requires(P.USERS)
    def set_role(self, login: str, role: str) -> UserView:
        ctx = self._ctx
        if role not in ROLES:
            raise ValidationError([FieldError("role", f"Неизвестная роль «{role}»")])
        with ctx.uow() as s:
            row = _by_login(s, login)
            if row.role == role:
                return _view(s, row)
            if row.role == "admin" and row.active:
                _keep_an_admin(s, row, "сменить роль")
            old, row.role = row.role, role
            audit.record(s, ctx, "user", row.id, "user_role", [("role", role_label(old), role_label(role))])
            return _view(s, row)

    @requires(P.USERS)
    def disable(self, login: str) -> UserView:
        ctx = self._ctx
        with ctx.uow() as s:
            row = _by_login(s, login)
            if not row.active:
                return _view(s, row)
            if row.id == ctx.user_id:
                raise DomainError("Нельзя отключить свою собственную учётную запись: войдите под другим администратором.")
            if row.role == "admin":
                _keep_an_admin(s, row, "отключить")
            row.active = False
            audit.record(s, ctx, "user", row.id, "user_disable", [("active", "да", "нет")])
            return _view(s, row)

    @requires(P.USERS)
    def enable(self, login: str) -> UserView:
        ctx = self._ctx
        with ctx.uow() as s:
            row = _by_login(s, login)
            if row.active:
                return _view(s, row)
            if _active_count(s) >= 1 and not row.password_hash:
                raise DomainError(
                    f"У пользователя «{row.login}» нет пароля: задайте его, прежде чем включать учётную запись."
                )
            row.active = True
            audit.record(s, ctx, "user", row.id, "user_enable", [("active", "нет", "да")])
            return _view(s, row)

    @requires(P.USERS)
    def set_password(self, login: str, password: str) -> UserView:
        """An administrator sets (or changes) someone's password."""
        ctx = self._ctx
        if problem := passwords.password_problem(password):
            raise ValidationError([FieldError("password", problem)])
        with ctx.uow() as s:
            row = _by_login(s, login)
            _store_password(row, password)
            audit.record(s, ctx, "user", row.id, "password_set", [("password", None, "задан администратором")])
            return _view(s, row)

    @requires(P.READ)
    def change_own_password(self, old: str, new: str) -> None:
        """The signed-in person changes their own password."""
        ctx = self._ctx
        if ctx.user_id is None:
            raise DomainError("Сначала создайте пользователя: у первоначальной настройки нет пароля.")
        if problem := passwords.password_problem(new):
            raise ValidationError([FieldError("password", problem)])
        with ctx.uow() as s:
            row = s.get(User, ctx.user_id)
            if row.password_hash and not passwords.verify_password(old, row.password_hash):
                raise ValidationError([FieldError("old_password", "Текущий пароль указан неверно")])
            _store_password(row, new)
            audit.record(s, ctx, "user", row.id, "password_set", [("password", None, "изменён пользователем")])

    @unguarded("a forgotten password is reset by whoever holds the database file (the command line)")
    def reset_password(self, login: str, password: str) -> UserView:
        """The command line's reset of a forgotten password: also unlocks and enables the account. Audited
        under the file holder's name, whoever is signed in."""
        ctx = self._ctx
        if problem := passwords.password_problem(password):
            raise ValidationError([FieldError("password", problem)])
        with ctx.uow() as s:
            row = _by_login(s, login)
            _store_password(row, password)
            was_active, row.active = row.active, True
            changes = [("password", None, "сброшен из командной строки")]
            if not was_active:
                changes.append(("active", "нет", "да"))
            audit.record(s, ctx, "user", row.id, "password_reset", changes, user=FILE_HOLDER)
            return _view(s, row)


# -- signing in -------------------------------------------------------------------------------------
def sign_in(ctx: ServiceContext, login: str, password: str) -> Principal:
    """Check the password and act as the user. A wrong one is counted (five in a row: wait 30 s); every
    refusal is ``SignInFailed`` with a Russian message that does not tell which of the two was wrong."""
    now = ctx.now()
    with ctx.uow() as s:
        row = s.scalar(select(User).where(User.login_key == login_key(login)))
        if row is None or not row.active:
            if row is not None:
                raise SignInFailed(f"Учётная запись «{row.login}» отключена. Обратитесь к администратору.")
            raise SignInFailed("Неверное имя пользователя или пароль.")
        wait = passwords.locked_for(row.locked_until, now)
        if wait:
            raise SignInFailed(f"Слишком много неверных попыток подряд. Подождите {wait} с и повторите.", wait)
        if not passwords.verify_password(password, row.password_hash) and not (
            row.password_hash is None and _active_count(s) == 1
        ):
            row.failed_tries, row.locked_until = passwords.after_wrong_try(row.failed_tries or 0, now)
            audit.record(s, ctx, "user", row.id, "sign_in_failed", [], user=row.full_name)
            failed = SignInFailed("Неверное имя пользователя или пароль.")
            if row.locked_until is not None:
                failed = SignInFailed(
                    f"Неверный пароль пять раз подряд: вход для «{row.login}» возможен через "
                    f"{passwords.LOCK_SECONDS} с.", passwords.LOCK_SECONDS,
                )
            s.commit()  # the count of wrong tries is kept, whatever the caller does next
            raise failed
        row.failed_tries, row.locked_until, row.last_sign_in = 0, None, now
        principal = principal_of(row)
    ctx.act_as(principal)
    with ctx.uow() as s:
        audit.record(s, ctx, "user", principal.id, "sign_in", [])
    return principal


def sign_in_by_itself(ctx: ServiceContext) -> Principal | None:
    """With no users yet: the setup (as an administrator). With one active user: that user, without a
    password. With more: nobody (the program asks)."""
    with ctx.read() as s:
        rows = s.scalars(select(User).where(User.active.is_(True)).limit(2)).all()
        any_user = rows or s.scalar(select(func.count()).select_from(User))
        principal = principal_of(rows[0]) if len(rows) == 1 else (SETUP if not any_user else None)
    ctx.act_as(principal)
    return principal


# -- helpers ----------------------------------------------------------------------------------------
def _check(s: Session, data: UserInput) -> list[FieldError]:
    errors = []
    login = data.login.strip()
    if not LOGIN_RULE.match(login):
        errors.append(FieldError("login", LOGIN_TEXT))
    elif s.scalar(select(User.id).where(User.login_key == login_key(login))) is not None:
        errors.append(FieldError("login", f"Пользователь «{login}» уже есть"))
    if len(data.full_name.split()) < 2:
        errors.append(FieldError("full_name", "Укажите фамилию, имя и отчество"))
    elif len(" ".join(data.full_name.split())) > 100:
        errors.append(FieldError("full_name", "ФИО не длиннее 100 знаков"))
    if data.role not in ROLES:
        errors.append(FieldError("role", f"Неизвестная роль «{data.role}»"))
    if data.official_id is not None and s.get(Official, data.official_id) is None:
        errors.append(FieldError("official_id", "Должностное лицо не найдено"))
    return errors


def _by_login(s: Session, login: str) -> User:
    row = s.scalar(select(User).where(User.login_key == login_key(login)))
    if row is None:
        raise NotFoundError(f"Пользователь «{login}» не найден")
    return row


def _active_count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(User).where(User.active.is_(True))) or 0


def _keep_an_admin(s: Session, row: User, what: str) -> None:
    others = s.scalar(
        select(func.count()).select_from(User)
        .where(User.active.is_(True), User.role == "admin", User.id != row.id)
    )
    if not others:
        raise DomainError(
            f"Нельзя {what} единственного администратора «{row.login}»: сначала назначьте администратором "
            "другого пользователя."
        )


def _store_password(row: User, password: str) -> None:
    row.password_hash = passwords.hash_password(password)
    row.failed_tries, row.locked_until = 0, None


def _official_name(s: Session, official_id: int | None) -> str | None:
    return s.scalar(select(Official.full_name).where(Official.id == official_id)) if official_id else None


def _view(s: Session, row: User) -> UserView:
    return UserView(
        id=row.id, login=row.login, full_name=row.full_name, position=row.position, role=row.role,
        role_label=role_label(row.role), official_id=row.official_id,
        official_name=_official_name(s, row.official_id), active=bool(row.active),
        has_password=bool(row.password_hash), last_sign_in=row.last_sign_in,
    )
