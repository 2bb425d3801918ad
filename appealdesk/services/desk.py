"""The facade of the service layer: ``AppealDesk`` over one open database (see the package docstring).

The one door to the core: the desktop, the command line, the tests and the benchmarks reach the database
only through the services hung on it (``desk.appeals``, ``desk.reports``, ``desk.backups``...). Its
context (the database, the signed-in person, the caches) is private; nothing outside the service layer
opens a session.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path

from ..domain.roles import Permission
from ..storage.database import Database
from .access import Principal, requires
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
from .users import UserService, sign_in, sign_in_by_itself
from .values import DeadlineShift

P = Permission


class SettingsService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def get(self) -> OfficeSettings:
        return self._ctx.settings()

    @requires(P.SETTINGS)
    def preview(self, new: OfficeSettings) -> DeadlineShift:
        """The appeals on consideration whose deadlines the new settings move (the non-working-day rule,
        the control offset, the message term): what the administrator confirms before ``save``."""
        from . import recompute

        new.validate()
        ctx = self._ctx
        with ctx.read() as s:
            overrides = recompute.read_overrides(s)
            return recompute.plan(s, recompute.engine_of(overrides, read_settings(s).deadline_rules()),
                                  recompute.engine_of(overrides, new.deadline_rules()), _rules_text(new))

    @requires(P.SETTINGS)
    def save(self, new: OfficeSettings, confirmed: DeadlineShift | None = None) -> OfficeSettings:
        """Store the settings. New deadline rules recompute the deadlines of the appeals on consideration in
        the same transaction, once their list is confirmed (``preview``; else ``DeadlinesWouldMove``)."""
        from . import audit, recompute

        new.validate()
        ctx = self._ctx
        with ctx.uow() as s:
            old = read_settings(s)
            shift = None
            if old.deadline_rules() != new.deadline_rules():
                overrides = recompute.read_overrides(s)
                shift = recompute.plan(s, recompute.engine_of(overrides, old.deadline_rules()),
                                       recompute.engine_of(overrides, new.deadline_rules()), _rules_text(new))
                recompute.confirm(shift, confirmed)
            changed = write_settings(s, new)
            if changed:
                audit.record(
                    s, ctx, "settings", None, "settings",
                    [(k, audit.as_text(o), audit.as_text(n)) for k, (o, n) in changed.items()],
                )
            if shift is not None:
                recompute.apply(s, ctx, shift)
        self._ctx.invalidate()
        with self._ctx.read() as s:
            return read_settings(s)


def _rules_text(new: OfficeSettings) -> str:
    rule = "на предшествующий" if new.non_working_rule == "previous" else "на следующий"
    return (f"новые правила сроков: выходной — {rule} рабочий день, контрольный срок за "
            f"{new.control_offset_days} дн., ответ на сообщение — {new.message_hours} ч")


class AppealDesk:
    """The service layer of one open database, acting for one signed-in person."""

    def __init__(self, db: Database, today: Callable[[], date] | None = None):
        self._db = db
        self._ctx = ServiceContext(db, today=today)
        self.appeals = AppealService(self._ctx)
        self.applicants = ApplicantService(self._ctx)
        self.reference = ReferenceService(self._ctx)
        self.settings = SettingsService(self._ctx)
        self.journal = JournalService(self._ctx)
        self.deadlines = DeadlineService(self._ctx)
        self.audit = AuditService(self._ctx)
        self.attachments = AttachmentService(self._ctx)
        self.users = UserService(self._ctx)

    # the parts the first screen does not need are imported on first use: the window comes up sooner
    @cached_property
    def reception(self):
        """Personal reception: schedules, bookings, reception cards (``ReceptionService``)."""
        from .reception import ReceptionService

        return ReceptionService(self._ctx)

    @cached_property
    def control(self):
        """Deadline calendar, today panel, promises, discipline, reminders (``ControlService``)."""
        from .control import ControlService

        return ControlService(self._ctx)

    @cached_property
    def reports(self):
        """The published reports and the lists of a period (``ReportService``)."""
        from .reports import ReportService

        return ReportService(self._ctx)

    @cached_property
    def papers(self):
        """Every printed paper on the one document model, and its PDF (``PaperService``)."""
        from .papers import PaperService

        return PaperService(self._ctx, self)

    @cached_property
    def letters(self):
        """Letters from the office's templates: numbered, attached, notices recorded (``LetterService``)."""
        from .letters import LetterService

        return LetterService(self._ctx)

    @cached_property
    def sstu(self):
        """The monthly upload to ССТУ.РФ and its remembered state (``SstuService``)."""
        from .sstu import SstuService

        return SstuService(self._ctx)

    @cached_property
    def exchange(self):
        """The XLSX registration journal: import and export (``ExchangeService``)."""
        from .exchange import ExchangeService

        return ExchangeService(self._ctx, self.journal)

    @cached_property
    def backups(self):
        """Backups, their list, restore (``BackupService``)."""
        from .backups import BackupService

        return BackupService(self._ctx)

    @cached_property
    def calendar(self):
        """The production calendar of the office (``CalendarService``)."""
        from .calendar import CalendarService

        return CalendarService(self._ctx)

    @cached_property
    def demo(self):
        """Demo data (``DemoService``)."""
        from .demo import DemoService

        return DemoService(self._ctx, self)

    @cached_property
    def transfer(self):
        """Moving the database to a server (``TransferService``)."""
        from .transfer import TransferService

        return TransferService(self._ctx)

    @cached_property
    def setup(self):
        """The first start of a new office (``FirstSetupService``)."""
        from .first_setup import FirstSetupService

        return FirstSetupService(self._ctx, self)

    # -- who is working ------------------------------------------------------------------------------
    @property
    def current_user(self) -> Principal | None:
        """The person the services act for; None until somebody signs in."""
        return self._ctx.principal

    def can(self, permission: Permission) -> bool:
        """Whether the signed-in person's role holds ``permission`` (an executor: on their own appeals)."""
        p = self._ctx.principal
        return p is not None and p.may(permission)

    def sign_in(self, login: str, password: str) -> Principal:
        """Check the password and act as this user from now on (``SignInFailed`` otherwise)."""
        return sign_in(self._ctx, login, password)

    def sign_in_by_itself(self) -> Principal | None:
        """Sign in without a login where none is needed: the single user of a one-person office, or the
        setup of a database without users. None: the program must ask (two users or more)."""
        return sign_in_by_itself(self._ctx)

    def sign_out(self) -> None:
        self._ctx.act_as(None)

    # -- the day, the database -----------------------------------------------------------------------
    def today(self) -> date:
        """"Today" of the service layer (tests and the demo fix it)."""
        return self._ctx.today()

    @property
    def database_path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return self._db.path

    @property
    def on_server(self) -> bool:
        return not self._db.is_sqlite

    def location(self) -> str:
        """Where the database is, as the user reads it."""
        from .checks import describe_location

        return describe_location(self._db)

    @requires(P.CHECK)
    def check(self):
        """The whole check of the database (``CheckReport``): integrity, references, scans, the audit
        chain. Reads only."""
        from .checks import check_database

        return check_database(self._ctx)

    @requires(P.READ)
    def check_integrity(self) -> None:
        """The quick whole-file check the desktop runs in the background after its start; raises
        ``DatabaseProblem("damaged")``. Reads only."""
        from ..storage.database import quick_check

        quick_check(self._db)

    @requires(P.READ)
    def schema_revision(self) -> str | None:
        from ..storage.database import current_revision

        return current_revision(self._db)

    def warm_up(self) -> None:
        """Load the settings, the vocabularies and the calendar (off the GUI thread, at start)."""
        self._ctx.vocabulary()
        self._ctx.engine()

    @classmethod
    def open(
        cls,
        db: str | os.PathLike | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        today: Callable[[], date] | None = None,
        backup_dir: Path | None = None,
        deep_check: bool = True,
    ) -> AppealDesk:
        """Open (check, create, migrate) the database; the bundled reference data is loaded if it changed.

        ``user`` (a login) signs in with ``password``; without it the desk signs in by itself where that
        is allowed (``sign_in_by_itself``), and otherwise waits for ``sign_in``.

        ``deep_check=False`` skips the whole-file ``quick_check`` (the desktop runs ``check_integrity`` in
        the background after its window is shown)."""
        from ..storage.database import open_database

        database = open_database(db, backup_dir=backup_dir, deep_check=deep_check)
        desk = cls(database, today=today)
        try:
            if user is not None:
                desk.sign_in(user, password or "")
            else:
                desk.sign_in_by_itself()
        except BaseException:
            desk.close()
            raise
        return desk

    @classmethod
    def open_to_check(cls, db: str | os.PathLike | None = None) -> AppealDesk:
        """The database as it is, only to be checked: an SQLite file is opened read-only (no migration, no
        reference data, no checkpoint: nothing is written to it), and nobody signs in (a sign-in writes);
        the check reads counts only, and whoever holds the file may look at it."""
        from ..storage.database import open_read_only
        from .access import FILE_HOLDER, Principal

        desk = cls(open_read_only(db))
        desk._ctx.act_as(Principal(None, "", FILE_HOLDER, "viewer"))
        return desk

    def close(self) -> None:
        self._db.dispose()
