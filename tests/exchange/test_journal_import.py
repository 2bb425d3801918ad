"""Import of a journal kept in Excel: what it accepts, and the all-or-nothing refusal with every error."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from appealdesk.errors import DomainError, ImportRejected
from appealdesk.services.values import AppealInput, ApplicantInput, OfficialInput, QuestionInput


def row(codes, **cells) -> dict:
    """A valid journal row; ``cells`` override by header (``_`` for a space is not needed: pass a dict)."""
    base = {
        "Дата регистрации": "02.11.2026",
        "Форма поступления": "Письменное",
        "Вид обращения": "Заявление",
        "Фамилия": "Петров",
        "Содержание": "Прошу отремонтировать дорогу",
        "Вопросы": codes[0],
    }
    base.update(cells)
    return base


def rejected(excinfo) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in excinfo.value.errors}


def message(excinfo, row: int, column: str) -> str:
    return "\n".join(e.message for e in excinfo.value.errors if (e.row, e.column) == (row, column))


# -- a malformed journal is refused as a whole ----------------------------------------------------------
def test_malformed_journal_lists_every_error_and_writes_nothing(desk, codes, tmp_path, write_journal, fingerprint):
    desk.appeals.register(
        AppealInput(form="written", kind="statement", summary="Уже в базе", questions=(QuestionInput(codes[0]),),
                    registered_on=date(2026, 11, 2), reg_number="50-ОГ/26")
    )
    before = fingerprint(desk)
    rows = [
        row(codes, **{"Рег. номер": "100-ОГ/26"}),  # 2: fine
        row(codes, **{"Форма поступления": "Голубиная почта"}),  # 3
        row(codes, **{"Дата регистрации": "31.02.2026"}),  # 4
        row(codes, **{"Вопросы": f"{codes[0]};9999.9999.9999.9999"}),  # 5
        row(codes, **{"Рег. номер": "100-ОГ/26"}),  # 6: twice in the file
        row(codes, **{"Рег. номер": "50-ОГ/26"}),  # 7: already in the database
        row(codes, **{"Вопросы": ";".join(codes[:3]), "Результаты": "Разъяснено;Поддержано"}),  # 8
        row(codes, **{"Результаты": "Отказано"}),  # 9
        row(codes, **{"Коллективное": "может быть"}),  # 10
        {},  # 11: an empty row is skipped
        row(codes, **{"Дата ответа": "вчера", "Вид обращения": "Просьба"}),  # 12: two errors
        row(codes, **{"Дата регистрации": "01.01.2027"}),  # 13: after today
        row(codes, **{"Содержание": "  "}),  # 14
        row(codes, **{"Эл. почта": "petrov.mail.ru"}),  # 15
        row(codes, **{"Удовлетворённость": "Доволен"}),  # 16
        row(codes, **{"Число подписей": "много"}),  # 17
    ]
    path = write_journal(tmp_path / "bad.xlsx", rows)
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    assert rejected(excinfo) == {
        (3, "Форма поступления"),
        (4, "Дата регистрации"),
        (5, "Вопросы"),
        (6, "Рег. номер"),
        (7, "Рег. номер"),
        (8, "Результаты"),
        (9, "Результаты"),
        (10, "Коллективное"),
        (12, "Дата ответа"),
        (12, "Вид обращения"),
        (13, "Дата регистрации"),
        (14, "Содержание"),
        (15, "Эл. почта"),
        (16, "Удовлетворённость"),
        (17, "Число подписей"),
    }
    assert "Голубиная почта" in message(excinfo, 3, "Форма поступления")
    assert "31.02.2026" in message(excinfo, 4, "Дата регистрации")
    assert "9999.9999.9999.9999" in message(excinfo, 5, "Вопросы")
    assert "строке 2" in message(excinfo, 6, "Рег. номер")
    assert "уже есть в базе" in message(excinfo, 7, "Рег. номер")
    assert "результатов 2, а кодов вопросов 3" in message(excinfo, 8, "Результаты")
    assert "Отказано" in message(excinfo, 9, "Результаты")
    # the whole text, as the user sees it, names rows and columns in Russian
    text = str(excinfo.value)
    assert text.startswith("Импорт отменён, в базу ничего не записано. Ошибок: 15.")
    assert "строка 12, столбец «Вид обращения»: неизвестное значение «Просьба»" in text
    # nothing written: every table as it was
    assert fingerprint(desk) == before


def test_errors_are_listed_row_by_row_in_column_order(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "bad.xlsx", [
        row(codes, **{"Вид обращения": "?", "Форма поступления": "?"}),
        row(codes, **{"Дата регистрации": "?"}),
    ])
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    assert [(e.row, e.column) for e in excinfo.value.errors] == [
        (2, "Форма поступления"), (2, "Вид обращения"), (3, "Дата регистрации"),
    ]


def test_missing_and_misspelled_headers(desk, codes, tmp_path, write_journal, fingerprint):
    before = fingerprint(desk)
    headers = ["Рег. номер", "Дата регистраци", "Форма поступления", "Вид обращения", "Содержание",
               "Форма поступления", "Фамилия"]
    path = write_journal(tmp_path / "bad.xlsx", [
        ["1-ОГ/26", "02.11.2026", "Письменное", "Заявление", "Текст", "Письменное", "Петров"],
        ["2-ОГ/26", "02.11.2026", "Телепатия", "Заявление", "Текст", "Письменное", "Петров"],
    ], headers=headers)
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    errors = rejected(excinfo)
    assert (1, "Дата регистрации") in errors and (1, "Вопросы") in errors
    assert "похожий столбец «Дата регистраци»" in message(excinfo, 1, "Дата регистрации")
    assert "нет обязательного столбца «Вопросы»" in message(excinfo, 1, "Вопросы")
    assert "встречается дважды" in message(excinfo, 1, "Форма поступления")
    # the rows are still checked for what can be checked; no echo of the missing columns
    assert (3, "Форма поступления") in errors
    assert not any(r > 1 and c in ("Вопросы", "Дата регистрации") for r, c in errors)
    assert fingerprint(desk) == before


def test_not_a_workbook(desk, tmp_path):
    bad = tmp_path / "journal.xlsx"
    bad.write_text("это не Excel")
    with pytest.raises(ImportRejected, match="не является книгой Excel"):
        desk.exchange.import_journal(bad)
    old = tmp_path / "journal.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ImportRejected, match="Книга Excel"):
        desk.exchange.import_journal(old)
    with pytest.raises(ImportRejected, match="не найден"):
        desk.exchange.import_journal(tmp_path / "нет.xlsx")


def test_a_journal_without_appeals_is_refused(desk, tmp_path, write_journal):
    with pytest.raises(ImportRejected, match="нет ни одного обращения"):
        desk.exchange.import_journal(write_journal(tmp_path / "empty.xlsx", []))


def test_failure_while_writing_rolls_everything_back(desk, codes, tmp_path, write_journal, fingerprint, monkeypatch):
    from appealdesk.services.bulk import BulkRegistrar

    before = fingerprint(desk)
    original = BulkRegistrar.flush

    def broken(self):
        original(self)
        raise RuntimeError("диск отключён")

    monkeypatch.setattr(BulkRegistrar, "flush", broken)
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Исполнитель": "Новиков Н.Н.", "Населённый пункт": "Новое"}),
    ])
    with pytest.raises(ImportRejected, match=r"(?s)в базу ничего не записано.*не удалось загрузить"):
        desk.exchange.import_journal(path)  # a Russian refusal, never a traceback
    assert fingerprint(desk) == before


# -- what a real journal holds ----------------------------------------------------------------------------
def test_headers_in_any_case_with_yo_and_spaces_in_any_order(desk, codes, tmp_path, write_journal):
    headers = ["№ п/п", "  СОДЕРЖАНИЕ ", "вопросы", "рег.номер", "Дата  регистрации", "форма поступления",
               "ВИД ОБРАЩЕНИЯ", "Населенный пункт", "фамилия", "удовлетворенность", "Эл.почта:", "Исполнитель*"]
    path = write_journal(tmp_path / "j.xlsx", [
        [1, "Текст", codes[0], "7-ОГ/26", "02.11.2026", "письменное", "заявление", "Береговое", "Котов",
         "частично удовлетворен", "kotov@example.ru", "Панова Ольга"],
    ], headers=headers)
    result = desk.exchange.import_journal(path)
    assert result.count == 1
    assert result.ignored_columns == ("№ п/п",)
    card = desk.appeals.by_number("7-ОГ/26")
    assert (card.form, card.kind, card.satisfaction) == ("written", "statement", "partly_satisfied")
    assert card.settlement == "Береговое" and card.applicant.email == "kotov@example.ru"
    assert card.executor == "Панова Ольга"


def test_dates_as_text_iso_numbers_and_excel_dates(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Дата регистрации": "02.11.2026", "Дата поступления": "2026-10-30"}),
        row(codes, **{"Рег. номер": "2", "Дата регистрации": datetime(2026, 11, 2), "Дата поступления": "1.11.2026"}),
        row(codes, **{"Рег. номер": "3", "Дата регистрации": 46328}),  # a serial number: 02.11.2026
        row(codes, **{"Рег. номер": "4", "Дата регистрации": "02.11.2026", "Срок по закону": "01.12.2026",
                      "Контрольный срок": "25.11.2026"}),
    ])
    assert desk.exchange.import_journal(path).count == 4
    by = desk.appeals.by_number
    assert by("1").received_on == date(2026, 10, 30) and by("1").registered_on == date(2026, 11, 2)
    assert by("2").received_on == date(2026, 11, 1)
    assert by("3").registered_on == date(2026, 11, 2) and by("3").received_on == date(2026, 11, 2)
    computed = by("1")
    assert computed.legal_deadline == date(2026, 12, 2) and computed.control_deadline == date(2026, 12, 2)
    kept = by("4")  # given deadlines are kept, not recomputed
    assert (kept.legal_deadline, kept.control_deadline) == (date(2026, 12, 1), date(2026, 11, 25))


def test_yes_no_as_words_digits_and_booleans(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Коллективное": "ДА", "Число подписей": 12, "На контроле": 1,
                      "Комиссионно": "1", "С выездом на место": True, "С участием автора": "Да"}),
        row(codes, **{"Рег. номер": "2", "Коллективное": "нет", "На контроле": 0, "Комиссионно": "0",
                      "С выездом на место": False, "С участием автора": None}),
    ])
    desk.exchange.import_journal(path)
    yes, no = desk.appeals.by_number("1"), desk.appeals.by_number("2")
    assert (yes.is_collective, yes.signatures, yes.on_control, yes.commission, yes.on_site, yes.with_author) == (
        True, 12, True, True, True, True)
    assert (no.is_collective, no.on_control, no.commission, no.on_site, no.with_author) == (False,) * 5


def test_vocabulary_by_code_and_results_in_order(desk, codes, tmp_path, write_journal):
    two, three = ";".join(codes[:2]), "; ".join(codes[:3])
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Форма поступления": "written", "Источник": "REGION", "Вопросы": two,
                      "Результаты": "Поддержано; explained", "Дата ответа": "10.11.2026"}),
        row(codes, **{"Рег. номер": "2", "Вопросы": three, "Результаты": "Разъяснено",
                      "Дата ответа": "10.11.2026"}),  # one result for all
        row(codes, **{"Рег. номер": "3", "Вопросы": two, "Результаты": "Разъяснено;Находится на рассмотрении",
                      "Дата ответа": "10.11.2026"}),
        row(codes, **{"Рег. номер": "4", "Вопросы": two}),  # no result: in progress
        row(codes, **{"Рег. номер": "5", "Вопросы": two, "Результаты": "Разъяснено;"}),
    ])
    desk.exchange.import_journal(path)
    by = desk.appeals.by_number
    first = by("1")
    assert (first.form, first.source) == ("written", "region")
    assert [q.result for q in first.questions] == ["supported", "explained"] and first.status == "closed"
    assert [q.result for q in by("2").questions] == ["explained"] * 3 and by("2").status == "closed"
    assert [q.result for q in by("3").questions] == ["explained", None] and by("3").status == "in_progress"
    assert [q.result for q in by("4").questions] == [None, None] and by("4").status == "in_progress"
    assert [q.result for q in by("5").questions] == ["explained", None]


def test_numbers_assigned_from_the_pattern_after_the_given_ones(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": None, "Содержание": "без номера, первая строка"}),
        row(codes, **{"Рег. номер": "1-ОГ/26"}),
        row(codes, **{"Рег. номер": "2-ОГ/26"}),
        row(codes, **{"Рег. номер": None, "Вид обращения": "Запрос информации (8-ФЗ)"}),
    ])
    assert desk.exchange.import_journal(path).count == 4
    first = desk.appeals.by_number("3-ОГ/26")
    assert first.summary == "без номера, первая строка"
    assert desk.appeals.by_number("1-ЗИ/26").kind == "info_request"


def test_repeated_appeals_are_linked_in_the_file_and_to_the_database(desk, codes, tmp_path, write_journal):
    old = desk.appeals.register(
        AppealInput(form="written", kind="statement", summary="Первое", questions=(QuestionInput(codes[0]),),
                    registered_on=date(2026, 3, 2), applicant=ApplicantInput(last_name="Петров"))
    )
    path = write_journal(tmp_path / "j.xlsx", [
        # the earlier appeal is further down the file (a journal sorted newest first)
        row(codes, **{"Рег. номер": "30-ОГ/26", "Повторное": "да", "Предыдущее обращение": "20-ОГ/26"}),
        row(codes, **{"Рег. номер": "20-ОГ/26", "Повторное": "да", "Предыдущее обращение": old.reg_number}),
        row(codes, **{"Рег. номер": "40-ОГ/26", "Повторное": "да", "Предыдущее обращение": "17-ОГ/24"}),
        row(codes, **{"Рег. номер": None, "Повторное": "да", "Предыдущее обращение": "30-ОГ/26"}),
    ])
    desk.exchange.import_journal(path)
    by = desk.appeals.by_number
    assert desk.appeals.get(by("30-ОГ/26").previous_appeal_id).reg_number == "20-ОГ/26"
    assert by("20-ОГ/26").previous_appeal_id == old.id
    unknown = by("40-ОГ/26")
    assert unknown.previous_appeal_id is None and unknown.previous_number == "17-ОГ/24" and unknown.is_repeated
    assert desk.appeals.get(by("41-ОГ/26").previous_appeal_id).reg_number == "30-ОГ/26"


def test_circular_and_self_links_are_errors(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Предыдущее обращение": "2"}),
        row(codes, **{"Рег. номер": "2", "Предыдущее обращение": "1"}),
        row(codes, **{"Рег. номер": "3", "Предыдущее обращение": "3"}),
    ])
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    assert rejected(excinfo) == {(2, "Предыдущее обращение"), (3, "Предыдущее обращение"),
                                 (4, "Предыдущее обращение")}
    assert "по кругу (строки 2, 3)" in message(excinfo, 2, "Предыдущее обращение")
    assert "самому себе" in message(excinfo, 4, "Предыдущее обращение")


def test_executors_matched_by_name_or_initials_and_created_once(desk, codes, tmp_path, write_journal):
    known = desk.reference.save_official(OfficialInput(full_name="Фёдоров Илья Ильич"))
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Исполнитель": "ФЕДОРОВ  ИЛЬЯ ИЛЬИЧ"}),
        row(codes, **{"Рег. номер": "2", "Исполнитель": "Федоров И.И."}),
        row(codes, **{"Рег. номер": "3", "Исполнитель": "И. И. Фёдоров"}),
        row(codes, **{"Рег. номер": "4", "Исполнитель": "Новикова Ольга Сергеевна"}),
        row(codes, **{"Рег. номер": "5", "Исполнитель": "новикова ольга сергеевна"}),
        row(codes, **{"Рег. номер": "6", "Исполнитель": "Новикова О.С."}),
        row(codes, **{"Рег. номер": "7", "Исполнитель": "Зайцев П.П."}),
    ])
    result = desk.exchange.import_journal(path)
    assert result.created_executors == ("Новикова Ольга Сергеевна", "Зайцев П.П.")
    by = desk.appeals.by_number
    assert {by(n).executor_id for n in "123"} == {known.id}
    assert len({by(n).executor_id for n in "456"}) == 1
    assert by("4").questions[0].executor == "Новикова Ольга Сергеевна"
    names = {o.full_name for o in desk.reference.officials(executors_only=True)}
    assert names == {"Фёдоров Илья Ильич", "Новикова Ольга Сергеевна", "Зайцев П.П."}


def test_unknown_names_refused_when_asked(desk, codes, tmp_path, write_journal, fingerprint):
    before = fingerprint(desk)
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Исполнитель": "Никто Никтович", "Населённый пункт": "Атлантида"}),
    ])
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path, create_missing=False)
    assert rejected(excinfo) == {(2, "Исполнитель"), (2, "Населённый пункт")}
    assert "«Атлантида» не найден" in message(excinfo, 2, "Населённый пункт")
    assert fingerprint(desk) == before


def test_extension_from_the_extended_deadline(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Дата регистрации": "26.10.2026", "Продлено до": "23.12.2026"}),
        row(codes, **{"Рег. номер": "2", "Дата регистрации": "26.10.2026", "Продлено до": "30.01.2027"}),
        row(codes, **{"Рег. номер": "3", "Дата регистрации": "26.10.2026", "Продлено до": "20.11.2026"}),
        row(codes, **{"Рег. номер": "4", "Вид обращения": "Сообщение (не обращение по 59-ФЗ)",
                      "Источник": "Платформа обратной связи (ПОС)", "Форма поступления": "В форме электронного документа",
                      "Продлено до": "10.11.2026"}),
    ])
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    assert rejected(excinfo) == {(3, "Продлено до"), (4, "Продлено до"), (5, "Продлено до")}
    assert "не более чем на 30 дней" in message(excinfo, 3, "Продлено до")
    assert "позже срока по закону" in message(excinfo, 4, "Продлено до")
    assert "не продлевается" in message(excinfo, 5, "Продлено до")
    path = write_journal(tmp_path / "ok.xlsx", [
        row(codes, **{"Рег. номер": "1", "Дата регистрации": "26.10.2026", "Продлено до": "23.12.2026"}),
    ])
    desk.exchange.import_journal(path)
    card = desk.appeals.by_number("1")
    assert card.legal_deadline == date(2026, 11, 25)
    assert card.extended_deadline == card.deadline == date(2026, 12, 23)
    assert card.extension.days == 28 and card.extension.previous_deadline == date(2026, 11, 25)
    assert card.extension.reason == "Импорт из журнала регистрации"


def test_anonymous_and_organisation_applicants(desk, codes, tmp_path, write_journal):
    path = write_journal(tmp_path / "j.xlsx", [
        row(codes, **{"Рег. номер": "1", "Фамилия": None, "Населённый пункт": "Ключи"}),
        row(codes, **{"Рег. номер": "2", "Фамилия": None, "Организация": "ООО «Вектор»", "Адрес": "ул. Мира, 1"}),
        row(codes, **{"Рег. номер": "3", "Фамилия": "Петров", "Имя": "Пётр", "Адрес": "ул. Лесная, 5"}),
        row(codes, **{"Рег. номер": "4", "Фамилия": "ПЕТРОВ", "Имя": "Петр", "Адрес": "ул. Лесная, 5"}),
    ])
    desk.exchange.import_journal(path)
    by = desk.appeals.by_number
    assert by("1").is_anonymous and by("1").settlement == "Ключи"
    assert by("2").applicant.type == "organisation" and by("2").applicant.display_name == "ООО «Вектор»"
    assert by("3").applicant.id == by("4").applicant.id  # the same person, spelled twice


def test_dry_run_writes_nothing(desk, codes, tmp_path, write_journal, fingerprint):
    before = fingerprint(desk)
    path = write_journal(tmp_path / "j.xlsx", [row(codes, **{"Исполнитель": "Новиков Н.Н."})])
    result = desk.exchange.import_journal(path, dry_run=True)
    assert result.count == 1 and result.created_executors == ("Новиков Н.Н.",)
    assert fingerprint(desk) == before


def test_progress_and_cancel(desk, codes, tmp_path, write_journal, fingerprint):
    path = write_journal(tmp_path / "j.xlsx", [row(codes, **{"Рег. номер": str(i)}) for i in range(1, 4)])
    seen = []
    desk.exchange.import_journal(path, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    before = fingerprint(desk)
    path = write_journal(tmp_path / "k.xlsx", [row(codes, **{"Рег. номер": "10"})])
    with pytest.raises(DomainError, match="прерван"):
        desk.exchange.import_journal(path, progress=lambda done, total: False)
    assert fingerprint(desk) == before


def test_a_thousand_rows(desk, codes, tmp_path, write_journal):
    rows = [
        row(codes, **{"Фамилия": f"Житель{i % 300}", "Вопросы": codes[i % 10], "Исполнитель": f"Исп{i % 7}",
                      "Населённый пункт": f"Село {i % 5}", "Дата регистрации": date(2026, 1 + i % 10, 1 + i % 28)})
        for i in range(1000)
    ]
    result = desk.exchange.import_journal(write_journal(tmp_path / "big.xlsx", rows))
    assert result.count == 1000 and len(result.created_executors) == 7 and len(result.created_settlements) == 5
    assert desk.journal.count(_all()) == 1000


def _all():
    from appealdesk.services.journal_values import JournalQuery

    return JournalQuery()


def test_a_title_above_the_headers_is_tolerated(desk, codes, tmp_path):
    from openpyxl import Workbook

    from appealdesk.exchange.journal_columns import COLUMNS

    wb = Workbook()
    wb.active.title = "Пояснения"
    wb.active.append(["Этот лист не журнал"])
    ws = wb.create_sheet("Журнал 2026")
    ws.append(["Журнал регистрации обращений граждан, 2026 год"])
    ws.append([])
    headers = [c.header for c in COLUMNS]
    ws.append(headers)
    values = row(codes, **{"Рег. номер": "1-ОГ/26"})
    ws.append([values.get(h) for h in headers])
    ws.append([{"Форма поступления": "?", "Рег. номер": None}.get(h, values.get(h)) for h in headers])
    path = tmp_path / "titled.xlsx"
    wb.save(path)
    with pytest.raises(ImportRejected) as excinfo:
        desk.exchange.import_journal(path)
    assert rejected(excinfo) == {(5, "Форма поступления")}  # the row numbers of the sheet
    ws.delete_rows(5)
    wb.save(path)
    assert desk.exchange.import_journal(path).count == 1
