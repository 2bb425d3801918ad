"""Reference data: the first load, versioning by checksum, new editions, the admin's classifier file."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from appealdesk.domain.text import search_document
from appealdesk.errors import DomainError, ImportRejected
from appealdesk.paths import resources_dir
from appealdesk.storage.reference import ensure_reference, load_classifier_file, loaded_editions

BUNDLED = resources_dir() / "reference"
USED_CODE = "0003.0009.0097.0690"  # Уличное освещение


def _scalar(db, sql: str, **params):
    with db.engine.connect() as con:
        return con.execute(text(sql), params).scalar_one()


def _rows(db, sql: str, **params) -> list[tuple]:
    with db.engine.connect() as con:
        return [tuple(r) for r in con.execute(text(sql), params)]


def _bundled_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(BUNDLED, folder)
    return folder


def _classifier_without(tmp_path: Path, *codes: str, name: str = "edition.csv") -> Path:
    lines = (BUNDLED / "classifier.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.split(",", 1)[0] not in codes]
    target = tmp_path / name
    target.write_text("".join(kept), encoding="utf-8")
    return target


def _add_appeal_with_question(db, code: str) -> None:
    with db.engine.begin() as con:
        con.execute(
            text(
                "INSERT INTO appeals (id, reg_number, reg_series, reg_year, received_on, registered_on, form, "
                "source, kind, applicant_name, applicant_sort, is_anonymous, is_collective, summary, on_control, "
                "commission, on_site, with_author, legal_deadline, control_deadline, deadline, is_repeated, "
                "status, deleted, created_at, created_by, updated_at, updated_by, version) VALUES (1, '1', "
                "'appeal', 2025, '2025-02-03', '2025-02-03', 'written', 'direct', 'statement', '', '', FALSE, FALSE, "
                "'Не горят фонари', FALSE, FALSE, FALSE, FALSE, '2025-03-05', '2025-03-05', '2025-03-05', FALSE, "
                "'in_progress', FALSE, "
                "'2025-02-03 10:00:00', '', '2025-02-03 10:00:00', '', 1)"
            )
        )
        con.execute(
            text(
                "INSERT INTO questions (appeal_id, position, classifier_code, section) VALUES (1, 0, :c, :s)"
            ),
            {"c": code, "s": code[:4]},
        )


# -- the bundled data -------------------------------------------------------------------------------
def test_classifier_entries_are_complete(db):
    with db.engine.connect() as con:
        rows = con.execute(text("SELECT * FROM classifier")).mappings().all()
    assert len(rows) == 2108
    by_code = {r["code"]: r for r in rows}
    entry = by_code[USED_CODE]
    assert entry["parent_code"] == "0003.0009.0097" and entry["level"] == 4 and entry["section"] == "0003"
    assert entry["name"] == "Уличное освещение"
    assert entry["name_key"] == search_document("Уличное освещение")
    assert by_code["0001"]["parent_code"] is None
    assert all(r["active"] for r in rows)
    assert {r["edition"] for r in rows} == {loaded_editions(db)["classifier"][0]}
    levels = _rows(db, "SELECT level, count(*) FROM classifier GROUP BY level ORDER BY level")
    assert levels == [(1, 5), (2, 21), (3, 206), (4, 1225), (5, 651)]


def test_vocabulary_keeps_the_file_order(db):
    forms = _rows(db, "SELECT code FROM vocabulary WHERE \"group\" = 'form' ORDER BY position")
    assert [f[0] for f in forms] == [
        "written",
        "electronic",
        "personal_reception",
        "visiting_reception",
        "phone",
    ]
    assert (
        _scalar(db, "SELECT label FROM vocabulary WHERE \"group\" = 'answer_method' AND code = 'post'")
        == "Почтой"
    )
    positions = [p[0] for p in _rows(db, "SELECT position FROM vocabulary ORDER BY position")]
    assert positions == list(range(58))  # vocabulary.csv (35) and the program's own (23)


def test_calendar_overrides_are_loaded_as_bundled(db):
    rows = dict(_rows(db, "SELECT CAST(day AS VARCHAR(10)), is_working FROM calendar_overrides WHERE source = 'bundled'"))
    assert len(rows) == 18
    assert rows["2024-04-27"] == 1  # рабочая суббота
    assert rows["2024-04-29"] == 0  # выходной
    note = _scalar(db, "SELECT note FROM calendar_overrides WHERE day = '2024-04-27'")
    assert note.startswith("перенос выходного на 29.04")


def test_editions_are_recorded_and_a_second_start_loads_nothing(db):
    editions = loaded_editions(db)
    assert set(editions) == {"classifier", "vocabulary", "calendar"}
    for edition, checksum in editions.values():
        assert edition == f"bundled {checksum[:12]}"
    assert ensure_reference(db) == []


def test_a_changed_bundled_set_is_reloaded_alone(db, tmp_path):
    folder = _bundled_copy(tmp_path)
    with (folder / "vocabulary_local.csv").open("a", encoding="utf-8") as fh:
        fh.write("answer_method,courier,Курьером,\n")
    loads = ensure_reference(db, directory=folder)
    assert [(x.name, x.added, x.updated, x.retired) for x in loads] == [("vocabulary", 1, 0, 0)]
    assert _scalar(db, "SELECT label FROM vocabulary WHERE code = 'courier'") == "Курьером"
    assert ensure_reference(db, directory=folder) == []


def test_a_vocabulary_code_dropped_from_a_new_edition_is_retired(db, tmp_path):
    folder = _bundled_copy(tmp_path)
    path = folder / "vocabulary.csv"
    path.write_text(
        "".join(
            line
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if ",video," not in line
        ),
        encoding="utf-8",
    )
    (load,) = ensure_reference(db, directory=folder)
    assert load.retired == 1
    assert _scalar(db, "SELECT active FROM vocabulary WHERE code = 'video'") == 0
    assert _scalar(db, "SELECT count(*) FROM vocabulary WHERE active = TRUE") == 57


def test_the_admins_calendar_days_are_never_overwritten(db, tmp_path):
    with db.engine.begin() as con:
        con.execute(
            text(
                "UPDATE calendar_overrides SET is_working = TRUE, note = 'решение', source = 'admin' "
                "WHERE day = '2025-05-02'"
            )
        )
        con.execute(
            text(
                "INSERT INTO calendar_overrides (day, is_working, note, source) "
                "VALUES ('2027-01-08', FALSE, 'новый указ', 'admin')"
            )
        )
    folder = _bundled_copy(tmp_path)
    path = folder / "production_calendar_overrides.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("2024,2024-04-30")]  # a day dropped
    lines.append("2027,2027-01-08,рабочая суббота,ошибочная строка,,\n")  # the admin already decided this day
    path.write_text("".join(lines), encoding="utf-8")

    (load,) = ensure_reference(db, directory=folder)

    assert load.name == "calendar" and load.retired == 1
    days = {d: (w, s) for d, w, s in _rows(db, "SELECT CAST(day AS VARCHAR(10)), is_working, source FROM calendar_overrides")}
    assert days["2025-05-02"] == (1, "admin")
    assert days["2027-01-08"] == (0, "admin")
    assert "2024-04-30" not in days


def test_the_first_load_is_fast_enough(tmp_path, opened):
    import time

    db = opened(tmp_path / "timed.sqlite3", migrate=True)
    with db.engine.begin() as con:
        for table in ("classifier", "vocabulary", "calendar_overrides", "reference_editions"):
            con.execute(text(f"DELETE FROM {table}"))
    started = time.perf_counter()
    ensure_reference(db)
    assert time.perf_counter() - started < 3  # generous: a guard against row-by-row inserts only


# -- a classifier edition supplied by the admin -----------------------------------------------------
def test_a_new_edition_retires_missing_codes_and_keeps_the_appeals_using_them(db, tmp_path):
    _add_appeal_with_question(db, USED_CODE)
    bundled_edition = loaded_editions(db)["classifier"][0]
    edition_file = _classifier_without(tmp_path, USED_CODE)

    load = load_classifier_file(db, edition_file, "ред. 2026")

    assert (load.added, load.updated, load.retired) == (0, 2107, 1)
    ((active, last_edition),) = _rows(
        db, "SELECT active, edition FROM classifier WHERE code = :c", c=USED_CODE
    )
    assert active == 0 and last_edition == bundled_edition  # retired, as of the edition it was last in
    assert _scalar(db, "SELECT count(*) FROM classifier WHERE active = TRUE") == 2107
    assert _scalar(db, "SELECT count(*) FROM classifier WHERE edition = 'ред. 2026'") == 2107
    assert _scalar(db, "SELECT classifier_code FROM questions WHERE appeal_id = 1") == USED_CODE
    assert _scalar(db, "SELECT count(*) FROM appeals") == 1
    assert loaded_editions(db)["classifier"][0] == "ред. 2026"
    if db.is_sqlite:  # PostgreSQL checks every foreign key as it is written
        with db.engine.connect() as con:
            assert con.execute(text("PRAGMA foreign_key_check")).all() == []

    # the bundled classifier does not silently replace the admin's edition at the next start
    assert ensure_reference(db) == []
    # unless asked to: then the retired code comes back
    (back,) = [x for x in ensure_reference(db, force=True) if x.name == "classifier"]
    assert back.edition.startswith("bundled ")
    assert _scalar(db, "SELECT active FROM classifier WHERE code = :c", c=USED_CODE) == 1


def test_an_excel_style_file_is_accepted(db, tmp_path):
    source = (BUNDLED / "classifier.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(source)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / "excel.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    load = load_classifier_file(db, path, "из Excel")
    assert load.retired == 0 and load.updated == 2108


def _edition_text(*lines: str) -> str:
    return "code,parent_code,level,name\n" + "".join(line + "\n" for line in lines)


def test_a_file_without_the_columns_is_rejected_and_nothing_changes(db, tmp_path):
    before = _rows(db, "SELECT code, edition, active FROM classifier ORDER BY code")
    path = tmp_path / "bad.csv"
    path.write_text("код,наименование\n0001,Государство\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        load_classifier_file(db, path, "ред. 2026")
    assert {e.column for e in info.value.errors} == {"code", "parent_code", "level", "name"}
    assert "нет столбца" in str(info.value) and "в базу ничего не записано" in str(info.value)
    assert _rows(db, "SELECT code, edition, active FROM classifier ORDER BY code") == before


def test_every_bad_row_is_listed_and_nothing_changes(db, tmp_path):
    before = loaded_editions(db)
    path = tmp_path / "bad.csv"
    path.write_text(
        _edition_text(
            "0001,,1,Государство",
            "0001.0001,0001,2,Конституционный строй",
            "0001.0001,0001,2,Повтор",  # row 4: duplicate
            "1.2,0001,2,Плохой код",  # row 5
            "0001.0002,0001,3,Уровень не тот",  # row 6
            "0001.0003,0002,2,Чужой родитель",  # row 7
            "0002.0001,0002,2,Родителя нет",  # row 8
            "0001.0004,0001,2,",  # row 9: no name
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as info:
        load_classifier_file(db, path, "ред. 2026")
    assert sorted({e.row for e in info.value.errors}) == [4, 5, 6, 7, 8, 9]
    assert loaded_editions(db) == before


def test_a_file_in_another_encoding_is_rejected(db, tmp_path):
    path = tmp_path / "cp1251.csv"
    path.write_bytes(_edition_text("0001,,1,Государство").encode("cp1251"))
    with pytest.raises(ImportRejected, match="UTF-8"):
        load_classifier_file(db, path, "ред. 2026")


@pytest.mark.parametrize("edition", ["", "   ", "bundled 2026", "x" * 81])
def test_the_edition_name_is_checked(db, tmp_path, edition):
    with pytest.raises(DomainError):
        load_classifier_file(db, _classifier_without(tmp_path), edition)


def test_loading_the_same_edition_twice_changes_nothing(db, tmp_path):
    path = _classifier_without(tmp_path, USED_CODE)
    load_classifier_file(db, path, "ред. 2026")
    again = load_classifier_file(db, path, "ред. 2026")
    assert (again.added, again.updated, again.retired) == (0, 0, 0)
    assert date.today().isoformat() <= _scalar(
        db, "SELECT CAST(loaded_at AS VARCHAR(19)) FROM reference_editions WHERE name = 'classifier'"
    )
