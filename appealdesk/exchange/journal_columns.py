"""The columns of the XLSX registration journal (exchange_formats.md, section 1): the contract both the
import and the export follow.

The order of ``COLUMNS`` is the contract's order. ``Организация`` and ``Канал поступления`` are not in the
contract table: they are additive, optional columns (the contract changes "only by adding") that keep an
organisation applicant an organisation and the 547-FZ channel of an electronic appeal on a round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.text import fold

TEXT = "text"
DATE = "date"
BOOL = "bool"
INT = "int"
VOCAB = "vocab"
CODES = "codes"
RESULTS = "results"


@dataclass(frozen=True)
class Column:
    key: str  # the name the code uses
    header: str  # the header of the contract, as the export writes it
    kind: str  # TEXT, DATE, BOOL, INT, VOCAB, CODES, RESULTS
    required: bool = False  # the header must be present
    group: str | None = None  # the vocabulary group of a VOCAB column
    width: float = 14  # the export's column width, in characters
    max_length: int | None = None  # the longest text the database column holds


COLUMNS: tuple[Column, ...] = (
    Column("reg_number", "Рег. номер", TEXT, width=13, max_length=60),
    Column("received_on", "Дата поступления", DATE, width=12),
    Column("registered_on", "Дата регистрации", DATE, required=True, width=12),
    Column("form", "Форма поступления", VOCAB, required=True, group="form", width=24),
    Column("source", "Источник", VOCAB, group="source", width=24),
    Column("cover_letter", "Сопроводительное письмо", TEXT, width=22, max_length=200),
    Column("kind", "Вид обращения", VOCAB, required=True, group="kind", width=16),
    Column("is_collective", "Коллективное", BOOL, width=8),
    Column("signatures", "Число подписей", INT, width=8),
    Column("last_name", "Фамилия", TEXT, width=16, max_length=100),
    Column("first_name", "Имя", TEXT, width=14, max_length=100),
    Column("middle_name", "Отчество", TEXT, width=16, max_length=100),
    Column("settlement", "Населённый пункт", TEXT, width=18, max_length=200),
    Column("address", "Адрес", TEXT, width=30),
    Column("phone", "Телефон", TEXT, width=16, max_length=60),
    Column("email", "Эл. почта", TEXT, width=20, max_length=120),
    Column("social_category", "Социальная категория", TEXT, width=18, max_length=200),
    Column("summary", "Содержание", TEXT, required=True, width=50),
    Column("codes", "Вопросы", CODES, required=True, width=22),
    Column("results", "Результаты", RESULTS, width=22),
    Column("executor", "Исполнитель", TEXT, width=24, max_length=200),
    Column("resolution", "Резолюция", TEXT, width=30),
    Column("legal_deadline", "Срок по закону", DATE, width=12),
    Column("extended_deadline", "Продлено до", DATE, width=12),
    Column("control_deadline", "Контрольный срок", DATE, width=12),
    Column("on_control", "На контроле", BOOL, width=8),
    Column("commission", "Комиссионно", BOOL, width=8),
    Column("on_site", "С выездом на место", BOOL, width=8),
    Column("with_author", "С участием автора", BOOL, width=8),
    Column("answer_on", "Дата ответа", DATE, width=12),
    Column("answer_number", "Исх. номер ответа", TEXT, width=13, max_length=60),
    Column("satisfaction", "Удовлетворённость", VOCAB, group="satisfaction", width=18),
    Column("is_repeated", "Повторное", BOOL, width=8),
    Column("previous_number", "Предыдущее обращение", TEXT, width=13, max_length=60),
    # additive (not in the contract table): an organisation applicant
    Column("org_name", "Организация", TEXT, width=24, max_length=300),
    # additive: how an electronic appeal arrived (547-FZ: ЕПГУ, the body's system, its site; e-mail)
    Column("channel", "Канал поступления", VOCAB, group="channel", width=22),
)

BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}

_NOT_KEY = re.compile(r"[\s*:]+")


def header_key(text: object) -> str:
    """The key a header is matched by: case and ``ё``/``е`` folded, spaces (also missing or extra ones
    around a dot), a trailing ``*`` or ``:`` ignored. ``"  рег.НОМЕР "`` → ``"рег.номер"``."""
    return _NOT_KEY.sub("", fold(str(text or "")))


BY_HEADER: dict[str, Column] = {header_key(c.header): c for c in COLUMNS}
assert len(BY_HEADER) == len(COLUMNS)

# The field names of ``FieldError`` (service layer) -> the column a journal row holds them in.
FIELD_COLUMNS: dict[str, str] = {
    "reg_number": "reg_number",
    "received_on": "received_on",
    "registered_on": "registered_on",
    "form": "form",
    "source": "source",
    "cover_letter": "cover_letter",
    "kind": "kind",
    "is_collective": "is_collective",
    "signatures": "signatures",
    "settlement_id": "settlement",
    "summary": "summary",
    "questions": "codes",
    "results": "results",
    "executor_id": "executor",
    "resolution": "resolution",
    "resolution_by_id": "resolution",
    "resolution_on": "resolution",
    "legal_deadline": "legal_deadline",
    "extended_deadline": "extended_deadline",
    "control_deadline": "control_deadline",
    "answer_on": "answer_on",
    "answer_number": "answer_number",
    "satisfaction": "satisfaction",
    "is_repeated": "is_repeated",
    "previous_appeal_id": "previous_number",
    "previous_number": "previous_number",
    "channel": "channel",
    "applicant.type": "org_name",
    "applicant.org_name": "org_name",
    "applicant.last_name": "last_name",
    "applicant.first_name": "first_name",
    "applicant.middle_name": "middle_name",
    "applicant.settlement_id": "settlement",
    "applicant.address": "address",
    "applicant.phone": "phone",
    "applicant.email": "email",
    "applicant.social_category": "social_category",
}


def column_of_field(field: str) -> str | None:
    """The column key of a service-layer field name (``questions.2`` → ``codes``); None if the field
    has no column of its own (the error then belongs to the whole row)."""
    if field in FIELD_COLUMNS:
        return FIELD_COLUMNS[field]
    head = field.split(".", 1)[0]
    if head == "questions":
        return "codes"
    return FIELD_COLUMNS.get(head)
