"""The rules of 59-FZ, 8-FZ and 547-FZ that are not terms: where each kind of appeal may come from, the
grounds of art. 11 and what each one needs, and the warnings a card shows. Pure functions on plain values;
the terms themselves are ``deadlines.DeadlineEngine``.

Sources (``shared/reference``): 59-FZ art. 7, 10, 11, 13 (the law's text); 547-FZ of 28.12.2024 in force
since 30.03.2025 (``sstu_rro_and_letters.md`` B.0, marked there as read in regulations: electronic appeals
through ЕПГУ, the body's own information system or its site; e-mail appeals not considered; answers to the
e-mail given or to the ЕПГУ cabinet; e-mail for answers in the national domain zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .codes import Channel, Form, Kind, NoAnswerGround, Result, Source

FZ547_IN_FORCE = date(2025, 3, 30)  # 547-FZ of 28.12.2024: electronic appeals only through ЕПГУ, IS, site

MESSAGE_SOURCES = frozenset({Source.FEEDBACK_PLATFORM.value, Source.SOCIAL_MEDIA.value})
ORAL_FORMS = (Form.PERSONAL_RECEPTION.value, Form.VISITING_RECEPTION.value, Form.PHONE.value)
# art. 11 speaks of "письменное обращение"; an appeal in the form of an electronic document is one too
WRITTEN_FORMS = (Form.WRITTEN.value, Form.ELECTRONIC.value)
APPEAL_KINDS = (Kind.PROPOSAL.value, Kind.STATEMENT.value, Kind.COMPLAINT.value)  # 59-FZ art. 4
# the national domain zone of the Russian Federation (.ru, .рф and the .su the same registry keeps);
# [inferred] from the acts quoted in B.0, which say "национальная доменная зона" without a list
NATIONAL_DOMAINS = (".ru", ".рф", ".xn--p1ai", ".su")

Problem = tuple[str, str]  # (field, Russian message)


# -- where an appeal comes from ----------------------------------------------------------------------
def channel_problems(form: str, source: str, kind: str, channel: str | None) -> list[Problem]:
    """Kind, source, form and channel checked against each other.

    - a message (ПОС, social networks) is not a 59-FZ appeal: it comes only from the feedback platform or
      a social network, and a social network brings only messages;
    - what comes through ПОС or a social network is electronic;
    - the channel belongs to an electronic appeal; through ПОС it is ЕПГУ.
    """
    out: list[Problem] = []
    if kind == Kind.MESSAGE and source not in MESSAGE_SOURCES:
        out.append(("source", "Сообщение (не обращение по 59-ФЗ) поступает через платформу обратной связи (ПОС) "
                              "или из социальных сетей: выберите такой источник или другой вид обращения"))
    if source == Source.SOCIAL_MEDIA and kind != Kind.MESSAGE:
        out.append(("kind", "Из социальных сетей (Инцидент Менеджмент) поступают сообщения, а не обращения "
                            "по 59-ФЗ: выберите вид «Сообщение» или другой источник"))
    if source in MESSAGE_SOURCES and form != Form.ELECTRONIC:
        out.append(("form", "Через ПОС и социальные сети поступают только электронные обращения и сообщения: "
                            "выберите форму «В форме электронного документа»"))
    if channel:
        if form != Form.ELECTRONIC:
            out.append(("channel", "Канал поступления указывается только для обращения в форме электронного "
                                   "документа"))
        elif source == Source.FEEDBACK_PLATFORM and channel != Channel.EPGU:
            out.append(("channel", "Через платформу обратной связи (ПОС) обращения поступают по каналу ЕПГУ"))
    return out


def is_national_email(email: str | None) -> bool:
    """Whether an e-mail address is in the Russian national domain zone (547-FZ: answers go only there)."""
    if not email or "@" not in email:
        return False
    domain = email.rsplit("@", 1)[1].strip().lower().rstrip(".")
    return any(domain.endswith(zone) for zone in NATIONAL_DOMAINS)


def electronic_warnings(registered_on: date, form: str, kind: str, channel: str | None,
                        email: str | None) -> list[str]:
    """547-FZ, for electronic 59-FZ appeals registered since 30.03.2025 (8-FZ requests are not concerned)."""
    if form != Form.ELECTRONIC or kind not in APPEAL_KINDS or registered_on < FZ547_IN_FORCE:
        return []
    out = []
    if channel == Channel.EMAIL:
        out.append("С 30.03.2025 обращения, поступившие на электронную почту, не подлежат рассмотрению (547-ФЗ): "
                   "электронные обращения принимаются через ЕПГУ, информационную систему органа или официальный "
                   "сайт. Сообщите заявителю, как подать обращение.")
    if email and not is_national_email(email) and channel != Channel.EPGU:
        out.append(f"Адрес «{email}» не в национальной доменной зоне (.ru, .рф): с 30.03.2025 ответ направляется "
                   "на адрес электронной почты в национальной доменной зоне или в личный кабинет ЕПГУ (547-ФЗ).")
    return out


# -- art. 11 p. 1: who is anonymous ------------------------------------------------------------------
NO_SURNAME, NO_ADDRESS = "no_surname", "no_address"


def anonymity(form: str, channel: str | None, has_surname: bool, postal_address: str | None,
              email: str | None) -> str | None:
    """59-FZ art. 11 p. 1: a written appeal without the surname *or* without the postal (e-mail) address the
    answer is to go to gets no answer. ``no_surname``, ``no_address`` or None. An appeal through ЕПГУ has
    its answer address: the personal cabinet. Oral appeals (a reception, the phone) are not concerned."""
    if form not in WRITTEN_FORMS:
        return None
    if not has_surname:
        return NO_SURNAME
    if (postal_address or "").strip() or (email or "").strip() or channel == Channel.EPGU:
        return None
    return NO_ADDRESS


ANONYMITY_TEXT = {
    NO_SURNAME: "Анонимное обращение: не указана фамилия (ч.1 ст.11 59-ФЗ) — ответ не даётся.",
    NO_ADDRESS: "Не указан почтовый адрес или адрес электронной почты для ответа: по ч.1 ст.11 59-ФЗ ответ на "
                "такое обращение не даётся (при сведениях о противоправном деянии — направляется в "
                "государственный орган по компетенции).",
}


# -- art. 11: the grounds ----------------------------------------------------------------------------
# the part of art. 11 of each ground
GROUND_PARTS = {
    NoAnswerGround.ANONYMOUS.value: "ч.1 ст.11",
    NoAnswerGround.COURT_DECISION.value: "ч.2 ст.11",
    NoAnswerGround.OBSCENE.value: "ч.3 ст.11",
    NoAnswerGround.UNREADABLE.value: "ч.4 ст.11",
    NoAnswerGround.UNCLEAR.value: "ч.4.1 ст.11",
    NoAnswerGround.CORRESPONDENCE_TERMINATED.value: "ч.5 ст.11",
    NoAnswerGround.PUBLISHED_ON_SITE.value: "ч.5.1 ст.11",
    NoAnswerGround.SECRET.value: "ч.6 ст.11",
}
# grounds whose return or notice is due within 7 days of registration
SEVEN_DAY_GROUNDS = frozenset({
    NoAnswerGround.COURT_DECISION.value, NoAnswerGround.UNREADABLE.value, NoAnswerGround.UNCLEAR.value,
    NoAnswerGround.PUBLISHED_ON_SITE.value,
})
# "неоднократно давались письменные ответы по существу": more than once
TERMINATION_MIN_ANSWERS = 2


def ground_result(ground: str, forwarded: bool = False) -> str:
    """The result a question gets under an art. 11 ground.

    p. 2: the appeal is *returned* with an explanation of how to challenge the decision; p. 5.1: the
    applicant is told where the answer is published and p. 6: that an answer on the merits is impossible —
    both an answer without an assessment; p. 1 with information about a crime: forwarded to the state body
    competent; every other ground: left without an answer."""
    if ground == NoAnswerGround.COURT_DECISION:
        return Result.RETURNED.value
    if ground in (NoAnswerGround.PUBLISHED_ON_SITE, NoAnswerGround.SECRET):
        return Result.ANSWERED.value
    if ground == NoAnswerGround.ANONYMOUS and forwarded:
        return Result.FORWARDED.value
    return Result.LEFT_WITHOUT_ANSWER.value


@dataclass(frozen=True)
class NoAnswerFacts:
    """What the rules of art. 11 look at when an appeal is closed on one of its grounds."""

    ground: str
    form: str
    anonymity: str | None  # ``anonymity()`` of the appeal
    registered_on: date
    answer_on: date  # the date of the notice (return) to the applicant
    crime_report: bool = False  # p. 1: the text reports an unlawful act being prepared, done or completed
    forwarded: bool = False  # a forwarding to a (state) body is recorded
    earlier_merit_answers: int = 0  # earlier appeals of the applicant on the same question answered on the merits
    decision_by: bool = False  # p. 5: an official (the head or one authorised) took the decision
    decision_on: date | None = None
    published_url: str | None = None  # p. 5.1: the page of the official site with the answer


def no_answer_problems(f: NoAnswerFacts) -> list[Problem]:
    """Why the ground ``f.ground`` does not apply to the appeal (empty: it applies)."""
    out: list[Problem] = []
    g = f.ground
    if g in (NoAnswerGround.ANONYMOUS, NoAnswerGround.UNREADABLE, NoAnswerGround.UNCLEAR,
             NoAnswerGround.CORRESPONDENCE_TERMINATED, NoAnswerGround.PUBLISHED_ON_SITE,
             NoAnswerGround.OBSCENE) and f.form not in WRITTEN_FORMS:
        out.append(("no_answer_ground", f"Основание {GROUND_PARTS[g]} 59-ФЗ относится к письменным обращениям"))
    if g == NoAnswerGround.ANONYMOUS:
        if f.anonymity is None:
            out.append(("no_answer_ground", "Обращение не анонимное: указаны фамилия и адрес для ответа (ч.1 ст.11 "
                                            "59-ФЗ). Ответ даётся по существу."))
        elif f.crime_report and not f.forwarded:
            out.append(("no_answer_ground", "В обращении есть сведения о противоправном деянии: по ч.1 ст.11 59-ФЗ "
                                            "оно направляется в государственный орган по компетенции. Оформите "
                                            "переадресацию."))
    if g == NoAnswerGround.CORRESPONDENCE_TERMINATED:
        if f.earlier_merit_answers < TERMINATION_MIN_ANSWERS:
            found = f"найдено ответов: {f.earlier_merit_answers}"
            out.append(("no_answer_ground", "Переписку можно прекратить, только если заявителю по этому вопросу "
                                            "неоднократно давались письменные ответы по существу (ч.5 ст.11 "
                                            f"59-ФЗ); {found}."))
        if not f.decision_by:
            out.append(("decision_by_id", "Укажите руководителя (уполномоченное лицо), принявшего решение о "
                                          "прекращении переписки"))
        if f.decision_on is None:
            out.append(("decision_on", "Укажите дату решения о прекращении переписки"))
        elif f.decision_on < f.registered_on:
            out.append(("decision_on", "Решение о прекращении переписки не может быть раньше регистрации обращения"))
        elif f.decision_on > f.answer_on:
            out.append(("decision_on", "Уведомление о прекращении переписки не может быть раньше решения"))
    if g == NoAnswerGround.PUBLISHED_ON_SITE:
        url = (f.published_url or "").strip().lower()
        if not url.startswith(("http://", "https://")) or "." not in url:
            out.append(("published_url", "Укажите адрес страницы официального сайта, где размещён ответ "
                                         "(ч.5.1 ст.11 59-ФЗ), например https://…"))
    return out


def notice_late(ground: str | None, answer_on: date | None, term: date) -> str | None:
    """The warning of a return or notice sent after the 7 days of art. 11 (``term``: the last day)."""
    if not ground or ground not in SEVEN_DAY_GROUNDS or answer_on is None or answer_on <= term:
        return None
    what = "Возвращено заявителю" if ground == NoAnswerGround.COURT_DECISION else "Сообщение заявителю направлено"
    return (f"{what} {answer_on:%d.%m.%Y}, позже 7 дней со дня регистрации (срок {term:%d.%m.%Y}, "
            f"{GROUND_PARTS[ground]} 59-ФЗ).")


def squeezed_text(days_lost: int, days: int, legal: date, registered_on: date) -> str | None:
    """The card's words when days off take a part of the consideration term."""
    if days_lost <= 0:
        return None
    given = (legal - registered_on).days
    return (f"Срок рассмотрения сокращён нерабочими днями: {given} дн. вместо {days} (последний день срока — "
            f"нерабочий, срок перенесён на предшествующий рабочий день {legal:%d.%m.%Y}).")
