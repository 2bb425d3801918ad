"""The ССТУ.РФ upload of a test month: every record valid against the field rules of the reconstructed
format, the status right for each result, the answer letter inside as base64, forwarded appeals keyed by
the sender's cover letter, messages and 8-ФЗ requests left out; the checks in Russian per appeal; the
remembered state and the next upload taking only what changed; the today panel's line."""

from __future__ import annotations

import base64
import json
import re
import zipfile
from dataclasses import replace
from datetime import date

import pytest

from appealdesk.errors import DomainError
from appealdesk.letters.values import LetterInput
from appealdesk.services import AppealDesk
from appealdesk.services.values import (
    AnswerInput,
    ApplicantInput,
    ExtensionInput,
    ForwardingInput,
    OfficialInput,
)
from appealdesk.sstu.archive import write_parts
from tests.services.helpers import appeal

DEPT = "11111111-2222-3333-4444-555555555555"
PROSECUTOR = "66666666-7777-8888-9999-000000000000"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ANSWERED = {"Explained", "Supported", "NotSupported", "Answered"}


def valid(request: dict) -> list[str]:
    """The field rules of the format (shared/reference/sstu_rro_and_letters.md A.3-A.9)."""
    bad = []
    for key in ("departmentId", "isDirect", "format", "number", "name", "questions"):
        if key not in request:
            bad.append(f"no {key}")
    if request.get("format") not in ("Electronic", "Other"):
        bad.append("format")
    if not request.get("isDirect") and not ISO.match(request.get("createDate", "")):
        bad.append("createDate")
    if any(v in (None, "") for v in request.values()):
        bad.append("empty field sent")
    for q in request.get("questions", []):
        if not re.match(r"^\d{4}(\.\d{4}){3,4}$", q["code"]):
            bad.append("code")
        for k in ("incomingDate", "registrationDate", "responseDate"):
            if k in q and not ISO.match(q[k]):
                bad.append(k)
        if not request["isDirect"] and q["incomingDate"] < request["createDate"]:
            bad.append("incoming before created")
        if q["registrationDate"] < q["incomingDate"]:
            bad.append("registered before incoming")
        if q["status"] in ANSWERED | {"LeftWithoutAnswer"} and q.get("responseDate", "") < q["registrationDate"]:
            bad.append("response date")
        if q["status"] in ANSWERED:
            att = q.get("attachment") or {}
            if not att.get("name") or not att.get("content") or len(att["content"]) >= 10_000_000:
                bad.append("attachment")
        elif "attachment" in q:
            bad.append("attachment on an unanswered status")
        if (q["status"] == "Supported") != ("actionsTaken" in q):
            bad.append("actionsTaken")
        if q["status"] == "Transferred":
            t = q.get("transfer") or {}
            if not t.get("departmentId") or not ISO.match(t.get("transferDate", "")) or not t.get("transferNumber"):
                bad.append("transfer")
    return bad


def read_archive(files) -> list[dict]:
    out = []
    for f in files:
        with zipfile.ZipFile(f) as z:
            for name in z.namelist():
                assert re.match(r"^[0-9a-f-]{36}\.json$", name)
                out.append(json.loads(z.read(name).decode("utf-8")))
    return out


@pytest.fixture
def month(desk):
    """November 2026 of a small office: one appeal for each result."""
    s = desk.settings.get()
    desk.settings.save(replace(s, head_name="Петров Пётр Петрович", sstu_department_id=DEPT,
                               sstu_bodies=(("Прокуратура Сосновского района", PROSECUTOR),)))
    ex = desk.reference.save_official(OfficialInput("Иванова Мария Сергеевна", "Специалист"))
    made = {}

    def reg(key, **kw):
        card = desk.appeals.register(appeal(executor_id=ex.id, registered_on=kw.pop("on", date(2026, 11, 3)), **kw))
        made[key] = card
        return card

    for result in ("explained", "measures_taken", "supported", "not_supported", "answered"):
        card = reg(result)
        desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 18), {card.questions[0].id: result},
                                                 text="Ответ по существу."))
        desk.letters.save(card.id, LetterInput("answer", pdf=True))
    card = reg("left_without_answer")
    desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 10), {}, no_answer_ground="obscene"))
    card = reg("forwarded")
    desk.appeals.forward(card.id, ForwardingInput("Прокуратура Сосновского района", forwarded_on=date(2026, 11, 5)))
    desk.letters.save(card.id, LetterInput("cover_letter"))
    reg("in_progress", on=date(2026, 11, 16))
    card = reg("extended", on=date(2026, 11, 2))
    desk.appeals.extend(card.id, ExtensionInput(20, "Запрос документов", "Глава", extended_on=date(2026, 11, 19)))
    card = reg("from_region", source="region", received_on=date(2026, 11, 9), on=date(2026, 11, 10),
               cover_letter="Правительство области, письмо от 06.11.2026 № 01-23/456")
    reg("message", kind="message", form="electronic", source="feedback_platform")
    reg("info", kind="info_request")
    return made


