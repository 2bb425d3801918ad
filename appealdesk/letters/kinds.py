"""The kinds of outgoing letters of an appeals office, with what each one needs, whom it is addressed to,
the term that guards it and what it records. Pure rules (no storage).

The terms (shared/reference/sstu_rro_and_letters.md, part B): the notice of forwarding and the cover letter
within 7 days of registration (ч. 3 ст. 8 59-ФЗ); the notice of extension before the deadline it extends
(ч. 2 ст. 12); the art. 11 notices that have one, 7 days (ч. 2, 4, 4.1 ст. 11; an answer already published:
ч. 4 ст. 10); the 8-ФЗ delay notice 7 days; an answer within the deadline in force.
"""

from __future__ import annotations

from dataclasses import dataclass

# what the term of a letter runs to
TERM_NONE = "none"
TERM_SEVEN_DAYS = "seven_days"  # 7 days from registration (moved off days off as the office's rule says)
TERM_DEADLINE = "deadline"  # the deadline in force
TERM_EXTENSION = "extension"  # the deadline before the extension

# whom the letter goes to
TO_APPLICANT = "applicant"
TO_BODY = "body"  # the competent body the appeal is forwarded to

# what the letter needs from the appeal (or from the person making it)
NEEDS_FORWARDING = "forwarding"
NEEDS_EXTENSION = "extension"
NEEDS_FINAL_DATE = "final_on"
NEEDS_URL = "url"
NEEDS_DECISION = "decision_on"
NEEDS_RECEPTION = "reception"
NEEDS_INFO_REQUEST = "info_request"  # 8-ФЗ letters: only for an information request


@dataclass(frozen=True)
class LetterKind:
    code: str
    title: str  # as the lists show it
    heading: str  # the heading of the default template (заголовок к тексту)
    basis: str  # the law
    term: str = TERM_NONE
    to: str = TO_APPLICANT
    needs: tuple[str, ...] = ()
    notice: bool = False  # a notice whose date the program records (the today panel, the discipline)
    answers: bool = False  # the letter is the answer: its number becomes the appeal's answer number
    text_hint: str = ""  # what the dialog asks for in the text box


KINDS: tuple[LetterKind, ...] = (
    LetterKind("answer", "Ответ заявителю", "О рассмотрении обращения", "ст. 10, ч. 1 ст. 12 59-ФЗ",
               TERM_DEADLINE, answers=True,
               text_hint="Ответ по существу каждого поставленного вопроса; принятые меры; разъяснения."),
    LetterKind("interim_answer", "Промежуточный ответ", "О ходе рассмотрения обращения", "ст. 10 59-ФЗ",
               TERM_DEADLINE, needs=(NEEDS_FINAL_DATE,),
               text_hint="Что уже сделано и что ещё предстоит."),
    LetterKind("forwarding_notice", "Уведомление о переадресации", "О направлении обращения по компетенции",
               "ч. 3 ст. 8 59-ФЗ", TERM_SEVEN_DAYS, needs=(NEEDS_FORWARDING,), notice=True,
               text_hint="Почему вопросы относятся к компетенции другого органа (необязательно)."),
    LetterKind("cover_letter", "Сопроводительное письмо в компетентный орган", "О направлении обращения",
               "ч. 3 ст. 8 59-ФЗ", TERM_SEVEN_DAYS, to=TO_BODY, needs=(NEEDS_FORWARDING,),
               text_hint="Дополнительно к стандартному тексту (необязательно)."),
    LetterKind("extension_notice", "Уведомление о продлении срока", "О продлении срока рассмотрения обращения",
               "ч. 2 ст. 12 59-ФЗ", TERM_EXTENSION, needs=(NEEDS_EXTENSION,), notice=True,
               text_hint="Основание продления (по умолчанию — из записи о продлении)."),
    LetterKind("court_decision", "Возврат: обжалуется судебное решение", "О возврате обращения",
               "ч. 2 ст. 11 59-ФЗ", TERM_SEVEN_DAYS, notice=True,
               text_hint="Какое судебное решение обжалуется (необязательно)."),
    LetterKind("abusive_language", "Уведомление: недопустимость злоупотребления правом",
               "Об оставлении обращения без ответа по существу", "ч. 3 ст. 11 59-ФЗ", TERM_DEADLINE, notice=True),
    LetterKind("unreadable", "Уведомление: текст не поддаётся прочтению", "Об оставлении обращения без ответа",
               "ч. 4 ст. 11 59-ФЗ", TERM_SEVEN_DAYS, notice=True),
    LetterKind("unclear", "Уведомление: суть обращения неясна", "Об оставлении обращения без ответа",
               "ч. 4.1 ст. 11 59-ФЗ", TERM_SEVEN_DAYS, notice=True),
    LetterKind("correspondence_end", "Уведомление о прекращении переписки", "О прекращении переписки",
               "ч. 5 ст. 11 59-ФЗ", TERM_DEADLINE, needs=(NEEDS_DECISION,), notice=True,
               text_hint="Даты и номера прежних ответов по существу."),
    LetterKind("already_published", "Уведомление: ответ размещён на сайте", "О рассмотрении обращения",
               "ч. 4 ст. 10 59-ФЗ", TERM_SEVEN_DAYS, needs=(NEEDS_URL,), notice=True),
    LetterKind("info_answer", "Ответ на запрос информации (8-ФЗ)", "Ответ на запрос информации",
               "ст. 18-20 Федерального закона от 09.02.2009 № 8-ФЗ", TERM_DEADLINE,
               needs=(NEEDS_INFO_REQUEST,), answers=True, text_hint="Запрошенная информация."),
    LetterKind("info_delay_notice", "Уведомление об отсрочке ответа на запрос (8-ФЗ)",
               "Об отсрочке ответа на запрос информации", "Федеральный закон от 09.02.2009 № 8-ФЗ",
               TERM_SEVEN_DAYS, needs=(NEEDS_INFO_REQUEST, NEEDS_EXTENSION), notice=True,
               text_hint="Причина отсрочки (по умолчанию — из записи о продлении)."),
    LetterKind("reception_invitation", "Приглашение на личный приём", "О приглашении на личный приём",
               "ст. 13 59-ФЗ", needs=(NEEDS_RECEPTION,), text_hint="Что взять с собой (необязательно)."),
)

BY_CODE: dict[str, LetterKind] = {k.code: k for k in KINDS}
CODES: tuple[str, ...] = tuple(BY_CODE)

# the art. 11 ground of the card and the letter that tells the applicant of it
GROUND_LETTERS = {
    "court_decision": "court_decision",
    "obscene": "abusive_language",
    "unreadable": "unreadable",
    "unclear": "unclear",
    "correspondence_terminated": "correspondence_end",
}


def kind(code: str) -> LetterKind:
    from ..errors import DomainError

    try:
        return BY_CODE[code]
    except KeyError:
        raise DomainError(
            f"Неизвестный вид письма «{code}». Допустимо: {', '.join(CODES)}"
        ) from None
