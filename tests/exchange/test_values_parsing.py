"""The cell parsers of the journal: examples and properties (hypothesis)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appealdesk.exchange.journal_columns import COLUMNS, header_key
from appealdesk.exchange.values_parsing import (
    CellError,
    VocabularyIndex,
    format_bool,
    format_date,
    join_list,
    parse_bool,
    parse_codes,
    parse_date,
    parse_int,
    parse_text,
    split_results,
)

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))


# -- dates -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("05.11.2026", date(2026, 11, 5)),
        ("5.1.2026", date(2026, 1, 5)),
        (" 05.11.2026 ", date(2026, 11, 5)),
        ("05.11.26", date(2026, 11, 5)),
        ("05/11/2026", date(2026, 11, 5)),
        ("05.11.2026 г.", date(2026, 11, 5)),
        ("05.11.2026 14:30", date(2026, 11, 5)),
        ("2026-11-05", date(2026, 11, 5)),
        ("2026-11-05T00:00:00", date(2026, 11, 5)),
        (datetime(2026, 11, 5, 10, 0), date(2026, 11, 5)),
        (date(2026, 11, 5), date(2026, 11, 5)),
        (46331, date(2026, 11, 5)),  # an Excel serial number
        (46331.75, date(2026, 11, 5)),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_read(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31.02.2026", "вчера", "2026-13-01", "05.11", "12345678", True, -5, "05.11.1812"])
def test_bad_dates_are_refused_in_russian(raw):
    with pytest.raises(CellError) as err:
        parse_date(raw)
    assert "дат" in str(err.value) or "год" in str(err.value)


@given(dates)
def test_date_text_round_trip(d):
    assert parse_date(format_date(d)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(datetime(d.year, d.month, d.day, 13, 5)) == d


@given(dates)
def test_excel_serial_numbers(d):
    serial = (d - date(1899, 12, 30)).days
    assert parse_date(serial) == d
    assert parse_date(float(serial) + 0.5) == d


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_a_russian_error(text):
    try:
        result = parse_date(text)
    except CellError as err:
        assert err.message
    else:
        assert result is None or isinstance(result, date)


@given(dates, st.integers(min_value=0, max_value=3))
def test_day_and_month_without_leading_zeros(d, spaces):
    pad = " " * spaces
    assert parse_date(f"{pad}{d.day}.{d.month}.{d.year}{pad}") == d


# -- yes / no ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [("да", True), ("ДА", True), ("Да", True), ("нет", False), ("НЕТ", False), ("1", True), ("0", False),
     (1, True), (0, False), (1.0, True), (True, True), (False, False), (None, False), ("", False),
     ("истина", True), ("ЛОЖЬ", False)],
)
def test_yes_no(raw, expected):
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["может быть", "2", 2, "+", "дa (латиница)"])
def test_yes_no_refused(raw):
    with pytest.raises(CellError, match="«да» или «нет»"):
        parse_bool(raw)


@given(st.booleans(), st.sampled_from([str.lower, str.upper, str.capitalize]), st.text(" ", max_size=2))
def test_yes_no_round_trip(value, case, pad):
    assert parse_bool(pad + case(format_bool(value)) + pad) is value


@given(st.text(max_size=10))
def test_any_text_is_yes_no_or_an_error(text):
    try:
        result = parse_bool(text)
    except CellError as err:
        assert err.message
    else:
        assert isinstance(result, bool)


# -- integers and text -------------------------------------------------------------------------------
@given(st.integers(min_value=-10**9, max_value=10**9))
def test_integers(n):
    assert parse_int(n) == n
    assert parse_int(str(n)) == n
    assert parse_int(float(n)) == n


@pytest.mark.parametrize("raw", ["много", 2.5, "1,5"])
def test_bad_integers(raw):
    with pytest.raises(CellError, match="целое число"):
        parse_int(raw)


def test_text_cells():
    assert parse_text("  Иванов ") == "Иванов"
    assert parse_text(89001234567) == "89001234567"
    assert parse_text(15.0) == "15"
    assert parse_text(datetime(2026, 3, 5)) == "05.03.2026"
    assert parse_text("   ") is None


# -- ;-separated lists ------------------------------------------------------------------------------
codes = st.lists(st.from_regex(r"\d{4}\.\d{4}\.\d{4}\.\d{4}(\.\d{4})?", fullmatch=True), max_size=5)
items = st.lists(
    st.text(st.characters(blacklist_characters=";\n\r", blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
            min_size=1, max_size=12),
    min_size=1, max_size=5,
)


@given(codes, st.sampled_from([";", "; ", " ;", "\n", ", "]))
def test_codes_round_trip(values, sep):
    assert parse_codes(join_list(values)) == values
    assert parse_codes(sep.join(values)) == values
    assert parse_codes(join_list(values) + ";") == values


@given(items)
def test_result_lists_round_trip(values):
    assert split_results(join_list(values)) == values
    assert split_results(" ; ".join(values)) == values


def test_result_list_keeps_empty_places():
    assert split_results("Разъяснено;;Поддержано") == ["Разъяснено", "", "Поддержано"]
    assert split_results(" ; ") == []
    assert split_results(None) == []


# -- vocabularies and headers -----------------------------------------------------------------------
VOCAB = {"form": {"written": "Письменное", "personal_reception": "Устное, на личном приёме"}}


@pytest.mark.parametrize(
    "raw", ["Письменное", "письменное", "ПИСЬМЕННОЕ", " written ", "WRITTEN"]
)
def test_vocabulary_by_label_or_code(raw):
    assert VocabularyIndex(VOCAB).code("form", raw) == "written"


def test_vocabulary_folds_yo_and_spaces():
    index = VocabularyIndex(VOCAB)
    assert index.code("form", "устное, на личном приеме") == "personal_reception"
    assert index.code("form", "Устное,на  личном приёме") == "personal_reception"
    assert index.code("form", None) is None


def test_unknown_vocabulary_value_names_the_allowed_ones():
    with pytest.raises(CellError) as err:
        VocabularyIndex(VOCAB).code("form", "Голубиная почта")
    assert "«Голубиная почта»" in str(err.value) and "«Письменное»" in str(err.value)


def _vary(header: str, flips: list[bool], spaces: int) -> str:
    out = []
    for ch, flip in zip(header, flips + [False] * len(header), strict=False):
        if ch in "её" and flip:
            ch = "ё" if ch == "е" else "е"
        out.append(ch.upper() if flip else ch.lower())
    return " " * spaces + "".join(out).replace(" ", " " * (spaces + 1)) + " " * spaces


@given(st.sampled_from(COLUMNS), st.lists(st.booleans(), max_size=40), st.integers(0, 3))
def test_headers_match_ignoring_case_yo_and_spaces(col, flips, spaces):
    assert header_key(_vary(col.header, flips, spaces)) == header_key(col.header)


def test_headers_are_distinct():
    assert len({header_key(c.header) for c in COLUMNS}) == len(COLUMNS)
    assert header_key("Рег.номер") == header_key("РЕГ. НОМЕР") == header_key("Рег. номер*")
    assert header_key("Населенный пункт") == header_key("Населённый пункт")


def test_serial_dates_agree_with_excel_epoch():
    # 1 = 31.12.1899 in openpyxl's reckoning; 45658 = 01.01.2025 in Excel
    assert parse_date(45658) == date(2025, 1, 1)
    assert parse_date(45658 + 365) == date(2025, 1, 1) + timedelta(days=365)
