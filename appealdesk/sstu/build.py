"""One appeal as a request of the ССТУ.РФ «Результаты рассмотрения обращений» upload, and the checks the
public implementations make before sending it (shared/reference/sstu_rro_and_letters.md, part A). Pure:
the service reads the rows, this module decides.

The request: ``departmentId``, ``isDirect``, ``format``, ``number`` (the sender's cover-letter number for a
forwarded appeal, else our registration number), ``createDate`` (the cover letter's date), ``name``,
``address``, ``email``, ``questions[]`` — each with ``code``, ``status``, ``incomingDate``,
``registrationDate``, ``responseDate``, ``actionsTaken``, ``transfer``, ``attachment`` (the answer letter,
base64). Dates ``yyyy-MM-dd``; empty fields are left out.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

# the status of a question from its result
STATUS_OF_RESULT = {
    "explained": "Explained",
    "supported": "Supported",
    "measures_taken": "Supported",  # + actionsTaken: «меры приняты» is not a status of its own on the wire
    "not_supported": "NotSupported",
    "forwarded": "Transferred",
    "answered": "Answered",
    "left_without_answer": "LeftWithoutAnswer",
    # 59-FZ art. 11 p. 2: returned with an explanation; ССТУ has no status of its own for it
    # (sstu_rro_and_letters.md B: "In ССТУ such cases end as LeftWithoutAnswer")
    "returned": "LeftWithoutAnswer",
}
ANSWERED = frozenset({"Explained", "Supported", "NotSupported", "Answered"})  # these carry the answer file
WITH_RESPONSE_DATE = ANSWERED | {"LeftWithoutAnswer"}
STATUS_LABELS = {
    "NotReceived": "Не поступило", "NotRegistered": "Не зарегистрировано", "InWork": "Находится на рассмотрении",
    "InWorkExtended": "Рассмотрение продлено", "Explained": "Рассмотрено. Разъяснено",
    "Supported": "Рассмотрено. Поддержано", "NotSupported": "Рассмотрено. Не поддержано",
    "Transferred": "Направлено по компетенции", "Answered": "Дан ответ автору",
    "LeftWithoutAnswer": "Оставлено без ответа автору",
}
# ССТУ takes an attachment whose base64 is under 10 000 000 characters (about 7,5 MB of file)
MAX_BASE64 = 10_000_000
MAX_FILE = MAX_BASE64 * 3 // 4 - 4
CODE = re.compile(r"^\d{4}(\.\d{4}){3,4}$")
# «… письмо от 01.11.2026 № 01-23/12345», «№ А26-05-123456 от 01.11.2026»
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_NUMBER = re.compile(r"№\s*([^\s,;]+(?:\s*-\s*[^\s,;]+)*)")


def cover_letter_parts(text: str | None) -> tuple[str, date | None]:
    """The number and the date of the sender's cover letter, as the card's «Сопроводительное» holds them."""
    text = text or ""
    number = ""
    m = _NUMBER.search(text)
    if m:
        number = m.group(1).strip().rstrip(".")
    day = None
    d = _DATE.search(text)
    if d:
        try:
            day = date(int(d.group(3)), int(d.group(2)), int(d.group(1)))
        except ValueError:
            day = None
    return number, day


@dataclass(frozen=True)
class Settings:
    department_id: str
    bodies: dict[str, str]  # body_key(name) -> GUID
    extended_status: str = "InWorkExtended"
    medo_electronic: bool = False


@dataclass(frozen=True)
class AnswerFile:
    attachment_id: int
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class QuestionRow:
    code: str
    result: str | None


@dataclass(frozen=True)
class AppealRow:
    """What the upload needs of one appeal."""

    id: int
    reg_number: str
    version: int
    received_on: date
    registered_on: date
    source: str
    form: str
    cover_letter: str | None
    name: str
    address: str
    email: str
    extended: bool
    answer_on: date | None
    questions: tuple[QuestionRow, ...]
    to_body: str = ""  # the latest forwarding
    forwarded_on: date | None = None
    forwarding_number: str = ""
    answer: AnswerFile | None = None


@dataclass
class Built:
    """A request ready to write (the attachment's content is added when the archive is written), with the
    problems that keep it from being sent."""

    appeal: AppealRow
    request: dict
    problems: list[str] = field(default_factory=list)
    needs_file: bool = False

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(q["status"] for q in self.request.get("questions", ()))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clean(d: dict) -> dict:
    """Empty fields are left out (None, "")."""
    return {k: v for k, v in d.items() if v not in (None, "")}


def status_of(result: str | None, extended: bool, s: Settings) -> str:
    if not result or result == "in_progress":
        return s.extended_status if extended else "InWork"
    return STATUS_OF_RESULT.get(result, "Answered")


def build(a: AppealRow, s: Settings, body_key) -> Built:
    """The request of one appeal and its problems (in Russian; each names what to fix)."""
    problems: list[str] = []
    direct = a.source == "direct"
    number, created = (a.reg_number, None) if direct else cover_letter_parts(a.cover_letter)
    if not direct:
        if not number or created is None:
            problems.append(
                "обращение поступило из другого органа: в поле «Сопроводительное» карточки укажите номер и дату "
                "сопроводительного письма (например, «письмо от 01.11.2026 № 01-23/456»)"
            )
        elif created > a.received_on:
            problems.append(f"дата сопроводительного письма {created:%d.%m.%Y} позже даты поступления "
                            f"{a.received_on:%d.%m.%Y}")
    if not s.department_id:
        problems.append("не указан идентификатор органа в ССТУ (Настройки → ССТУ.РФ)")
    if not a.name.strip():
        problems.append("не указан заявитель")
    if a.registered_on < a.received_on:
        problems.append("дата регистрации раньше даты поступления")
    electronic = not direct and a.form == "electronic" and s.medo_electronic
    questions = []
    needs_file = False
    for q in a.questions:
        status = status_of(q.result, a.extended, s)
        item: dict = {"code": q.code, "status": status, "incomingDate": _iso(a.received_on),
                      "registrationDate": _iso(a.registered_on)}
        if not CODE.match(q.code or ""):
            problems.append(f"код вопроса «{q.code}» не по классификатору (нужно 4 или 5 уровней: "
                            "0000.0000.0000.0000)")
        if status in WITH_RESPONSE_DATE:
            if a.answer_on is None:
                problems.append(f"вопрос {q.code}: «{STATUS_LABELS[status]}», но не указана дата ответа")
            elif a.answer_on < a.registered_on:
                problems.append(f"вопрос {q.code}: дата ответа {a.answer_on:%d.%m.%Y} раньше даты регистрации")
            item["responseDate"] = _iso(a.answer_on)
        if status == "Supported":
            item["actionsTaken"] = q.result == "measures_taken"
        if status in ANSWERED:
            needs_file = True
            if a.answer is None:
                problems.append(
                    f"вопрос {q.code}: «{STATUS_LABELS[status]}», но нет файла ответа — сформируйте письмо "
                    "«Ответ заявителю» (кнопка «Письмо…» в карточке) или прикрепите скан ответа, имя файла "
                    "которого начинается со слова «Ответ»"
                )
            elif a.answer.size > MAX_FILE:
                size = f"{a.answer.size / 1048576:.1f}".replace(".", ",")
                problems.append(
                    f"файл ответа «{a.answer.name}» ({size} МБ) больше предела ССТУ (около 7,5 МБ): сохраните "
                    "ответ в PDF меньшего размера и прикрепите его заново"
                )
            else:
                item["attachment"] = {"name": a.answer.name, "content": f"sha256:{a.answer.sha256}"}
        if status == "Transferred":
            guid = s.bodies.get(body_key(a.to_body)) if a.to_body else None
            if not a.to_body:
                problems.append(f"вопрос {q.code}: «Направлено по компетенции», но переадресация не записана")
            elif not guid:
                problems.append(f"вопрос {q.code}: нет идентификатора ССТУ органа «{a.to_body}», куда направлено "
                                "обращение — добавьте его в Настройки → ССТУ.РФ")
            if a.to_body and not a.forwarding_number:
                problems.append(f"вопрос {q.code}: у переадресации нет исходящего номера сопроводительного письма "
                                "(сформируйте «Сопроводительное письмо» или впишите номер в переадресацию)")
            item["transfer"] = _clean({"departmentId": guid, "transferDate": _iso(a.forwarded_on),
                                       "transferNumber": a.forwarding_number})
        questions.append(_clean(item))
    if not questions:
        problems.append("в обращении нет вопросов")
    request = _clean({
        "departmentId": s.department_id,
        "isDirect": direct,
        "format": "Electronic" if electronic else "Other",
        "number": number,
        "createDate": _iso(created) if not direct else None,
        "name": a.name.strip(),
        "address": a.address.strip(),
        "email": a.email.strip(),
        "questions": questions,
    })
    return Built(a, request, problems, needs_file)


def digest(request: dict) -> str:
    """What the upload state compares: the request as sent, the answer file by its hash."""
    return hashlib.sha256(json.dumps(request, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def with_content(request: dict, content_b64: str | None) -> dict:
    """The request with the answer file's base64 in place of its hash."""
    if content_b64 is None:
        return request
    out = dict(request)
    out["questions"] = [
        {**q, "attachment": {**q["attachment"], "content": content_b64}} if "attachment" in q else q
        for q in request["questions"]
    ]
    return out
