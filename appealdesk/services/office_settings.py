"""The office's settings: stored in the database (table ``settings``, one JSON value per key; read and
written by ``settings_store``). No SQLAlchemy here: the start-up reader parses them too."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from ..domain.deadlines import FOLLOWING, PRECEDING, DeadlineRules
from ..domain.numbering import NumberPattern
from ..errors import FieldError, ValidationError


@dataclass(frozen=True)
class OfficeSettings:
    organisation: str = "Администрация сельского поселения"
    organisation_address: str = ""
    head_position: str = "Глава сельского поселения"
    head_name: str = ""
    number_pattern: str = "{seq}-ОГ/{yy}"
    message_number_pattern: str = "{seq}-С/{yy}"
    info_request_number_pattern: str = "{seq}-ЗИ/{yy}"
    non_working_rule: str = PRECEDING
    control_offset_days: int = 0
    due_soon_days: int = 3
    backup_dir: str = ""
    backup_keep: int = 10

    def deadline_rules(self) -> DeadlineRules:
        return DeadlineRules(
            non_working_rule=self.non_working_rule,
            control_offset_days=self.control_offset_days,
            due_soon_days=self.due_soon_days,
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
        if not 1 <= self.backup_keep <= 365:
            errors.append(FieldError("backup_keep", "Хранить копий: от 1 до 365"))
        if errors:
            raise ValidationError(errors)


_FIELDS = {f.name: f for f in fields(OfficeSettings)}


def settings_from_stored(pairs: Iterable[tuple[str, str]]) -> OfficeSettings:
    """The settings from the stored ``(key, JSON value)`` pairs; unknown keys and bad values are skipped."""
    values = {}
    for key, raw in pairs:
        if key in _FIELDS:
            try:
                values[key] = json.loads(raw)
            except ValueError:
                continue
    return replace(OfficeSettings(), **values)
