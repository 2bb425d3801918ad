"""The office's settings: stored in the database (table ``settings``, one JSON value per key; read and
written by ``settings_store``). No SQLAlchemy here: the start-up reader parses them too."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..domain.deadlines import FOLLOWING, MESSAGE_HOURS_MAX, MESSAGE_HOURS_MIN, PRECEDING, DeadlineRules
from ..domain.numbering import NumberPattern
from ..errors import FieldError, ValidationError


@dataclass(frozen=True)
class OfficeSettings:
    organisation: str = "Администрация сельского поселения"
    organisation_address: str = ""
    oktmo: str = ""  # the organisation's ОКТМО (8 or 11 digits): the district tells its settlements' reports apart
    inn: str = ""  # the organisation's ИНН (10 digits)
    head_position: str = "Глава сельского поселения"
    head_name: str = ""
    number_pattern: str = "{seq}-ОГ/{yy}"
    message_number_pattern: str = "{seq}-С/{yy}"
    info_request_number_pattern: str = "{seq}-ЗИ/{yy}"
    non_working_rule: str = PRECEDING
    control_offset_days: int = 0
    due_soon_days: int = 3
    message_hours: int = 24  # the answer term of a ПОС / social-network message: a regional rule
    confirm_measures_by_call: bool = False  # close a «меры приняты» answer only after a call to the applicant
    backup_dir: str = ""
    backup_keep: int = 10
    # the letter blank: the body's contacts (ГОСТ Р 7.0.97: справочные данные об организации)
    organisation_phone: str = ""
    organisation_email: str = ""
    organisation_site: str = ""
    # the outgoing series of letters, restarting each year
    letter_number_pattern: str = "исх. {seq}/{yy}"
    # whose name and phone the letter's executor mark carries: the appeal's executor or the signed-in user
    letter_executor: str = "appeal"  # appeal | user
    # ССТУ.РФ (Указ № 171): the body's identifier in the ССТУ directory, and those of the bodies the office
    # forwards to, as ((name, GUID), ...)
    sstu_department_id: str = ""
    sstu_bodies: tuple[tuple[str, str], ...] = ()
    # [inferred] by the public implementations: settings rather than guesses
    sstu_extended_status: str = "InWorkExtended"  # or "InWork" where the region does not take the newer one
    sstu_medo_electronic: bool = False  # appeals from other bodies in electronic form came by МЭДО: "Electronic"

    def deadline_rules(self) -> DeadlineRules:
        return DeadlineRules(
            non_working_rule=self.non_working_rule,
            control_offset_days=self.control_offset_days,
            due_soon_days=self.due_soon_days,
            message_hours=self.message_hours,
        )

    def validate(self) -> None:
        errors: list[FieldError] = []
        if not self.organisation.strip():
            errors.append(FieldError("organisation", "Укажите название организации"))
        for name in ("number_pattern", "message_number_pattern", "info_request_number_pattern"):
            try:
                NumberPattern(getattr(self, name))
            except Exception as exc:  # DomainError with a Russian message
                errors.append(FieldError(name, str(exc)))
        if self.non_working_rule not in (PRECEDING, FOLLOWING):
            errors.append(FieldError("non_working_rule", "Неизвестное правило переноса срока"))
        if not 0 <= self.control_offset_days <= 29:
            errors.append(
                FieldError("control_offset_days", "Контрольный срок: от 0 до 29 дней до срока по закону")
            )
        if not 0 <= self.due_soon_days <= 20:
            errors.append(FieldError("due_soon_days", "«Срок скоро»: от 0 до 20 рабочих дней"))
        if not MESSAGE_HOURS_MIN <= self.message_hours <= MESSAGE_HOURS_MAX:
            errors.append(FieldError("message_hours", f"Срок ответа на сообщение: от {MESSAGE_HOURS_MIN} до "
                                                      f"{MESSAGE_HOURS_MAX} часов"))
        oktmo = self.oktmo.strip()
        if oktmo and not (oktmo.isdigit() and len(oktmo) in (8, 11)):
            errors.append(FieldError("oktmo", "ОКТМО — 8 или 11 цифр"))
        inn = self.inn.strip()
        if inn and not inn_valid(inn):
            errors.append(FieldError("inn", "ИНН организации — 10 цифр с верным контрольным числом"))
        if not 1 <= self.backup_keep <= 365:
            errors.append(FieldError("backup_keep", "Хранить копий: от 1 до 365"))
        try:
            NumberPattern(self.letter_number_pattern)
        except Exception as exc:
            errors.append(FieldError("letter_number_pattern", str(exc)))
        if self.letter_executor not in ("appeal", "user"):
            errors.append(FieldError("letter_executor", "Исполнитель в письме: исполнитель обращения или пользователь"))
        if self.sstu_department_id and not is_guid(self.sstu_department_id):
            errors.append(FieldError("sstu_department_id", "Идентификатор ССТУ — GUID вида "
                                     "11111111-2222-3333-4444-555555555555"))
        seen = set()
        for name, guid in self.sstu_bodies:
            if not name.strip():
                errors.append(FieldError("sstu_bodies", "У органа с идентификатором ССТУ не указано название"))
            elif not is_guid(guid):
                errors.append(FieldError("sstu_bodies", f"Идентификатор ССТУ органа «{name}» — не GUID: «{guid}»"))
            elif body_key(name) in seen:
                errors.append(FieldError("sstu_bodies", f"Орган «{name}» указан дважды"))
            seen.add(body_key(name))
        if self.sstu_extended_status not in ("InWorkExtended", "InWork"):
            errors.append(FieldError("sstu_extended_status", "Статус продлённых: InWorkExtended или InWork"))
        if errors:
            raise ValidationError(errors)


_INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def inn_valid(inn: str) -> bool:
    """The ИНН of an organisation: 10 digits, the last one the check digit (the weighted sum of the first
    nine modulo 11, modulo 10)."""
    if len(inn) != 10 or not inn.isdigit():
        return False
    check = sum(int(d) * w for d, w in zip(inn[:9], _INN_WEIGHTS, strict=True)) % 11 % 10
    return check == int(inn[9])


# the settings that move the deadlines of appeals on consideration when they change
DEADLINE_FIELDS = ("non_working_rule", "control_offset_days", "message_hours")

_FIELDS = {f.name: f for f in fields(OfficeSettings)}
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_guid(text: str) -> bool:
    return bool(_GUID.match((text or "").strip()))


def body_key(name: str) -> str:
    """A body's name folded for matching a forwarding's «куда направлено» with the GUID list."""
    return " ".join((name or "").replace("ё", "е").replace("Ё", "Е").casefold().split())


def settings_from_stored(pairs: Iterable[tuple[str, str]]) -> OfficeSettings:
    """The settings from the stored ``(key, JSON value)`` pairs; unknown keys and bad values are skipped."""
    values = {}
    for key, raw in pairs:
        if key in _FIELDS:
            try:
                values[key] = json.loads(raw)
            except ValueError:
                continue
    bodies = values.get("sstu_bodies")
    if bodies is not None:
        try:
            values["sstu_bodies"] = tuple((str(n), str(g)) for n, g in bodies)
        except (TypeError, ValueError):
            del values["sstu_bodies"]
    return replace(OfficeSettings(), **values)
