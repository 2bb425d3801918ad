"""Reading and writing the cells of the registration journal: dates, yes/no, integers, ``;`` lists and
vocabulary values. Pure functions; a cell that cannot be read raises ``CellError`` with a Russian message.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from ..domain.text import fold


class CellError(ValueError):
    """A cell's value cannot be read; ``str(err)`` is the Russian message for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


DATE_FORMAT = "DD.MM.YYYY"  # the number format of the export's date cells
YES, NO = "да", "нет"
SEPARATOR = ";"

_EXCEL_EPOCH = date(1899, 12, 30)
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_DOTTED = re.compile(r"(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4}|\d{2})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME_TAIL = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:г\.?|года?)?")
_TRUE = frozenset({"да", "1", "true", "истина", "yes"})
_FALSE = frozenset({"нет", "0", "false", "ложь", "no"})
_CODE_SPLIT = re.compile(r"[;,\n\r]+|\s+")
_RESULT_SPLIT = re.compile(r"[;\n\r]")
_SPACES = re.compile(r"\s+")


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A cell's value as the user sees it, for messages."""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != datetime.min.time() else f"{value:%d.%m.%Y}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "…"


# -- reading --------------------------------------------------------------------------------------
def parse_date(value: object) -> date | None:
    """An Excel date, an Excel serial number, or text ``ДД.ММ.ГГГГ`` (also ``Д.М.ГГГГ``, ``ДД.ММ.ГГ``,
    ``ДД/ММ/ГГГГ``) or ISO ``ГГГГ-ММ-ДД``; a time after the date is ignored. Empty is None."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _checked_year(value.date(), value)
    if isinstance(value, date):
        return _checked_year(value, value)
    if isinstance(value, bool):
        raise CellError(f"«{shown(value)}» — не дата; ожидается дата ДД.ММ.ГГГГ")
    if isinstance(value, int | float):
        # a date stored as a number (the cell lost its date format); a fraction is the time of day
        if not (math.isfinite(value) and 1 <= value < 73051):  # 31.12.2099
            raise CellError(f"«{shown(value)}» — не дата; ожидается дата ДД.ММ.ГГГГ")
        return _checked_year(_EXCEL_EPOCH + timedelta(days=int(value)), value)
    text = str(value).strip()
    found = _DOTTED.match(text)
    if found and _TIME_TAIL.fullmatch(text[found.end() :]):
        day, month, year = (int(g) for g in found.groups())
        if len(found.group(3)) == 2:
            year += 2000
        return _make(year, month, day, text)
    found = _ISO.match(text)
    if found and _TIME_TAIL.fullmatch(text[found.end() :]):
        year, month, day = (int(g) for g in found.groups())
        return _make(year, month, day, text)
    raise CellError(f"«{shown(value)}» — не дата; ожидается дата ДД.ММ.ГГГГ")


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        made = date(year, month, day)
    except ValueError:
        raise CellError(f"«{text}»: такой даты нет") from None
    return _checked_year(made, text)


def _checked_year(d: date, raw: object) -> date:
    if not _MIN_YEAR <= d.year < _MAX_YEAR:
        raise CellError(f"«{shown(raw)}»: год {d.year} вне допустимого диапазона")
    return d


def parse_bool(value: object) -> bool:
    """``да``/``нет``, ``1``/``0`` (also Excel TRUE/FALSE, ``истина``/``ложь``); empty is no."""
    if is_blank(value):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value == 1:
            return True
        if value == 0:
            return False
    else:
        text = fold(str(value).strip()).rstrip(".")
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise CellError(f"«{shown(value)}»: ожидается «да» или «нет» (или 1 / 0)")


def parse_int(value: object) -> int | None:
    """A whole number (a number cell or digits); empty is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"«{shown(value)}»: ожидается целое число")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"«{shown(value)}»: ожидается целое число")
    text = _SPACES.sub("", str(value))
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise CellError(f"«{shown(value)}»: ожидается целое число")


def parse_text(value: object) -> str | None:
    """A text cell: stripped, None when empty. A number is written without ``.0``, a date as ДД.ММ.ГГГГ."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return f"{value:%d.%m.%Y}"
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value:%d.%m.%Y}"
    return str(value).strip() or None


def parse_codes(value: object) -> list[str]:
    """Classifier codes separated by ``;`` (also by commas, spaces or line breaks); empty items dropped."""
    text = parse_text(value)
    if text is None:
        return []
    return [c for c in _CODE_SPLIT.split(text) if c]


def split_results(value: object) -> list[str]:
    """The items of a ``;``-separated list (line breaks also separate), stripped. Empty items are kept
    (an empty place is a question in progress); a list that is all empty is an empty list."""
    text = parse_text(value)
    if text is None:
        return []
    items = [_SPACES.sub(" ", p).strip() for p in _RESULT_SPLIT.split(text)]
    return items if any(items) else []


def vocabulary_key(text: str) -> str:
    """The key a vocabulary value is matched by: case, ``ё``/``е`` and spaces ignored."""
    return _SPACES.sub("", fold(text))


class VocabularyIndex:
    """Looks a cell up in a vocabulary by its Russian label or its code, case and ``ё`` ignored."""

    def __init__(self, vocabulary: Mapping[str, Mapping[str, str]]):
        self._labels = {g: dict(items) for g, items in vocabulary.items()}
        self._index: dict[str, dict[str, str]] = {}
        for group, items in vocabulary.items():
            index: dict[str, str] = {}
            for code, label in items.items():
                index.setdefault(vocabulary_key(label), code)
            for code in items:
                index.setdefault(vocabulary_key(code), code)
            self._index[group] = index

    def labels(self, group: str) -> list[str]:
        return list(self._labels.get(group, {}).values())

    def label(self, group: str, code: str | None) -> str:
        if not code:
            return ""
        return self._labels.get(group, {}).get(code, code)

    def code(self, group: str, value: object, *, exclude: Iterable[str] = ()) -> str | None:
        """The code of ``value`` in ``group``; None when empty. Unknown: ``CellError`` naming the allowed
        values."""
        text = parse_text(value)
        if text is None:
            return None
        found = self._index.get(group, {}).get(vocabulary_key(text))
        skip = set(exclude)
        if found is None or found in skip:
            allowed = "; ".join(f"«{lab}»" for c, lab in self._labels.get(group, {}).items() if c not in skip)
            raise CellError(f"неизвестное значение «{shown(text)}». Допустимые значения: {allowed}")
        return found


# -- writing --------------------------------------------------------------------------------------
def format_bool(value: bool | None) -> str:
    return YES if value else NO


def format_date(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def join_list(items: Iterable[str]) -> str:
    return SEPARATOR.join(items)