def test_the_month_archive_is_valid_with_the_status_of_each_result(desk, month, tmp_path):
    check = desk.sstu.check(date(2026, 11, 1), date(2026, 11, 30))
    assert check.state.messages == 1 and check.state.info_requests == 1
    assert check.state.appeals == 10 and check.state.not_uploaded == 10
    assert check.problems == ()
    result = desk.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "ССТУ ноябрь 2026.zip")
    assert [f.name for f in result.files] == ["ССТУ ноябрь 2026.zip"] and result.problems_file is None
    requests = read_archive(result.files)
    assert len(requests) == 10 == result.written
    by_number = {}
    for r in requests:
        assert valid(r) == [], r
        assert r["departmentId"] == DEPT
        by_number[r["number"]] = r
    status = {key: by_number.get(card.reg_number) for key, card in month.items()}
    assert status["message"] is None and status["info"] is None
    q = {key: r["questions"][0] for key, r in status.items() if r is not None}
    assert q["explained"]["status"] == "Explained"
    assert (q["measures_taken"]["status"], q["measures_taken"]["actionsTaken"]) == ("Supported", True)
    assert (q["supported"]["status"], q["supported"]["actionsTaken"]) == ("Supported", False)
    assert q["not_supported"]["status"] == "NotSupported"
    assert q["answered"]["status"] == "Answered"
    assert q["left_without_answer"] == {"code": q["left_without_answer"]["code"], "status": "LeftWithoutAnswer",
                                        "incomingDate": "2026-11-03", "registrationDate": "2026-11-03",
                                        "responseDate": "2026-11-10"}
    assert q["in_progress"]["status"] == "InWork" and "responseDate" not in q["in_progress"]
    assert q["extended"]["status"] == "InWorkExtended"
    transfer = q["forwarded"]["transfer"]
    letter = desk.letters.list(month["forwarded"].id)[0]
    assert transfer == {"departmentId": PROSECUTOR, "transferDate": "2026-11-05", "transferNumber": letter.number}
    region = by_number["01-23/456"]
    assert region["isDirect"] is False and region["createDate"] == "2026-11-06"
    assert region["questions"][0]["incomingDate"] == "2026-11-09"
    assert status["explained"]["isDirect"] is True and "createDate" not in status["explained"]
    assert status["explained"]["name"] == "Фёдоров Иван Иванович" and status["explained"]["address"] == "ул. Ленина, 5"
    att = q["explained"]["attachment"]
    pdf_letter = desk.letters.list(month["explained"].id)[0]
    _name, pdf = desk.attachments.content(pdf_letter.pdf_id)
    assert att["name"].endswith(".pdf") and base64.b64decode(att["content"]) == pdf


def test_the_setting_for_extended_appeals(desk, month, tmp_path):
    desk.settings.save(replace(desk.settings.get(), sstu_extended_status="InWork"))
    result = desk.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "x.zip")
    got = {r["number"]: r for r in read_archive(result.files)}
    assert got[month["extended"].reg_number]["questions"][0]["status"] == "InWork"


def test_problems_are_listed_per_appeal_and_strict_writes_nothing(desk, month, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    desk.settings.save(replace(desk.settings.get(), sstu_bodies=()))
    bare = desk.appeals.register(appeal(registered_on=date(2026, 11, 12)))
    desk.appeals.answer(bare.id, AnswerInput(date(2026, 11, 19), {bare.questions[0].id: "explained"}))
    check = desk.sstu.check(date(2026, 11, 1), date(2026, 11, 30))
    texts = {p.reg_number: " ".join(p.problems) for p in check.problems}
    assert "нет идентификатора ССТУ органа «Прокуратура Сосновского района»" in texts[month["forwarded"].reg_number]
    assert "нет файла ответа" in texts[bare.reg_number]
    assert check.ready == 9
    with pytest.raises(DomainError, match="строгая проверка"):
        desk.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "strict.zip", strict=True)
    assert list(tmp_path.iterdir()) == []
    assert desk.sstu.state(date(2026, 11, 1), date(2026, 11, 30)).uploaded == 0
    result = desk.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "good.zip")
    assert result.written == 9 and len(read_archive(result.files)) == 9
    listed = result.problems_file.read_text(encoding="utf-8-sig")
    assert bare.reg_number in listed and month["forwarded"].reg_number in listed


