"""The placeholders a letter template may use, and their values for one letter.

A template is a Word document with Jinja placeholders in Russian: ``{{ рег_номер }}``,
``{{ заявитель_кратко }}``; optional lines go inside ``{%p if приложение %} … {%p endif %}``. The office
sees this list in Settings → «Шаблоны писем»; a template that uses a name not in it is refused before it
is saved, with the name said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .kinds import TO_BODY, LetterKind
from .names import FullName, genitive, greeting, short_dative, signature_name
from .values import LetterInput, Person, Signatory

# name -> what it holds (Settings shows this list; the check refuses any other name)
FIELDS: dict[str, str] = {
    "организация": "Название органа (Настройки → Организация)",
    "организация_адрес": "Почтовый адрес органа",
    "организация_телефон": "Телефон органа",
    "организация_почта": "Электронная почта органа",
    "организация_сайт": "Официальный сайт органа",
    "исх_номер": "Исходящий номер письма (присваивается при сохранении)",
    "исх_дата": "Дата письма",
    "ссылка": "«На № … от …»: номер и дата обращения (и сопроводительного письма, если оно поступило через другой орган)",
    "адресат": "Адресат: заявитель в дательном падеже («Фёдорову И.И.») или орган",
    "адресат_адрес": "Почтовый адрес адресата (или электронная почта)",
    "приветствие": "«Уважаемый Иван Ильич!»",
    "заявитель": "ФИО заявителя полностью (или название организации)",
    "заявитель_кратко": "Фамилия и инициалы заявителя",
    "заявитель_рп": "ФИО заявителя в родительном падеже («обращение Фёдорова Ивана Ильича»)",
    "заявитель_адрес": "Почтовый адрес заявителя",
    "заявитель_почта": "Электронная почта заявителя",
    "рег_номер": "Регистрационный номер обращения",
    "дата_регистрации": "Дата регистрации обращения",
    "дата_поступления": "Дата поступления обращения",
    "сопроводительное": "Сопроводительное письмо, с которым обращение поступило из другого органа",
    "содержание": "Краткое содержание обращения",
    "вопросы": "Вопросы обращения по классификатору",
    "срок": "Срок рассмотрения (действующий)",
    "новый_срок": "Срок после продления",
    "продление_дней": "На сколько дней продлён срок",
    "орган": "Орган, куда направлено обращение",
    "дата_направления": "Дата направления обращения по компетенции",
    "исх_сопроводительного": "Исходящий номер сопроводительного письма в орган",
    "текст": "Текст письма, введённый при его составлении (ответ, основание, причина)",
    "дата_окончательного_ответа": "Промежуточный ответ: дата окончательного ответа",
    "адрес_сайта": "Адрес страницы сайта, где размещён ответ",
    "дата_решения": "Дата решения о прекращении переписки",
    "приём_дата": "Приглашение: дата приёма",
    "приём_время": "Приглашение: время приёма",
    "приём_место": "Приглашение: место приёма",
    "приложение": "Отметка о приложении («обращение на 2 л. в 1 экз.»)",
    "подписант_должность": "Должность подписывающего письмо",
    "подписант": "Инициалы и фамилия подписывающего («И.И. Иванов»)",
    "исполнитель": "ФИО исполнителя",
    "исполнитель_телефон": "Телефон исполнителя",
    "исполнитель_почта": "Электронная почта исполнителя",
}


@dataclass(frozen=True)
class LetterFacts:
    """Everything a letter says, gathered by the service from the appeal and the settings."""

    kind: LetterKind
    data: LetterInput
    made_on: date
    number: str  # "" in a draft: shown as a gap to be filled at saving
    organisation: str
    organisation_address: str
    organisation_phone: str
    organisation_email: str
    organisation_site: str
    applicant: FullName | None  # a citizen; None: an organisation or anonymous
    applicant_display: str
    applicant_address: str
    applicant_email: str
    reg_number: str
    registered_on: date
    received_on: date
    cover_letter: str
    summary: str
    questions: tuple[str, ...]
    deadline: date
    new_deadline: date | None
    extension_days: int | None
    extension_reason: str
    to_body: str
    forwarded_on: date | None
    forwarding_number: str
    answer_text: str
    signatory: Signatory
    executor: Person

    def applicant_short(self) -> str:
        if self.applicant is None:
            return self.applicant_display
        return f"{self.applicant.last} {self.applicant.initials()}".strip()


def _d(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


DRAFT_NUMBER = "№ ____"  # a draft's number: the series gives the real one at saving


def default_text(f: LetterFacts) -> str:
    """The text box's starting value for the kind."""
    code = f.kind.code
    if code in ("answer", "info_answer"):
        return f.answer_text
    if code in ("extension_notice", "info_delay_notice"):
        return f.extension_reason
    return ""


