"""Folding and stemming of Russian text for search and de-duplication.

``fold`` lowers case and maps ``ё`` to ``е``; ``stems`` turns text into Snowball stems of its words,
so that ``отопление`` and ``отоплением`` meet, and ``Фёдоров`` meets ``ФЕДОРОВ``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[0-9a-zа-я]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without lone surrogates (half of a UTF-16 pair, as a broken paste leaves it): each becomes
    U+FFFD «�». Such a string cannot be encoded as UTF-8, so no file or database can hold it."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


class CleanText:
    """A mixin of the services' frozen input dataclasses: their text holds no lone surrogate
    (``storable``), so a broken paste never reaches the database, a document or the log."""

    def __post_init__(self) -> None:
        from dataclasses import fields

        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, str):
                clean = storable(value)
                if clean is not value:
                    object.__setattr__(self, f.name, clean)


def fold(text: str | None) -> str:
    """Lower case with ``ё`` folded to ``е``; ``None`` becomes an empty string."""
    if not text:
        return ""
    return text.lower().replace("ё", "е")


def words(text: str | None) -> list[str]:
    """The folded words (letters and digits) of ``text``."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one folded word; digits and Latin words stay as they are."""
    if word.isdigit() or not any("а" <= ch <= "я" for ch in word):
        return word
    return _stemmer().stemWord(word)


def stems(text: str | None) -> list[str]:
    return [stem(w) for w in words(text)]


def search_document(*parts: str | None) -> str:
    """The text an appeal is indexed under: the stems of all its parts, space-separated."""
    out: list[str] = []
    for part in parts:
        out.extend(stems(part))
    return " ".join(out)
