"""Reference data: the classifier, the vocabularies and the calendar overrides, loaded from
``resources/reference/`` into the database and versioned in ``reference_editions``.

``ensure_reference`` runs at every start: it compares the checksum of each bundled set with the one
recorded in the database and loads only a set that changed, so a normal start costs one small SELECT.
Loading upserts by code. Classifier and vocabulary codes missing from a new edition are retired
(``active = False``), never deleted, so the appeals that use them keep them. Calendar days the admin
entered (``source = 'admin'``) are never touched.

An admin may load a newer classifier edition from a CSV file (``load_classifier_file``); the bundled
classifier then no longer replaces it at start-up (``ensure_reference(force=True)`` goes back to it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..domain.text import fold, search_document
from ..errors import DomainError, ImportRejected, RowError
from ..os_errors import os_error_text
from ..paths import resources_dir
from .models import CalendarOverride, ClassifierEntry, ReferenceEdition, VocabularyEntry

if TYPE_CHECKING:
    from .database import Database

CLASSIFIER = "classifier"
VOCABULARY = "vocabulary"
CALENDAR = "calendar"
BUNDLED = "bundled"

BUNDLED_FILES: dict[str, tuple[str, ...]] = {
    CLASSIFIER: ("classifier.csv",),
    VOCABULARY: ("vocabulary.csv", "vocabulary_local.csv"),
    CALENDAR: ("production_calendar_overrides.csv",),
}

CLASSIFIER_COLUMNS = ("code", "parent_code", "level", "name")
VOCABULARY_COLUMNS = ("group", "code", "label_ru")
CALENDAR_COLUMNS = ("date", "kind")
CALENDAR_KINDS = {"рабочая суббота": True, "рабочий день": True, "выходной": False}

_CODE = re.compile(r"^\d{4}(?:\.\d{4}){0,4}$")
_EDITION_LENGTH = 80


@dataclass(frozen=True)
class ReferenceLoad:
    """What one load changed. ``retired``: codes marked inactive (calendar: bundled days removed)."""

    name: str
    edition: str
    added: int = 0
    updated: int = 0
    retired: int = 0


@dataclass(frozen=True)
class _Source:
    """A reference set read from its files, not yet written anywhere."""

    name: str
    edition: str
    checksum: str
    rows: list[dict[str, Any]]


# -- public -----------------------------------------------------------------------------------------
def ensure_reference(
    db: Database, *, force: bool = False, directory: Path | None = None
) -> list[ReferenceLoad]:
    """Load every bundled set whose checksum differs from the recorded one; returns what was loaded."""
    folder = directory or resources_dir() / "reference"
    checksums = {name: _checksum(folder / f for f in files) for name, files in BUNDLED_FILES.items()}
    for attempt in (1, 2):
        recorded = loaded_editions(db)
        stale = [
            name for name in BUNDLED_FILES if _needs_load(name, recorded.get(name), checksums[name], force)
        ]
        if not stale:
            return []
        sources = [_read_bundled(name, folder, checksums[name]) for name in stale]
        try:
            with db.engine.begin() as con:
                return [_load(con, source) for source in sources]
        except IntegrityError:  # another copy of the program loaded the same data at the same moment
            if attempt == 2:
                raise
    return []


def load_classifier_file(db: Database, path: Path, edition: str) -> ReferenceLoad:
    """Replace the classifier with an edition the admin supplies (the columns of classifier.csv).

    The whole file is checked first; on any problem ``ImportRejected`` lists them and nothing is written.
    """
    edition = (edition or "").strip()
    if not edition:
        raise DomainError("Укажите название редакции классификатора (например, «ред. 2026»).")
    if len(edition) > _EDITION_LENGTH:
        raise DomainError(f"Название редакции длиннее {_EDITION_LENGTH} знаков: сократите его.")
    if fold(edition).startswith(BUNDLED):
        raise DomainError(f"Название редакции не может начинаться со слова «{BUNDLED}»: оно зарезервировано.")
    path = Path(path)
    data = _read_bytes(path)
    rows = _parse_classifier(data, path.name)
    source = _Source(CLASSIFIER, edition, hashlib.sha256(data).hexdigest(), rows)
    with db.engine.begin() as con:
        return _load(con, source)


def loaded_editions(db: Database) -> dict[str, tuple[str, str]]:
    """``{set name: (edition, checksum)}`` of what the database holds."""
    t = ReferenceEdition.__table__
    with db.engine.connect() as con:
        return {
            name: (edition, checksum)
            for name, edition, checksum in con.execute(select(t.c.name, t.c.edition, t.c.checksum))
        }


def _needs_load(name: str, recorded: tuple[str, str] | None, checksum: str, force: bool) -> bool:
    if recorded is None:
        return True
    edition, old_checksum = recorded
    if not edition.startswith(BUNDLED) and not force:
        return False  # the admin's own edition stays until the admin decides otherwise
    return old_checksum != checksum


# -- reading the files ------------------------------------------------------------------------------
def _checksum(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        data = _read_bytes(path)
        digest.update(f"{path.name}:{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DomainError(
            f"Не удалось прочитать файл справочника «{path}» ({os_error_text(exc)}). "
            "Если это файл из поставки программы, переустановите AppealDesk."
        ) from exc


def _read_bundled(name: str, folder: Path, checksum: str) -> _Source:
    edition = f"{BUNDLED} {checksum[:12]}"
    files = BUNDLED_FILES[name]
    if name == CLASSIFIER:
        rows = _parse_classifier(_read_bytes(folder / files[0]), files[0])
    elif name == VOCABULARY:
        rows = _parse_vocabulary([(f, _read_bytes(folder / f)) for f in files])
    else:
        rows = _parse_calendar(_read_bytes(folder / files[0]), files[0])
    return _Source(name, edition, checksum, rows)


def _csv_rows(data: bytes, file_name: str, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """``(spreadsheet row number, row)``; a comma or (as Excel writes it) a semicolon separates fields."""
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [RowError(0, "", f"файл «{file_name}» не в кодировке UTF-8: сохраните его как «CSV UTF-8»")]
        ) from exc
    first_line = content.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        found = ", ".join(header) if header else "нет заголовка"
        raise ImportRejected(
            [RowError(0, c, f"в файле «{file_name}» нет столбца (найдены: {found})") for c in missing]
        )
    reader.fieldnames = header
    rows = [
        (index, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for index, row in enumerate(reader, start=2)
    ]
    if not rows:
        raise ImportRejected([RowError(0, "", f"в файле «{file_name}» нет ни одной записи")])
    return rows


def _parse_classifier(data: bytes, file_name: str) -> list[dict[str, Any]]:
    rows = _csv_rows(data, file_name, CLASSIFIER_COLUMNS)
    errors: list[RowError] = []
    codes = {r["code"] for _n, r in rows}
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for n, r in rows:
        code, parent, name = r["code"], r["parent_code"] or None, r["name"]
        problems_before = len(errors)
        if not _CODE.match(code):
            errors.append(RowError(n, "code", f"код «{code}» не в формате РРРР.ТТТТ.ММММ.ВВВВ[.ПППП]"))
        elif code in seen:
            errors.append(RowError(n, "code", f"код «{code}» повторяется"))
        else:
            depth = code.count(".") + 1
            if r["level"] != str(depth):
                errors.append(
                    RowError(n, "level", f"уровень «{r['level']}» не соответствует коду {code} ({depth})")
                )
            expected_parent = code.rsplit(".", 1)[0] if depth > 1 else None
            if parent != expected_parent:
                errors.append(
                    RowError(
                        n, "parent_code", f"у кода {code} родитель должен быть «{expected_parent or ''}»"
                    )
                )
            elif parent and parent not in codes:
                errors.append(RowError(n, "parent_code", f"родительской записи {parent} нет в файле"))
        if not name:
            errors.append(RowError(n, "name", "нет наименования"))
        seen.add(code)
        if len(errors) == problems_before:
            out.append({"code": code, "parent_code": parent, "level": int(r["level"]), "name": name})
    if errors:
        raise ImportRejected(errors)
    return out


def _parse_vocabulary(files: Sequence[tuple[str, bytes]]) -> list[dict[str, Any]]:
    errors: list[RowError] = []
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for file_name, data in files:
        for n, r in _csv_rows(data, file_name, VOCABULARY_COLUMNS):
            group, code, label = r["group"], r["code"], r["label_ru"]
            where = f"{file_name}: "
            if not group or not code or not label:
                errors.append(RowError(n, "", where + "нужны группа, код и наименование"))
            elif len(group) > 40 or len(code) > 40 or len(label) > 200:
                errors.append(RowError(n, "", where + "слишком длинные группа, код или наименование"))
            elif (group, code) in seen:
                errors.append(RowError(n, "code", where + f"код «{group}/{code}» повторяется"))
            else:
                seen.add((group, code))
                notes = r.get("notes") or None
                out.append(
                    {"group": group, "code": code, "label": label, "notes": notes, "position": len(out)}
                )
    if errors:
        raise ImportRejected(errors)
    return out


def _parse_calendar(data: bytes, file_name: str) -> list[dict[str, Any]]:
    errors: list[RowError] = []
    seen: set[date] = set()
    out: list[dict[str, Any]] = []
    for n, r in _csv_rows(data, file_name, CALENDAR_COLUMNS):
        try:
            day = date.fromisoformat(r["date"])
        except ValueError:
            errors.append(RowError(n, "date", f"дата «{r['date']}» не в формате ГГГГ-ММ-ДД"))
            continue
        kind = fold(r["kind"])
        if kind not in CALENDAR_KINDS:
            allowed = ", ".join(f"«{k}»" for k in CALENDAR_KINDS)
            errors.append(RowError(n, "kind", f"вид дня «{r['kind']}» неизвестен; допустимы: {allowed}"))
            continue
        if day in seen:
            errors.append(RowError(n, "date", f"дата {day:%d.%m.%Y} повторяется"))
            continue
        seen.add(day)
        detail, basis = r.get("detail", ""), r.get("legal_basis", "")
        note = f"{detail} ({basis})" if detail and basis else detail or basis or None
        out.append({"day": day, "is_working": CALENDAR_KINDS[kind], "note": note})
    if errors:
        raise ImportRejected(errors)
    return out


# -- writing ----------------------------------------------------------------------------------------
def _load(con: Connection, source: _Source) -> ReferenceLoad:
    if source.name == CLASSIFIER:
        result = _load_classifier(con, source)
    elif source.name == VOCABULARY:
        result = _load_vocabulary(con, source)
    else:
        result = _load_calendar(con, source)
    _record_edition(con, source)
    return result


def _load_classifier(con: Connection, source: _Source) -> ReferenceLoad:
    t: Table = ClassifierEntry.__table__
    existing = {row["code"]: row for row in _rows(con, t)}
    rows = []
    for r in source.rows:
        old = existing.get(r["code"])
        name_key = (
            old["name_key"] if old is not None and old["name"] == r["name"] else search_document(r["name"])
        )
        rows.append(
            {**r, "name_key": name_key, "section": r["code"][:4], "edition": source.edition, "active": True}
        )
    present = {r["code"] for r in rows}
    retire = [code for code, row in existing.items() if code not in present and row["active"]]
    added, updated = _upsert(con, t, ("code",), rows, existing)
    _retire(con, t, ("code",), [(c,) for c in retire])
    return ReferenceLoad(source.name, source.edition, added, updated, len(retire))


def _load_vocabulary(con: Connection, source: _Source) -> ReferenceLoad:
    t: Table = VocabularyEntry.__table__
    existing = {(row["group"], row["code"]): row for row in _rows(con, t)}
    rows = [{**r, "active": True} for r in source.rows]
    present = {(r["group"], r["code"]) for r in rows}
    retire = [key for key, row in existing.items() if key not in present and row["active"]]
    added, updated = _upsert(con, t, ("group", "code"), rows, existing)
    _retire(con, t, ("group", "code"), retire)
    return ReferenceLoad(source.name, source.edition, added, updated, len(retire))


def _load_calendar(con: Connection, source: _Source) -> ReferenceLoad:
    t: Table = CalendarOverride.__table__
    existing = {row["day"]: row for row in _rows(con, t)}
    admin_days = {day for day, row in existing.items() if row["source"] != BUNDLED}
    rows = [{**r, "source": BUNDLED} for r in source.rows if r["day"] not in admin_days]
    present = {r["day"] for r in source.rows}
    stale = [day for day, row in existing.items() if row["source"] == BUNDLED and day not in present]
    added, updated = _upsert(
        con, t, ("day",), rows, {d: r for d, r in existing.items() if d not in admin_days}
    )
    if stale:
        con.execute(delete(t).where(t.c.day == bindparam("b_day")), [{"b_day": d} for d in stale])
    return ReferenceLoad(source.name, source.edition, added, updated, len(stale))


def _upsert(
    con: Connection, t: Table, key: tuple[str, ...], rows: list[dict[str, Any]], existing: dict[Any, Any]
) -> tuple[int, int]:
    """Insert the new rows and update the changed ones, each in one executemany."""
    fresh, changed = [], []
    for r in rows:
        k = tuple(r[c] for c in key)
        old = existing.get(k[0] if len(key) == 1 else k)
        if old is None:
            fresh.append(r)
        elif any(old[c] != v for c, v in r.items()):
            changed.append({**{c: v for c, v in r.items() if c not in key}, **{f"b_{c}": r[c] for c in key}})
    if fresh:
        con.execute(insert(t), fresh)
    if changed:
        con.execute(update(t).where(_key_match(t, key)), changed)
    return len(fresh), len(changed)


def _retire(con: Connection, t: Table, key: tuple[str, ...], keys: list[tuple[Any, ...]]) -> None:
    if keys:
        con.execute(
            update(t).where(_key_match(t, key)).values(active=False),
            [{f"b_{c}": v for c, v in zip(key, k, strict=True)} for k in keys],
        )


def _rows(con: Connection, t: Table) -> list[dict[str, Any]]:
    return [dict(row) for row in con.execute(select(t)).mappings()]


def _key_match(t: Table, key: tuple[str, ...]):
    return and_(*(t.c[c] == bindparam(f"b_{c}") for c in key))


def _record_edition(con: Connection, source: _Source) -> None:
    t: Table = ReferenceEdition.__table__
    values = {
        "edition": source.edition,
        "checksum": source.checksum,
        "loaded_at": datetime.now().replace(microsecond=0),
    }
    done = con.execute(update(t).where(t.c.name == source.name).values(**values))
    if done.rowcount == 0:
        con.execute(insert(t).values(name=source.name, **values))