def default_enclosure(f: LetterFacts) -> str:
    code = f.kind.code
    if code == "cover_letter":
        return f"обращение {f.applicant_short()} от {_d(f.received_on)} (рег. № {f.reg_number}) с приложениями"
    if code == "court_decision":
        return "обращение (подлинник)"
    return ""


def context(f: LetterFacts) -> dict[str, object]:
    """The values of every placeholder for this letter (a text of several paragraphs is a docxtpl
    ``Listing``: a paragraph per line, each with the placeholder's paragraph format)."""
    from docxtpl import Listing

    d = f.data
    text = d.text if d.text is not None else default_text(f)
    enclosure = d.enclosure if d.enclosure is not None else default_enclosure(f)
    to_body = f.kind.to == TO_BODY
    if to_body:
        addressee, address, hello = f.to_body, "", ""
    elif f.applicant is not None:
        addressee = short_dative(f.applicant)
        address, hello = f.applicant_address or f.applicant_email, greeting(f.applicant)
    else:
        addressee, address, hello = f.applicant_display, f.applicant_address or f.applicant_email, ""
    reference = f"На № {f.reg_number} от {_d(f.registered_on)}"
    if f.cover_letter:
        reference += f" (поступило: {f.cover_letter})"
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n") if p.strip()]
    return {
        "организация": f.organisation,
        "организация_адрес": f.organisation_address,
        "организация_телефон": f.organisation_phone,
        "организация_почта": f.organisation_email,
        "организация_сайт": f.organisation_site,
        "исх_номер": f.number or DRAFT_NUMBER,
        "исх_дата": _d(f.made_on),
        "ссылка": reference,
        "адресат": addressee,
        "адресат_адрес": address,
        "приветствие": hello,
        "заявитель": f.applicant.full if f.applicant is not None else f.applicant_display,
        "заявитель_кратко": f.applicant_short(),
        "заявитель_рп": genitive(f.applicant).full if f.applicant is not None else f.applicant_display,
        "заявитель_адрес": f.applicant_address,
        "заявитель_почта": f.applicant_email,
        "рег_номер": f.reg_number,
        "дата_регистрации": _d(f.registered_on),
        "дата_поступления": _d(f.received_on),
        "сопроводительное": f.cover_letter,
        "содержание": f.summary,
        "вопросы": "; ".join(f.questions),
        "срок": _d(f.deadline),
        "новый_срок": _d(f.new_deadline),
        "продление_дней": str(f.extension_days or ""),
        "орган": f.to_body,
        "дата_направления": _d(f.forwarded_on),
        "исх_сопроводительного": f.forwarding_number,
        "текст": Listing("\a".join(paragraphs)),
        "дата_окончательного_ответа": _d(d.final_on),
        "адрес_сайта": d.url or "",
        "дата_решения": _d(d.decision_on),
        "приём_дата": _d(d.reception_on),
        "приём_время": d.reception_at or "",
        "приём_место": d.reception_place or "",
        "приложение": enclosure,
        "подписант_должность": f.signatory.position,
        "подписант": signature_name(f.signatory.name),
        "исполнитель": f.executor.name,
        "исполнитель_телефон": f.executor.phone,
        "исполнитель_почта": f.executor.email,
    }
