"""Numbers as Russian documents print them: decimal comma (``12,8``), an explicit sign for changes
(``+144``, ``−3``, ``+12,8``), groups of thousands split by a non-breaking space from five digits on
(``1273`` but ``12 345``: four-digit numbers stay whole, as in the published reports), a dash for
"no figure"; and the plural forms of the nouns that follow a number."""

from __future__ import annotations

NBSP = "\u00a0"
MINUS = "\u2212"
DASH = "—"


def _group(digits: str) -> str:
    if len(digits) <= 4:
        return digits
    parts = []
    while digits:
        parts.append(digits[-3:])
        digits = digits[:-3]
    return NBSP.join(reversed(parts))


def fmt_int(value: int | None) -> str:
    """``1273`` → «1273», ``123456`` → «123 456», None → «—»."""
    if value is None:
        return DASH
    sign = MINUS if value < 0 else ""
    return sign + _group(str(abs(int(value))))


def fmt_delta(value: int | None) -> str:
    """A change with its sign: «+144», «−1167», «0»."""
    if value is None:
        return DASH
    if value == 0:
        return "0"
    return ("+" if value > 0 else MINUS) + _group(str(abs(int(value))))


def fmt_decimal(value: float | None, places: int = 1) -> str:
    """``12.8`` → «12,8»; None → «—»."""
    if value is None:
        return DASH
    text = f"{abs(value):.{places}f}"
    whole, _, frac = text.partition(".")
    out = _group(whole) + ("," + frac if frac else "")
    return (MINUS if value < 0 and float(text) != 0 else "") + out


def fmt_percent(value: float | None) -> str:
    """A change in per cent with its sign: «+12,8», «−44,9», «0,0»; None → «—»."""
    if value is None:
        return DASH
    if value == 0:
        return "0,0"
    return ("+" if value > 0 else "") + fmt_decimal(value)


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form after ``n``: 1 обращение, 2 обращения, 5 обращений."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


APPEALS = ("обращение", "обращения", "обращений")
QUESTIONS = ("вопрос", "вопроса", "вопросов")
MESSAGES = ("сообщение", "сообщения", "сообщений")


def count_phrase(n: int, forms: tuple[str, str, str]) -> str:
    """«1273 обращения»."""
    return f"{fmt_int(n)} {plural(n, *forms)}"
