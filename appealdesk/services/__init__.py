"""The one service layer. Every screen, the command line, the tests and the benchmarks call it.

    desk = AppealDesk.open("path/to/appeals.sqlite3")
    card = desk.appeals.register(AppealInput(...))

Every call opens its own unit of work, takes and returns plain frozen values, and raises a domain error
with a Russian message when a rule refuses it.

Importing this package is cheap: ``AppealDesk`` (and with it SQLAlchemy) is loaded on first use, so that
the plain values (``services.values``) and the start-up reader (``services.first_screen``) can be imported
without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .desk import AppealDesk
    from .office_settings import OfficeSettings

__all__ = ["AppealDesk", "OfficeSettings"]


def __getattr__(name: str):
    if name == "AppealDesk":
        from .desk import AppealDesk

        return AppealDesk
    if name == "OfficeSettings":
        from .office_settings import OfficeSettings

        return OfficeSettings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
