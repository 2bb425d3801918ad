"""The facade of the service layer: ``AppealDesk`` over one open database (see the package docstring)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path

from ..storage.database import Database
from .appeals import AppealService
from .applicants import ApplicantService
from .attachments import AttachmentService
from .audit import AuditService
from .context import ServiceContext
from .deadlines import DeadlineService
from .journal import JournalService
from .office_settings import OfficeSettings
from .reference import ReferenceService
from .settings_store import read_settings, write_settings


class SettingsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def get(self) -> OfficeSettings:
        return self._ctx.settings()

    def save(self, new: OfficeSettings) -> OfficeSettings:
        from . import audit

        with self._ctx.uow() as s:
            changed = write_settings(s, new)
            if changed:
                audit.record(
                    s, self._ctx, "settings", None, "settings",
                    [(k, audit.as_text(o), audit.as_text(n)) for k, (o, n) in changed.items()],
                )
        self._ctx.invalidate()
        with self._ctx.read() as s:
            return read_settings(s)


class AppealDesk:
    """The service layer of one open database."""

    def __init__(self, db: Database, user: str | None = None, today: Callable[[], date] | None = None):
        self.db = db
        self.ctx = ServiceContext(db, user=user, today=today)
        self.appeals = AppealService(self.ctx)
        self.applicants = ApplicantService(self.ctx)
        self.reference = ReferenceService(self.ctx)
        self.settings = SettingsService(self.ctx)
        self.journal = JournalService(self.ctx)
        self.deadlines = DeadlineService(self.ctx)
        self.audit = AuditService(self.ctx)
        self.attachments = AttachmentService.for_desk(self)

    # the parts the first screen does not need are imported on first use: the window comes up sooner
    @cached_property
    def reception(self):
        """Personal reception: schedules, bookings, reception cards (``ReceptionService``)."""
        from .reception import ReceptionService

        return ReceptionService(self.ctx)

    @cached_property
    def control(self):
        """Deadline calendar, today panel, promises, discipline, reminders (``ControlService``)."""
        from .control import ControlService

        return ControlService(self.ctx)

    @classmethod
    def open(
        cls,
        db: str | os.PathLike | None = None,
        *,
        user: str | None = None,
        today: Callable[[], date] | None = None,
        backup_dir: Path | None = None,
        deep_check: bool = True,
    ) -> AppealDesk:
        """Open (check, create, migrate) the database; the bundled reference data is loaded if it changed.

        ``deep_check=False`` skips the whole-file ``quick_check`` (the desktop runs ``check_integrity`` in
        the background after its window is shown)."""
        from ..storage.database import open_database

        database = open_database(db, backup_dir=backup_dir, deep_check=deep_check)
        return cls(database, user=user, today=today)

    def check_integrity(self) -> None:
        """Raises ``DatabaseProblem("damaged")`` when the file is damaged. Reads only."""
        from ..storage.database import quick_check

        quick_check(self.db)

    def close(self) -> None:
        self.db.dispose()

