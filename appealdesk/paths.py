"""Where the program keeps its data and finds the files it ships."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "AppealDesk"
DB_FILE_NAME = "appealdesk.sqlite3"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the packages in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    installed = Path(sys.prefix) / "share" / "appealdesk" / "resources"  # pip install . (data-files)
    return installed if installed.is_dir() else checkout


def user_data_dir() -> Path:
    """The per-user data folder (``%LOCALAPPDATA%\\AppealDesk`` on Windows).

    ``APPEALDESK_HOME`` overrides it (tests, portable installs).
    """
    override = os.environ.get("APPEALDESK_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as _platform_dir

    return Path(_platform_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return user_data_dir() / DB_FILE_NAME


def default_backup_dir(db_path: Path | None = None) -> Path:
    base = db_path.parent if db_path is not None else user_data_dir()
    return base / "backups"
