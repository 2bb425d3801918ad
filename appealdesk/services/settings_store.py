"""Reading and writing the office's settings (table ``settings``) in a session."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..storage.models import Setting
from .office_settings import OfficeSettings, settings_from_stored


def read_settings(session: Session) -> OfficeSettings:
    return settings_from_stored(session.execute(select(Setting.key, Setting.value)))


def write_settings(session: Session, new: OfficeSettings) -> dict[str, tuple[object, object]]:
    """Store ``new``; returns the changed fields as ``{name: (old, new)}``."""
    new.validate()
    old = read_settings(session)
    changed = {}
    old_d, new_d = asdict(old), asdict(new)
    for key, value in new_d.items():
        if old_d[key] != value:
            changed[key] = (old_d[key], value)
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
            else:
                row.value = json.dumps(value, ensure_ascii=False)
    return changed
