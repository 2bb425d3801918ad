"""Per-user preferences of the desktop (not the office's settings, which live in the database): the
database file chosen, window geometry, journal columns. A small JSON file in the user's data folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILE_NAME = "desktop.json"


def _path() -> Path:
    from appealdesk.paths import user_data_dir

    return user_data_dir() / FILE_NAME


def load() -> dict[str, Any]:
    try:
        return json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def get(key: str, default: Any = None) -> Any:
    return load().get(key, default)


def put(key: str, value: Any) -> None:
    data = load()
    if value is None:
        data.pop(key, None)
    else:
        data[key] = value
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass  # preferences are a comfort; never fail the program over them