def test_the_state_is_remembered_and_the_next_upload_takes_what_changed(desk, month, tmp_path):
    period = (date(2026, 11, 1), date(2026, 11, 30))
    desk.sstu.upload(*period, tmp_path / "first.zip")
    state = desk.sstu.state(*period)
    assert (state.uploaded, state.changed, state.not_uploaded) == (10, 0, 0) and state.last_file == "first.zip"
    desk.appeals.update(month["in_progress"].id, replace(desk.appeals.get(month["in_progress"].id).to_input(),
                                                          resolution=None))  # touched, nothing sent changes
    card = month["extended"]
    desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 20), {card.questions[0].id: "explained"}))
    desk.letters.save(card.id, LetterInput("answer", text="Разъяснено."))
    new = desk.appeals.register(appeal(registered_on=date(2026, 11, 20)))
    state = desk.sstu.state(*period)
    assert (state.uploaded, state.changed, state.not_uploaded) == (9, 1, 1)
    second = desk.sstu.upload(*period, tmp_path / "second.zip")
    numbers = sorted(r["number"] for r in read_archive(second.files))
    assert numbers == sorted([card.reg_number, new.reg_number])
    assert desk.sstu.upload(*period, tmp_path / "third.zip").written == 0
    assert len(read_archive(desk.sstu.upload(*period, tmp_path / "all.zip", everything=True).files)) == 11


def test_the_today_panel_says_the_month_is_not_uploaded(db_location, month, desk, tmp_path):
    early = AppealDesk.open(db_location, today=lambda: date(2026, 12, 5))
    late = AppealDesk.open(db_location, today=lambda: date(2026, 12, 7))
    try:
        assert next(ln for ln in early.control.today().lines if ln.key == "sstu").count == 0
        line = next(ln for ln in late.control.today().lines if ln.key == "sstu")
        assert (line.title, line.count) == ("ССТУ: не выгружено за ноябрь", 10)
        assert len(late.control.today_items("sstu")) == 10
        late.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "nov.zip")
        assert next(ln for ln in late.control.today().lines if ln.key == "sstu").count == 0
    finally:
        early.close()
        late.close()


def test_archive_parts_stay_under_the_limit(tmp_path):
    import random

    blobs = [json.dumps({"n": i, "pad": base64.b64encode(random.Random(i).randbytes(8000)).decode()}).encode()
             for i in range(40)]  # a scan's base64 hardly compresses
    files = write_parts(tmp_path / "big.zip", iter(blobs), limit=60_000)
    assert len(files) > 1 and [f.name for f in files][:2] == ["big-001.zip", "big-002.zip"]
    assert all(f.stat().st_size <= 60_000 for f in files)
    assert sum(len(zipfile.ZipFile(f).namelist()) for f in files) == 40
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_without_the_body_identifier_nothing_is_written(desk, month, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    desk.settings.save(replace(desk.settings.get(), sstu_department_id=""))
    with pytest.raises(DomainError, match=r"Настройки → ССТУ\.РФ"):
        desk.sstu.upload(date(2026, 11, 1), date(2026, 11, 30), tmp_path / "x.zip")
    assert list(tmp_path.iterdir()) == []


def test_an_answer_file_over_the_limit_is_named(desk, month, tmp_path):
    card = month["in_progress"]
    desk.appeals.answer(card.id, AnswerInput(date(2026, 11, 19), {card.questions[0].id: "explained"}))
    big = tmp_path / "Ответ большой.pdf"
    big.write_bytes(b"%PDF-" + b"0" * 8_000_000)
    desk.attachments.add(card.id, big)
    texts = {p.reg_number: " ".join(p.problems) for p in desk.sstu.check(date(2026, 11, 1), date(2026, 11, 30)).problems}
    assert "«Ответ большой.pdf»" in texts[card.reg_number] and "больше предела ССТУ" in texts[card.reg_number]


def test_an_applicant_without_a_name_is_not_sent(desk, month):
    card = desk.appeals.register(appeal(last_name=None, registered_on=date(2026, 11, 4),
                                        applicant=ApplicantInput(org_name=None)))
    texts = {p.reg_number: p.problems for p in desk.sstu.check(date(2026, 11, 1), date(2026, 11, 30)).problems}
    assert "не указан заявитель" in texts[card.reg_number]


def test_the_command_line_upload(db_location, month, tmp_path, capsys):
    from appealdesk.cli.main import main

    out = tmp_path / "ССТУ.zip"
    args = ["--db", str(db_location), "sstu", "--from", "01.11.2026", "--to", "30.11.2026"]
    assert main(args) == 0
    assert "готово к выгрузке: 10" in capsys.readouterr().err and not out.exists()
    assert main([*args, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "сообщения ПОС и соцсетей — 1, запросы по 8-ФЗ — 1" in err and "Рассмотрено. Поддержано" in err
    assert len(read_archive([out])) == 10
    assert main([*args, "--out", str(tmp_path / "again.zip")]) == 0
    assert "выгружено 10" in capsys.readouterr().err
