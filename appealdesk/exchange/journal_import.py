"""Import of the XLSX registration journal (exchange_formats.md, section 1).

All or nothing: the whole file is read and every row checked (cells, the rules of the card, duplicate
numbers, links to earlier appeals) before anything is written, in one unit of work. Any error, in any row,
and the import is refused with ``ImportRejected`` listing every bad row and column; nothing is written.
Executors and settlements the database does not know yet are created in the same transaction.

Reading and checking 10 000 rows takes a few seconds: the appeals are written by ``BulkRegistrar``
(``executemany``), the lookups (numbers, names) are done once for the whole file.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.codes import Kind
from ..domain.names import name_key
from ..errors import AppealDeskError, DomainError, ImportRejected, RowError
from ..os_errors import os_error_text
from ..services import audit
from ..services.appeal_rows import deadlines_for
from ..services.bulk import BulkExtension, BulkExtra, BulkRegistrar
from ..services.context import ServiceContext
from ..services.values import AppealInput, ApplicantInput, QuestionInput
from ..storage.models import Appeal, Official, Settlement
from .journal_columns import BY_HEADER, BY_KEY, COLUMNS, column_of_field, header_key
from .values_parsing import (
    EXCEL_1900,
    EXCEL_1904,
    CellError,
    VocabularyIndex,
    is_blank,
    parse_bool,
    parse_codes,
    parse_date,
    parse_int,
    parse_text,
    split_results,
)

log = logging.getLogger(__name__)

Progress = Callable[[int, int], object]
"""``progress(done, total)``: called now and then; returning ``False`` cancels the import (nothing is
written). ``total`` counts every row twice: once checked, once written."""

EXTENSION_REASON = "Импорт из журнала регистрации"
EXTENDED_BY = "Не указано (импорт из журнала)"

# errors the service layer finds by comparing a date with the registration date
_DATE_FIELDS = frozenset({"received_on", "answer_on", "resolution", "registered_on", "legal_deadline",
                          "control_deadline", "extended_deadline"})
_STEP = 500  # rows between two progress calls
_HEADER_SEARCH = 10  # rows searched for the headers when row 1 does not hold them


@dataclass(frozen=True)
class ImportResult:
    count: int  # appeals written
    created_settlements: tuple[str, ...] = ()  # settlements the journal named and the database lacked
    created_executors: tuple[str, ...] = ()  # executors likewise (created as active executor officials)
    ignored_columns: tuple[str, ...] = ()  # headers of the file that are not journal columns
    skipped_rows: tuple[int, ...] = ()  # hidden rows of the journal's sheet: not imported
    skipped_sheets: tuple[str, ...] = ()  # hidden sheets: not looked at

    def notices(self) -> list[str]:
        """What the user must be told besides the count: what was skipped, in Russian."""
        out = []
        if self.skipped_rows:
            out.append(f"Скрытые строки не загружены ({len(self.skipped_rows)}): {row_ranges(self.skipped_rows)}. "
                       "Если они нужны, покажите их в Excel и загрузите файл с ними отдельно.")
        if self.skipped_sheets:
            out.append("Скрытые листы не просматривались: " + ", ".join(f"«{t}»" for t in self.skipped_sheets) + ".")
        return out


def row_ranges(rows: Sequence[int]) -> str:
    """``2, 5–7, 10``: spreadsheet row numbers, runs joined."""
    parts: list[str] = []
    ordered = sorted(set(rows))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}–{ordered[j]}")
        i = j + 1
    return ", ".join(parts)


def import_journal(
    ctx: ServiceContext,
    path: str | os.PathLike,
    *,
    progress: Progress | None = None,
    create_missing: bool = True,
    dry_run: bool = False,
) -> ImportResult:
    """Register every appeal of the journal ``path`` in one transaction, or none (``desk.exchange``
    calls it after the permission check).

    ``create_missing=False`` refuses unknown executors and settlements instead of creating them;
    ``dry_run=True`` does everything, then rolls back: the result tells what an import would do.
    Raises ``ImportRejected`` (every error of every row) or ``DomainError`` (cancelled).
    """
    path = Path(path)
    try:
        sheet = _read_sheet(path)
    except AppealDeskError:
        raise
    except Exception as exc:  # a broken zip, malformed XML, a part missing...: never a traceback
        raise unreadable(path, exc) from exc
    try:
        with ctx.uow() as session:
            result = _Import(ctx, session, sheet, progress, create_missing).run()
            if dry_run:
                raise _DryRun(result)
    except _DryRun as done:
        return done.result
    except AppealDeskError:
        raise
    except Exception as exc:  # the unit of work has rolled back: nothing is written
        log.error("import of %s failed while writing: %s", path.name, type(exc).__name__, exc_info=exc)
        raise ImportRejected([RowError(0, "", f"файл «{path.name}» не удалось загрузить: {_reason(exc)}")]) from exc
    return result


def unreadable(path: Path, exc: BaseException) -> ImportRejected:
    """«Файл не удалось прочитать: …» with the reason in Russian; the technical detail goes to the log."""
    log.warning("import of %s failed: %s: %s", path.name, type(exc).__name__, str(exc)[:300])
    return ImportRejected([RowError(0, "", f"файл «{path.name}» не удалось прочитать: {_reason(exc)}")])


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile) or name == "InvalidFileException":
        return ("это не книга Excel (XLSX) или файл повреждён. Откройте его в Excel и сохраните как "
                "«Книга Excel (*.xlsx)»")
    if name in ("ParseError", "XMLSyntaxError", "ExpatError"):
        return "файл повреждён: нарушена разметка (XML) книги. Откройте его в Excel и сохраните заново"
    if isinstance(exc, KeyError):
        return "в файле нет обязательной части книги Excel. Откройте его в Excel и сохраните заново"
    if isinstance(exc, OverflowError):
        return "в файле слишком большое число"
    if isinstance(exc, MemoryError):
        return "файл слишком большой: не хватает памяти"
    if isinstance(exc, OSError):
        return os_error_text(exc)
    if isinstance(exc, UnicodeError):
        return "в файле есть текст, который нельзя прочитать"
    return ("содержимое файла не похоже на журнал регистрации, сохранённый Excel или LibreOffice "
            "(подробности записаны в журнал программы)")


class _DryRun(Exception):
    def __init__(self, result: ImportResult):
        super().__init__("dry run")
        self.result = result


# -- reading the file ------------------------------------------------------------------------------
@dataclass
class _Sheet:
    title: str
    header: tuple[object, ...]
    rows: list[tuple[int, tuple[object, ...]]]  # (spreadsheet row number, values), empty rows left out
    header_row: int = 1
    epoch: date = EXCEL_1900  # day 0 of the workbook's serial dates
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column index) -> formula
    merged: list[tuple[str, int, int, int, int]] = field(default_factory=list)  # (ref, rows and columns)
    skipped_rows: tuple[int, ...] = ()
    skipped_sheets: tuple[str, ...] = ()


_ERROR_VALUES = frozenset({"#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                           "#CALC!", "#GETTING_DATA"})
_TAG_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_TAG_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ATTR_R = re.compile(rb"\br\s*=\s*[\"'](\d+)")
_ATTR_HIDDEN = re.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*[\"']([A-Z]+\d+(?::[A-Z]+\d+)?)")


def _read_sheet(path: Path) -> _Sheet:
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    from openpyxl.utils.exceptions import InvalidFileException

    def refuse(message: str) -> ImportRejected:
        return ImportRejected([RowError(0, "", message)])

    if not path.is_file():
        raise refuse(f"файл «{path}» не найден")
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".csv"):
        raise refuse(
            f"формат «{suffix}» не поддерживается: откройте журнал в Excel и сохраните его как "
            "«Книга Excel (*.xlsx)»"
        )
    if not zipfile.is_zipfile(path):
        raise refuse(f"файл «{path.name}» не является книгой Excel (XLSX): возможно, это файл другого формата "
                     "с другим расширением или он повреждён. Откройте его в Excel и сохраните как "
                     "«Книга Excel (*.xlsx)»")
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile) as exc:
        raise unreadable(path, exc) from exc
    try:
        sheets = wb.worksheets
        hidden = tuple(ws.title for ws in sheets if getattr(ws, "sheet_state", "visible") != "visible")
        visible = [ws for ws in sheets if ws.title not in hidden]
        if not visible:
            raise refuse("в книге нет ни одного видимого листа" + (
                f" (скрытые листы: {', '.join(f'«{t}»' for t in hidden)}: покажите нужный лист в Excel и "
                "сохраните файл)" if hidden else ""))
        chosen, header_row = visible[0], 1
        required = {header_key(c.header) for c in COLUMNS if c.required}
        found = False
        for ws in visible:
            # the journal's headers are in row 1 (the contract); a title above them is tolerated
            for number, values in enumerate(ws.iter_rows(min_row=1, max_row=_HEADER_SEARCH, values_only=True), 1):
                if required <= {header_key(v) for v in values if not is_blank(v)}:
                    chosen, header_row, found = ws, number, True
                    break
            if found:
                break
        xml = _sheet_xml(chosen)
        hidden_rows = _hidden_rows(xml)
        chosen.reset_dimensions()  # never trust the stored size: some programs write it wrong
        it = chosen.iter_rows(min_row=header_row, values_only=True)
        header = tuple(next(it, ()) or ())
        rows = []
        skipped = []
        for number, values in enumerate(it, start=header_row + 1):
            if values and not all(is_blank(v) for v in values):
                if number in hidden_rows:
                    skipped.append(number)
                    continue
                rows.append((number, tuple(values)))
        epoch = EXCEL_1904 if wb.epoch == CALENDAR_MAC_1904 else EXCEL_1900
        sheet = _Sheet(chosen.title, header, rows, header_row, epoch, skipped_rows=tuple(skipped),
                       skipped_sheets=hidden, merged=_merged(xml, header_row))
    finally:
        wb.close()
    if _TAG_F.search(xml):
        sheet.formulas = _uncomputed(path, sheet, {n for n, _ in rows})
    return sheet


def _sheet_xml(ws) -> bytes:
    """The XML of a read-only sheet as stored (hidden rows and merged cells are not in openpyxl's
    read-only view)."""
    with ws.parent._archive.open(ws._worksheet_path) as fh:
        return fh.read()


def _hidden_rows(xml: bytes) -> set[int]:
    out: set[int] = set()
    number = 0
    for m in _TAG_ROW.finditer(xml):
        attrs = m.group(1)
        r = _ATTR_R.search(attrs)
        number = int(r.group(1)) if r else number + 1
        if _ATTR_HIDDEN.search(attrs):
            out.add(number)
    return out


def _merged(xml: bytes, header_row: int) -> list[tuple[str, int, int, int, int]]:
    """Merged ranges that reach below the header row: ``(ref, min_row, max_row, min_col, max_col)``."""
    from openpyxl.utils import range_boundaries

    out = []
    for m in _MERGE.finditer(xml):
        ref = m.group(1).decode("ascii")
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row > header_row and (max_row > min_row or max_col > min_col):
            out.append((ref, min_row, max_row, min_col, max_col))
    return out


def _uncomputed(path: Path, sheet: _Sheet, rows: set[int]) -> dict[tuple[int, int], str]:
    """Formula cells of the data rows whose stored result is missing or an Excel error: their value is not
    known without recalculating the book, so they are refused rather than read as empty."""
    from openpyxl import load_workbook

    cached = dict(sheet.rows)
    out: dict[tuple[int, int], str] = {}
    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet.title]
        ws.reset_dimensions()
        for number, values in enumerate(ws.iter_rows(min_row=sheet.header_row + 1, values_only=True),
                                        start=sheet.header_row + 1):
            if number not in rows:
                continue
            known = cached.get(number, ())
            for i, value in enumerate(values):
                if isinstance(value, str) and value.startswith("="):
                    result = known[i] if i < len(known) else None
                    if result is None or (isinstance(result, str) and result.strip() in _ERROR_VALUES):
                        out[(number, i)] = value
    finally:
        wb.close()
    return out


# -- one row ---------------------------------------------------------------------------------------
@dataclass
class _Row:
    row: int
    data: AppealInput
    extra: BulkExtra
    bad: set[str] = field(default_factory=set)  # columns with an error already reported
    number: str | None = None
    previous: str | None = None
    executor: str | None = None  # folded name (key of the resolved names)
    executor_text: str | None = None  # as written
    settlement: str | None = None
    settlement_text: str | None = None
    previous_row: _Row | None = None
    previous_id: int | None = None
    new_id: int | None = None


class _Import:
    def __init__(self, ctx: ServiceContext, session: Session, sheet: _Sheet, progress: Progress | None,
                 create_missing: bool):
        self.ctx = ctx
        self.s = session
        self.sheet = sheet
        self.progress = progress
        self.create_missing = create_missing
        self.today = self.ctx.today()
        self.engine = self.ctx.engine()
        self.vocab = VocabularyIndex(self.ctx.vocabulary())
        self.errors: dict[tuple[int, str, str], RowError] = {}
        self.cols: dict[str, int] = {}  # column key -> index in the row
        self.written: dict[str, str] = {}  # column key -> the header as the file has it
        self.col_order: dict[str, int] = {}
        self.missing: set[str] = set()
        self.ignored: list[str] = []
        self.total = 2 * len(sheet.rows)

    # -- errors ----------------------------------------------------------------------------------
    def error(self, row: int, key: str | None, message: str) -> None:
        header = "" if key is None else self.written.get(key, BY_KEY[key].header)
        self.errors.setdefault((row, header, message), RowError(row, header, message))

    def _sorted_errors(self) -> list[RowError]:
        order = {self.written.get(k, BY_KEY[k].header): i for k, i in self.col_order.items()}
        return sorted(self.errors.values(), key=lambda e: (e.row, order.get(e.column, -1), e.message))

    def _tick(self, done: int) -> None:
        if self.progress is not None and self.progress(done, self.total) is False:
            raise DomainError("Импорт прерван пользователем: в базу ничего не записано.")

    # -- the whole import ------------------------------------------------------------------------
    def run(self) -> ImportResult:
        self._headers()
        if self.missing and self.sheet.skipped_sheets:
            self.error(0, None, "скрытые листы не просматривались (" + ", ".join(
                f"«{t}»" for t in self.sheet.skipped_sheets) + "): если журнал на скрытом листе, покажите его в "
                "Excel (Формат → Скрыть или отобразить → Отобразить лист) и сохраните файл")
        if not self.sheet.rows:
            self.error(0, None, f"на листе «{self.sheet.title}» нет ни одного обращения (строки со 2-й пусты)"
                       + (f"; скрытые строки не загружаются: {row_ranges(self.sheet.skipped_rows)}"
                          if self.sheet.skipped_rows else ""))
        self._merged_cells()
        registrar = BulkRegistrar(self.s, self.ctx, action="import")
        settlements = _Names(self.s.execute(select(Settlement.id, Settlement.name)).all(), initials=False)
        officials = _Names(self.s.execute(select(Official.id, Official.full_name)).all(), initials=True)
        rows: list[_Row] = []
        for i, (number, values) in enumerate(self.sheet.rows):
            if i % _STEP == 0:
                self._tick(i)
            row = self._parse(number, values)
            rows.append(row)
            if row.settlement:
                settlements.remember(row.settlement, row.settlement_text or "")
            if row.executor:
                officials.remember(row.executor, row.executor_text or "")
            self._check(registrar, row)
        self._resolve_names(rows, settlements, "settlement", "населённый пункт", "справочнике населённых пунктов")
        self._resolve_names(rows, officials, "executor", "исполнитель", "списке должностных лиц")
        order = self._numbers_and_links(rows)
        if self.errors:
            raise ImportRejected(self._sorted_errors())
        return self._write(registrar, order, settlements, officials)

    def _merged_cells(self) -> None:
        """A merged range over journal rows shows one value in several cells but holds it in one: the others
        would be read as empty. Refused, naming the range."""
        used = {i: key for key, i in self.cols.items()}
        for ref, min_row, _max_row, min_col, max_col in self.sheet.merged:
            keys = [used[c - 1] for c in range(min_col, max_col + 1) if c - 1 in used]
            if keys:
                self.error(max(min_row, self.sheet.header_row + 1), keys[0],
                           f"ячейки {ref} объединены: значение объединённых ячеек хранится только в первой из них. "
                           "Отмените объединение и заполните каждую строку")

    # -- headers ---------------------------------------------------------------------------------
    def _headers(self) -> None:
        from openpyxl.utils import get_column_letter

        unknown: list[str] = []
        for index, raw in enumerate(self.sheet.header):
            if is_blank(raw):
                continue
            text = " ".join(str(raw).split())
            col = BY_HEADER.get(header_key(text))
            if col is None:
                unknown.append(text)
                continue
            if col.key in self.cols:
                first = get_column_letter(self.cols[col.key] + 1)
                self.errors.setdefault(
                    (self.sheet.header_row, text, "dup"),
                    RowError(
                        self.sheet.header_row, text,
                        f"столбец «{col.header}» встречается дважды (столбцы {first} и {get_column_letter(index + 1)})",
                    ),
                )
                continue
            self.cols[col.key] = index
            self.written[col.key] = text
            self.col_order[col.key] = index
        self.ignored = unknown
        for col in COLUMNS:
            if col.required and col.key not in self.cols:
                self.missing.add(col.key)
                hint = difflib.get_close_matches(col.header.lower(), [u.lower() for u in unknown], n=1, cutoff=0.6)
                guess = next((u for u in unknown if u.lower() == hint[0]), None) if hint else None
                message = f"в строке заголовков нет обязательного столбца «{col.header}»"
                if guess:
                    message += f" (есть похожий столбец «{guess}»: проверьте написание)"
                self.error(self.sheet.header_row, col.key, message)

    # -- parsing ---------------------------------------------------------------------------------
    def _parse(self, number: int, values: tuple[object, ...]) -> _Row:
        bad: set[str] = set()
        cols = self.cols

        formulas = self.sheet.formulas
        for key, i in cols.items():
            if (number, i) in formulas:
                formula = formulas[(number, i)]
                shown_formula = formula if len(formula) <= 40 else formula[:37] + "…"
                self.error(number, key, f"в ячейке формула «{shown_formula}» без вычисленного значения. Откройте "
                                        "файл в Excel, чтобы формулы пересчитались, и сохраните его (или замените "
                                        "формулы значениями)")
                bad.add(key)

        def raw(key: str) -> object:
            i = cols.get(key)
            if i is None or i >= len(values) or key in bad:
                return None
            return values[i]

        def read(key: str, parser, *args):
            try:
                return parser(raw(key), *args)
            except CellError as exc:
                self.error(number, key, str(exc))
                bad.add(key)
                return None

        def text(key: str) -> str | None:
            value = parse_text(raw(key))
            limit = BY_KEY[key].max_length
            if value is not None and limit and len(value) > limit:
                self.error(number, key, f"слишком длинное значение ({len(value)} знаков, допустимо не более {limit})")
                bad.add(key)
            return value

        def code(key: str) -> str | None:
            group = BY_KEY[key].group or ""
            return read(key, lambda value: self.vocab.code(group, value))

        def flag(key: str) -> bool:
            return bool(read(key, parse_bool))

        epoch = self.sheet.epoch
        received = read("received_on", parse_date, epoch)
        registered = read("registered_on", parse_date, epoch)
        if registered is None and "registered_on" not in bad and "registered_on" not in self.missing:
            self.error(number, "registered_on", "укажите дату регистрации")
            bad.add("registered_on")
        form, source, kind = code("form"), code("source"), code("kind")
        channel = code("channel")
        satisfaction = code("satisfaction")
        legal = read("legal_deadline", parse_date, epoch)
        extended = read("extended_deadline", parse_date, epoch)
        control = read("control_deadline", parse_date, epoch)
        answer_on = read("answer_on", parse_date, epoch)
        signatures = read("signatures", parse_int)

        # the applicant: an organisation (additive column), a person, or nobody (anonymous)
        last, first, middle, org = text("last_name"), text("first_name"), text("middle_name"), text("org_name")
        settlement = text("settlement")
        applicant = None
        if org or last:
            applicant = ApplicantInput(
                type="organisation" if org else "person",
                last_name=last, first_name=first, middle_name=middle, org_name=org,
                address=text("address"), phone=text("phone"), email=text("email"),
                social_category=text("social_category"),
            )

        codes = parse_codes(raw("codes"))
        results = self._results(number, raw("results"), len(codes), bad)

        reg_number = text("reg_number")
        previous = text("previous_number")
        executor = text("executor")
        data = AppealInput(
            form=form or "",
            kind=kind or "",
            summary=text("summary") or "",
            questions=tuple(QuestionInput(code=c, result=r) for c, r in zip(codes, results, strict=True)),
            source=source or "direct",
            registered_on=registered,
            received_on=received,
            cover_letter=text("cover_letter"),
            applicant=applicant,
            is_collective=flag("is_collective"),
            signatures=signatures,
            resolution=text("resolution"),
            on_control=flag("on_control"),
            commission=flag("commission"),
            on_site=flag("on_site"),
            with_author=flag("with_author"),
            is_repeated=flag("is_repeated"),
            previous_number=previous,
            reg_number=reg_number,
            channel=channel,
        )
        extension = None
        if registered is not None and kind:
            legal_in_force = legal or deadlines_for(self.engine, registered, kind, received).legal
            if legal is not None and legal < registered:
                self.error(number, "legal_deadline", "срок по закону раньше даты регистрации")
                bad.add("legal_deadline")
            if extended is not None:
                extension = self._extension(number, kind, registered, legal_in_force, extended, bad)
            limit = extended if extension is not None else legal_in_force
            if control is not None and control < registered:
                self.error(number, "control_deadline", "контрольный срок раньше даты регистрации")
                bad.add("control_deadline")
            elif control is not None and control > limit:
                self.error(number, "control_deadline",
                           f"контрольный срок позже срока рассмотрения ({limit:%d.%m.%Y})")
                bad.add("control_deadline")
        if answer_on is not None and answer_on > self.today:
            self.error(number, "answer_on", "дата ответа не может быть позже сегодняшней")
            bad.add("answer_on")
        extra = BulkExtra(
            legal_deadline=legal,
            control_deadline=control,
            extension=extension,
            answer_on=answer_on,
            answer_number=text("answer_number"),
            satisfaction=satisfaction,
        )
        return _Row(
            row=number, data=data, extra=extra, bad=bad, number=reg_number, previous=previous,
            executor=name_key(executor) if executor else None, executor_text=executor,
            settlement=name_key(settlement) if settlement else None, settlement_text=settlement,
        )

    def _results(self, number: int, value: object, count: int, bad: set[str]) -> list[str | None]:
        """One result per question (None = in progress) from the ``Результаты`` cell."""
        items = split_results(value)
        while len(items) > max(count, 1) and not items[-1]:
            items.pop()  # "Разъяснено;" — a trailing separator
        results: list[str | None] = []
        for i, item in enumerate(items, start=1):
            if not item:
                results.append(None)
                continue
            try:
                code = self.vocab.code("result", item)
            except CellError as exc:
                where = f"результат {i}: " if len(items) > 1 else ""
                self.error(number, "results", where + str(exc))
                bad.add("results")
                code = None
            results.append(None if code == "in_progress" else code)
        if not results:
            return [None] * count
        if len(results) == count:
            return results
        if len(results) == 1:
            return results * count  # one result for several codes applies to all of them
        if count:
            self.error(number, "results", f"результатов {len(results)}, а кодов вопросов {count}: укажите "
                                          "результаты через «;» в порядке кодов или один результат для всех")
            bad.add("results")
        return [None] * count

    def _extension(
        self, number: int, kind: str, registered: date, legal: date, extended: date, bad: set[str]
    ) -> BulkExtension | None:
        limit = self.engine.max_extension_days(kind)
        problem = None
        days = None
        if kind == Kind.MESSAGE or limit <= 0:
            problem = "срок ответа на сообщение (24 часа) не продлевается"
        elif extended <= legal:
            problem = f"дата продления должна быть позже срока по закону ({legal:%d.%m.%Y})"
        else:
            # the extension in days: the longest one that gives this date (a term ending on a day off moves
            # to a working day, so 28 calendar days may be the 30 days that were granted)
            days = next((d for d in range(limit, 0, -1) if self.engine.extended_deadline(legal, d) == extended), None)
            if days is None and (extended - legal).days <= limit:
                days = (extended - legal).days
            if days is None:
                problem = (f"срок продлевается не более чем на {limit} дней: с {legal:%d.%m.%Y} "
                           f"до {extended:%d.%m.%Y} — {(extended - legal).days} дн.")
        if problem is not None:
            self.error(number, "extended_deadline", problem)
            bad.add("extended_deadline")
            return None
        assert days is not None
        on = max(min(legal, self.today), registered)  # the day is not in the journal: at the latest the old term
        return BulkExtension(days=days, reason=EXTENSION_REASON, extended_by=EXTENDED_BY, extended_on=on,
                             new_deadline=extended)

    # -- the rules of the card -------------------------------------------------------------------
    def _check(self, registrar: BulkRegistrar, row: _Row) -> None:
        registered_bad = "registered_on" in row.bad or "registered_on" in self.missing
        for problem in registrar.check(row.data, row.extra):
            key = column_of_field(problem.field)
            if key in row.bad or key in self.missing:
                continue  # the cell's own error says it already
            if registered_bad and key in _DATE_FIELDS:
                continue  # compared with a registration date that could not be read
            text = problem.message
            self.error(row.row, key, text[:1].lower() + text[1:])  # after "строка N, столбец «…»:"

    # -- executors and settlements ---------------------------------------------------------------
    def _resolve_names(self, rows: Sequence[_Row], names: _Names, attr: str, what: str, where: str) -> None:
        names.resolve()
        if self.create_missing:
            return
        for row in rows:
            key = getattr(row, attr)
            if key and names.id_of(key) is None:
                self.error(row.row, attr, f"{what} «{names.spelling(key)}» не найден в {where}")

    # -- numbers and links -----------------------------------------------------------------------
    def _numbers_and_links(self, rows: list[_Row]) -> list[_Row]:
        """Duplicate numbers; links of repeated appeals; the order of writing (an earlier appeal that is
        later in the file is written first; rows without a number last, so that the numbers they get
        never collide with one given further down)."""
        first_row: dict[str, _Row] = {}
        for row in rows:
            if not row.number:
                continue
            seen = first_row.get(row.number)
            if seen is not None:
                self.error(row.row, "reg_number", f"номер «{row.number}» уже встречается в строке {seen.row}")
                row.bad.add("reg_number")
            else:
                first_row[row.number] = row
        wanted = set(first_row) | {r.previous for r in rows if r.previous}
        in_db = _ids_of_numbers(self.s, wanted)
        for number, row in first_row.items():
            if number in in_db:
                self.error(row.row, "reg_number", f"обращение № {number} уже есть в базе: строка не загружается "
                                                  "дважды")
        for row in rows:
            if not row.previous:
                continue
            if row.number and row.previous == row.number:
                self.error(row.row, "previous_number", "обращение не может быть повторным к самому себе")
            elif row.previous in first_row:
                row.previous_row = first_row[row.previous]
            else:
                row.previous_id = in_db.get(row.previous)  # None: kept as text
        order: list[_Row] = []
        placed: set[int] = set()
        for row in rows:
            if not row.number or row.row in placed:
                continue
            chain: list[_Row] = []
            on_chain: set[int] = set()
            cur: _Row | None = row
            while cur is not None and cur.row not in placed:
                if cur.row in on_chain:
                    cycle = chain[chain.index(cur):]
                    lines = ", ".join(str(c.row) for c in sorted(cycle, key=lambda c: c.row))
                    for c in cycle:
                        self.error(c.row, "previous_number",
                                   f"обращения ссылаются друг на друга как на предыдущие по кругу (строки {lines})")
                    break
                chain.append(cur)
                on_chain.add(cur.row)
                cur = cur.previous_row
            for c in reversed(chain):
                placed.add(c.row)
                order.append(c)
        order.extend(r for r in rows if not r.number)
        return order

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, registrar: BulkRegistrar, order: list[_Row], settlements: _Names, officials: _Names) -> ImportResult:
        created_settlements = settlements.create(
            lambda name: Settlement(name=name, name_key=name_key(name), active=True), self.s
        )
        created_executors = officials.create(
            lambda name: Official(full_name=name, name_key=name_key(name), is_executor=True, is_head=False,
                                  active=True),
            self.s,
        )
        for entity, created in (("settlement", created_settlements), ("official", created_executors)):
            for oid, name in created:
                audit.record(self.s, self.ctx, entity, oid, "import",
                             [("full_name" if entity == "official" else "name", None, name)])
        half = len(order)
        for i, row in enumerate(order):
            if i % _STEP == 0:
                self._tick(half + i)
            settlement_id = settlements.id_of(row.settlement) if row.settlement else None
            data = row.data
            previous_id = row.previous_row.new_id if row.previous_row is not None else row.previous_id
            data = replace(
                data,
                settlement_id=settlement_id,
                applicant=replace(data.applicant, settlement_id=settlement_id) if data.applicant else None,
                executor_id=officials.id_of(row.executor) if row.executor else None,
                previous_appeal_id=previous_id,
            )
            row.new_id = registrar.add(data, row.extra)
        registrar.flush()
        self._tick(self.total)
        return ImportResult(
            count=len(order),
            created_settlements=tuple(n for _, n in created_settlements),
            created_executors=tuple(n for _, n in created_executors),
            ignored_columns=tuple(self.ignored),
            skipped_rows=self.sheet.skipped_rows,
            skipped_sheets=self.sheet.skipped_sheets,
        )


def _ids_of_numbers(s: Session, numbers: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    wanted = sorted(numbers)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        for number, appeal_id in s.execute(select(Appeal.reg_number, Appeal.id).where(Appeal.reg_number.in_(chunk))):
            out[number] = appeal_id
    return out


# -- names of executors and settlements ------------------------------------------------------------
_INITIALS_AFTER = re.compile(r"([а-яa-z-]{2,})\s+([а-яa-z])\s*\.\s*(?:([а-яa-z])\s*\.?)?")  # Иванов И.И.
_INITIALS_BEFORE = re.compile(r"([а-яa-z])\s*\.\s*(?:([а-яa-z])\s*\.)?\s*([а-яa-z-]{2,})")  # И.И. Иванов


def _initials_of_short(key: str) -> tuple[str, str] | None:
    """``(surname, initials)`` of a short name ``иванов и.и.`` / ``и.и. иванов``; None for a full name."""
    found = _INITIALS_AFTER.fullmatch(key)
    if found:
        return found.group(1), found.group(2) + (found.group(3) or "")
    found = _INITIALS_BEFORE.fullmatch(key)
    if found:
        return found.group(3), found.group(1) + (found.group(2) or "")
    return None


def _initials_of_full(key: str) -> tuple[str, str] | None:
    parts = key.split(" ")
    if len(parts) < 2 or "." in key:
        return None
    return parts[0], "".join(p[0] for p in parts[1:3])


class _Names:
    """Names of one kind (settlements or executors) looked up by their folded key. A name the database
    lacks is created once, spelled as it first appears. Executors may also be written with initials
    (``Иванова А.С.``): such a name means the one known person it fits, if there is exactly one."""

    def __init__(self, known: Sequence[tuple[int, str]], *, initials: bool):
        self._ids: dict[str, int] = {}
        for oid, name in sorted(known):
            self._ids.setdefault(name_key(name), oid)
        self._initials = initials
        self._spelling: dict[str, str] = {}  # key -> the name as first written in the file
        self._alias: dict[str, str] = {}  # a short name -> the key of the full one it means
        self._new: dict[str, int | None] = {}  # key of a name to create -> its id once created

    def remember(self, key: str, spelling: str) -> None:
        self._spelling.setdefault(key, spelling)

    def spelling(self, key: str) -> str:
        return self._spelling.get(key, key)

    def resolve(self) -> None:
        """Decide, for every name met, whether it is known, means a known one, or is new."""
        pending = [k for k in self._spelling if k not in self._ids]
        if self._initials:
            full = {}
            for key in list(self._ids) + [k for k in pending if _initials_of_short(k) is None]:
                parts = _initials_of_full(key)
                if parts:
                    full.setdefault(parts, set()).add(key)
            for key in pending:
                short = _initials_of_short(key)
                if short is None:
                    continue
                surname, letters = short
                fits = {k for (s, i), keys in full.items() if s == surname and i.startswith(letters) for k in keys}
                if len(fits) == 1:
                    self._alias[key] = fits.pop()
        for key in pending:
            if key not in self._alias:
                self._new[key] = None

    def id_of(self, key: str) -> int | None:
        key = self._alias.get(key, key)
        found = self._ids.get(key)
        return found if found is not None else self._new.get(key)

    def create(self, make, session: Session) -> list[tuple[int, str]]:
        rows = {key: make(" ".join(self.spelling(key).split())) for key in self._new}
        for row in rows.values():
            session.add(row)
        session.flush()
        out = []
        for key, row in rows.items():
            self._new[key] = row.id
            out.append((row.id, " ".join(self.spelling(key).split())))
        return out
