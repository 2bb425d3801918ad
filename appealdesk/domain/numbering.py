"""Registration numbers from a configurable pattern, e.g. ``{seq}-ОГ/{yy}``, reset each year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DomainError

_FIELD = re.compile(r"\{(seq(?::0?\d+)?|yy|yyyy)\}")
ALLOWED = "{seq}, {seq:04}, {yy}, {yyyy}"


@dataclass(frozen=True)
class NumberPattern:
    pattern: str

    def __post_init__(self):
        validate_pattern(self.pattern)

    def format(self, seq: int, year: int) -> str:
        def repl(m: re.Match) -> str:
            field = m.group(1)
            if field == "yy":
                return f"{year % 100:02d}"
            if field == "yyyy":
                return f"{year:04d}"
            width = field.partition(":")[2]
            return f"{seq:0{int(width)}d}" if width else str(seq)

        return _FIELD.sub(repl, self.pattern)

    def parse(self, number: str, year: int) -> int | None:
        """The sequence number of ``number`` if it was made by this pattern for ``year``, else ``None``."""
        regex = ""
        pos = 0
        for m in _FIELD.finditer(self.pattern):
            regex += re.escape(self.pattern[pos : m.start()])
            field = m.group(1)
            if field == "yy":
                regex += re.escape(f"{year % 100:02d}")
            elif field == "yyyy":
                regex += re.escape(f"{year:04d}")
            else:
                regex += r"(?P<seq>\d+)"
            pos = m.end()
        regex += re.escape(self.pattern[pos:])
        found = re.fullmatch(regex, number.strip())
        return int(found.group("seq")) if found else None


def validate_pattern(pattern: str) -> None:
    fields = [m.group(1) for m in _FIELD.finditer(pattern)]
    seqs = [f for f in fields if f.startswith("seq")]
    if len(seqs) != 1:
        raise DomainError(f"Шаблон номера должен содержать ровно одно поле {{seq}} (допустимо: {ALLOWED})")
    leftover = _FIELD.sub("", pattern)
    if "{" in leftover or "}" in leftover:
        raise DomainError(f"Неизвестное поле в шаблоне номера «{pattern}» (допустимо: {ALLOWED})")
    if not fields or not any(f in ("yy", "yyyy") for f in fields):
        # numbers reset each year: without the year in them they would repeat
        raise DomainError("Шаблон номера должен содержать год: {yy} или {yyyy}")
    if len(pattern) > 30:
        raise DomainError("Шаблон номера слишком длинный (не более 30 знаков)")
