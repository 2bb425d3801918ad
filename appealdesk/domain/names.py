"""Applicants' names: folding for search and de-duplication (``Фёдоров`` = ``ФЕДОРОВ``, initials)."""

from __future__ import annotations

import re

from .text import fold

_SPACES = re.compile(r"\s+")
_NAME_TOKEN = re.compile(r"[a-zа-я0-9-]+")


def name_key(*parts: str | None) -> str:
    """A folded key of a full name or an organisation's name: lower case, ``ё``→``е``, single spaces."""
    return _SPACES.sub(" ", " ".join(fold(p) for p in parts if p)).strip()


def address_key(address: str | None) -> str:
    """A folded address with punctuation dropped, to tell two people of the same name apart."""
    return " ".join(_NAME_TOKEN.findall(fold(address)))


def query_tokens(query: str) -> list[str]:
    """Tokens of a name query: ``"Федоров И.И."`` gives ``["федоров", "и", "и"]``."""
    return _NAME_TOKEN.findall(fold(query).replace(".", " "))


def display_name(last: str | None, first: str | None, middle: str | None) -> str:
    return " ".join(p for p in (last, first, middle) if p)


def short_name(last: str | None, first: str | None, middle: str | None) -> str:
    """``Иванов И. И.``"""
    initials = " ".join(f"{p[0]}." for p in (first, middle) if p)
    return f"{last} {initials}".strip() if last else initials


def short_full_name(full: str) -> str:
    """``Соколов Андрей Викторович`` → ``Соколов А. В.``; a name of one word, or of more than three, stays."""
    parts = full.split()
    if not 2 <= len(parts) <= 3:
        return full.strip()
    return short_name(*parts, *([None] * (3 - len(parts))))
