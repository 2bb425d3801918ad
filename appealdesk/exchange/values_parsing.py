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

EXCEL_1900 = date(1899, 12, 30)  # day 0 of an Excel serial number (the 1900 date system)
EXCEL_1904 = date(1904, 1, 1)  # day 0 in a workbook of the 1904 date system (old Mac Excel)
EARLIEST = date(1990, 1, 1)  # no journal of an office holds older appeals: an older date is a typo
_MAX_YEAR = 2100
_MAX_SERIAL = 2_958_466  # 31.12.9999
INT_LIMIT = 1_000_000_000
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
def parse_date(value: object, epoch: date = EXCEL_1900) -> date | None:
    """An Excel date, an Excel serial number (counted from ``epoch``: ``EXCEL_1904`` in a workbook of the
    1904 date system), or text ``ДД.ММ.ГГГГ`` (also ``Д.М.ГГГГ``, ``ДД.ММ.ГГ``, ``ДД/ММ/ГГГГ``) or ISO
    ``ГГГГ-ММ-ДД``; a time after the date is ignored. Empty is None. A date before 1990 or from 2100 on is
    refused."""
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
        if not (math.isfinite(value) and 1 <= value < _MAX_SERIAL):
            raise CellError(f"«{shown(value)}» — не дата; ожидается дата ДД.ММ.ГГГГ")
        return _checked_year(epoch + timedelta(days=int(value)), value)
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
    if d < EARLIEST:
        raise CellError(f"«{shown(raw)}»: дата раньше 1990 года ({d:%d.%m.%Y}) — проверьте год")
    if d.year >= _MAX_YEAR:
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
    """A whole number (a number cell or digits) of at most ``INT_LIMIT``; empty is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"«{shown(value)}»: ожидается целое число")
    number: int | None = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            number = int(value)
    else:
        text = _SPACES.sub("", str(value))
        if len(text) <= 40 and re.fullmatch(r"[+-]?\d+", text):
            number = int(text)
        elif re.fullmatch(r"[+-]?\d+", text):
            number = INT_LIMIT + 1
    if number is None:
        raise CellError(f"«{shown(value)}»: ожидается целое число")
    if abs(number) > INT_LIMIT:
        raise CellError(f"«{shown(value)}»: слишком большое число (допустимо не более 1 000 000 000)")
    return number


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
