"""Who is signed in, and the check every service method makes before it does anything.

Every public method of a service is marked with ``@requires(Permission.X)`` (or, for the few that must work
before anybody is signed in, ``@unguarded("why")``); a test walks every service of ``AppealDesk`` and fails
on a method that carries neither, and checks each one against every role.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ..domain.roles import ACTION_TEXT, Permission, may, only_assigned, role_label
from ..errors import PermissionDenied

F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class Principal:
    """The person the service layer acts for."""

    id: int | None  # users.id; None for the setup of a database that has no users yet
    login: str
    name: str  # shown in the history and the audit log
    role: str
    official_id: int | None = None  # "my appeals" of an executor

    @property
    def role_label(self) -> str:
        return role_label(self.role)

    def may(self, permission: Permission) -> bool:
        return may(self.role, permission)


# a database nobody has set up yet has no users: its first-run setup acts as an administrator until it
# creates the first one (the first-run wizard, or ``appealdesk-cli user add``)
SETUP = Principal(None, "", "Первоначальная настройка", "admin")
# the command line's password reset, open to whoever holds the database file (audited under this name)
FILE_HOLDER = "Командная строка (владелец файла базы)"


def refusal(principal: Principal | None, permission: Permission) -> PermissionDenied:
    if principal is None:
        return PermissionDenied("Вход не выполнен: войдите в программу под своим именем пользователя.")
    return PermissionDenied(
        f"Недостаточно прав: пользователь «{principal.name}» (роль «{principal.role_label}») не может "
        f"{ACTION_TEXT[permission]}. Обратитесь к администратору программы."
    )


def not_assigned(principal: Principal, permission: Permission, number: str) -> PermissionDenied:
    return PermissionDenied(
        f"Недостаточно прав: исполнитель «{principal.name}» может {ACTION_TEXT[permission]} только по "
        f"вопросам, поручённым ему; в обращении № {number} таких нет."
    )


def requires(permission: Permission) -> Callable[[F], F]:
    """The method checks ``permission`` against the signed-in person before running."""

    def mark(fn: F) -> F:
        @functools.wraps(fn)
        def guarded(self, *args, **kwargs):
            self._ctx.require(permission)
            return fn(self, *args, **kwargs)

        guarded.__permission__ = permission  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return mark


def unguarded(reason: str) -> Callable[[F], F]:
    """The method runs for anybody: signing in itself, the logins offered at the sign-in."""

    def mark(fn: F) -> F:
        fn.__permission__ = None  # type: ignore[attr-defined]
        fn.__unguarded__ = reason  # type: ignore[attr-defined]
        return fn

    return mark


def permission_of(method) -> Permission | str | None:
    """The permission a service method requires; None when unguarded; ``"unmarked"`` when it carries no
    mark at all (a test fails on those)."""
    fn = getattr(method, "__func__", method)
    if not hasattr(fn, "__permission__"):
        return "unmarked"
    return fn.__permission__


__all__ = [
    "FILE_HOLDER",
    "SETUP",
    "Principal",
    "not_assigned",
    "only_assigned",
    "permission_of",
    "refusal",
    "requires",
    "unguarded",
]
