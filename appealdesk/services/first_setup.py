"""The first start of a new office: is the database set up, and the answers of the first-run wizard.

The desktop asks ``desk.setup.needed()`` once the database is open; the wizard's answers go through
``desk.setup.apply`` (the same settings, reference and user services as the settings dialog). The wizard
also makes the office's first user: an administrator, the head by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..domain.roles import Permission as P
from ..errors import FieldError, ValidationError
from ..storage.models import Appeal, Official, Setting
from .access import requires
from .context import ServiceContext
from .values import OfficialInput

if TYPE_CHECKING:
    from .desk import AppealDesk

WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


@dataclass(frozen=True)
class FirstSetup:
    organisation: str
    organisation_address: str = ""
    head_position: str = ""
    head_name: str = ""
    settlements: tuple[str, ...] = ()
    executors: tuple[tuple[str, str], ...] = ()  # (full name, position)
    # the head's personal reception: ISO weekdays (1 = Monday), hours and place; a standing rule of the
    # reception schedule (desk.reception), or a line of text in the settings where there is none
    reception_weekdays: tuple[int, ...] = ()
    reception_from: time = time(14, 0)
    reception_to: time = time(17, 0)
    reception_place: str = ""
    # the first user (an administrator): the head unless another name is given; no password needed while
    # nobody else uses the program
    admin_login: str = "admin"
    admin_name: str = ""
    admin_password: str = ""

    def reception_days(self) -> str:
        """"понедельник, четверг 14:00–17:00, кабинет главы" (empty when no day is chosen)."""
        if not self.reception_weekdays:
            return ""
        days = ", ".join(WEEKDAYS[d - 1] for d in sorted(self.reception_weekdays))
        text = f"{days} {self.reception_from:%H:%M}–{self.reception_to:%H:%M}"
        return f"{text}, {self.reception_place.strip()}" if self.reception_place.strip() else text


def parse_executor(line: str) -> tuple[str, str] | None:
    """"Гусев Павел Сергеевич — специалист по ЖКХ" (or with "-", "," or ";") → (name, position)."""
    line = line.strip()
    if not line:
        return None
    parts = re.split(r"\s+[—–-]\s+|[,;]\s*", line, maxsplit=1)
    name = parts[0].strip()
    position = parts[1].strip() if len(parts) > 1 else ""
    return (name, position) if name else None


class FirstSetupService:
    def __init__(self, ctx: ServiceContext, desk):
        self._ctx = ctx
        self._desk = desk

    @requires(P.READ)
    def needed(self) -> bool:
        """True for a database nobody set up yet: no organisation saved, no officials, no appeals."""
        with self._ctx.read() as s:
            if s.get(Setting, "organisation") is not None:
                return False
            if s.scalar(select(func.count()).select_from(Official)):
                return False
            return not s.scalar(select(func.count()).select_from(Appeal))

    @requires(P.SETTINGS)
    def check(self, data: FirstSetup) -> None:
        """``ValidationError`` naming every answer to fix; saves nothing (the wizard asks before its last
        page)."""
        errors = _errors(self._desk, data)
        if errors:
            raise ValidationError(errors)

    @requires(P.SETTINGS)
    def apply(self, data: FirstSetup) -> None:
        """Save the organisation, the head, the settlements, the executors, the head's reception days and
        make the first user (when there is none)."""
        _apply(self._desk, self._ctx, data)


def _errors(desk: AppealDesk, data: FirstSetup) -> list[FieldError]:
    errors = []
    if not data.organisation.strip():
        errors.append(FieldError("organisation", "Укажите название организации"))
    for name, _position in data.executors:
        if len(name.split()) < 2:
            errors.append(FieldError("executors", f"Исполнитель «{name}»: укажите фамилию, имя и отчество"))
    if data.reception_weekdays:
        if not data.head_name.strip():
            errors.append(FieldError("head_name", "Для дней приёма укажите ФИО главы"))
        if data.reception_to <= data.reception_from:
            errors.append(FieldError("reception", "Время окончания приёма должно быть позже начала"))
    admin = _first_admin(desk, data)
    if admin is not None:
        errors += _admin_errors(admin)
    return errors


def _apply(desk: AppealDesk, ctx: ServiceContext, data: FirstSetup) -> None:
    errors = _errors(desk, data)
    if errors:
        raise ValidationError(errors)
    admin = _first_admin(desk, data)
    current = desk.settings.get()
    desk.settings.save(
        replace(
            current,
            organisation=data.organisation.strip(),
            organisation_address=data.organisation_address.strip(),
            head_position=data.head_position.strip() or current.head_position,
            head_name=data.head_name.strip(),
        )
    )
    known = {v.name.casefold() for v in desk.reference.settlements(include_inactive=True)}
    for name in data.settlements:
        name = name.strip()
        if name and name.casefold() not in known:
            desk.reference.add_settlement(name)
            known.add(name.casefold())
    # a second press of "Готово" after an error must not duplicate anybody
    existing = {o.full_name: o.id for o in desk.reference.officials(include_inactive=True)}
    head_id = existing.get(data.head_name.strip())
    if data.head_name.strip() and head_id is None:
        head_id = desk.reference.save_official(
            OfficialInput(full_name=data.head_name.strip(), position=data.head_position.strip() or None,
                          is_executor=True, is_head=True)
        ).id
    for name, position in data.executors:
        if name.strip() == data.head_name.strip() or name.strip() in existing:
            continue
        desk.reference.save_official(OfficialInput(full_name=name.strip(), position=position or None))
    if data.reception_weekdays and head_id is not None:
        from ..reception.values import RuleInput

        desk.reception.save_rule(RuleInput(
            official_id=head_id, weekdays=tuple(sorted(data.reception_weekdays)),
            time_from=data.reception_from, time_to=data.reception_to,
            place=data.reception_place.strip() or "кабинет главы", valid_from=ctx.today(),
        ))
    if admin is not None:
        official = head_id if admin.full_name == data.head_name.strip() else None
        desk.users.add(replace(admin, official_id=official))


def _first_admin(desk: AppealDesk, data: FirstSetup):
    """The first user the wizard makes, or None when the database already has users."""
    from .users import UserInput

    if desk.current_user is None or desk.current_user.id is not None:
        return None
    name = " ".join((data.admin_name or data.head_name).split())
    position = data.head_position.strip() or None if name == data.head_name.strip() else None
    return UserInput(login=data.admin_login.strip() or "admin", full_name=name, role="admin",
                     position=position, password=data.admin_password or None)


def _admin_errors(admin) -> list[FieldError]:
    from ..domain.passwords import password_problem
    from .users import LOGIN_RULE, LOGIN_TEXT

    errors = []
    if not LOGIN_RULE.match(admin.login):
        errors.append(FieldError("admin_login", LOGIN_TEXT))
    if len(admin.full_name.split()) < 2:
        errors.append(FieldError("admin_name", "Укажите ФИО администратора программы (по умолчанию — главы)"))
    if admin.password and (problem := password_problem(admin.password)):
        errors.append(FieldError("admin_password", problem))
    return errors
