"""The rules of 59-FZ, 8-FZ and 547-FZ that are not plain terms, each worked out by hand from the law's text.

Every expected value is read off the law (quoted in the test's docstring) and the 2026 production calendar
(decree № 1466 of 24.09.2025: 31.12.2026 a day off; 01-08.01.2027 the New Year holidays, 09-10.01 the
weekend), never by calling the code under test.
"""

from __future__ import annotations

from datetime import date

import pytest

from appealdesk.domain.codes import DeadlineState
from appealdesk.domain.deadlines import DeadlineEngine, DeadlineRules, DeadlineWindow
from appealdesk.domain.law import (
    NO_ADDRESS,
    NO_SURNAME,
    NoAnswerFacts,
    anonymity,
    channel_problems,
    electronic_warnings,
    ground_result,
    is_national_email,
    no_answer_problems,
    notice_late,
    squeezed_text,
)

D = date.fromisoformat


# -- messages and appeals: where each may come from -------------------------------------------------------
@pytest.mark.parametrize(
    ("form", "source", "kind", "channel", "fields"),
    [
        # a ПОС message, a social-network message: as they should be
        ("electronic", "feedback_platform", "message", None, []),
        ("electronic", "social_media", "message", None, []),
        # «a message from direct»: a message is not a 59-FZ appeal, it comes through ПОС or a social network
        ("electronic", "direct", "message", None, ["source"]),
        ("written", "region", "message", None, ["source", ]),
        # «a 59-FZ statement from social_media»: social networks bring messages only
        ("electronic", "social_media", "statement", None, ["kind"]),
        # ПОС brings 59-FZ appeals too (through the ЕПГУ form), electronically, by the ЕПГУ channel
        ("electronic", "feedback_platform", "complaint", "epgu", []),
        ("electronic", "feedback_platform", "complaint", "site", ["channel"]),
        ("written", "feedback_platform", "statement", None, ["form"]),
        # the channel belongs to an electronic appeal
        ("written", "direct", "statement", "email", ["channel"]),
        ("electronic", "direct", "statement", "site", []),
        ("phone", "direct", "proposal", None, []),
    ],
)
def test_kind_source_form_and_channel_checked_against_each_other(form, source, kind, channel, fields):
    assert [f for f, _ in channel_problems(form, source, kind, channel)] == fields


@pytest.mark.parametrize(
    ("email", "national"),
    [("ivanov@mail.ru", True), ("adm@поселение.рф", True), ("adm@xn--e1afmkfd.xn--p1ai", True),
     ("old@host.su", True), ("IVANOV@YANDEX.RU", True), ("ivanov@gmail.com", False), ("a@b.ru.com", False),
     ("no-at-sign.ru", False), ("", False), (None, False)],
)
def test_the_national_domain_zone(email, national):
    assert is_national_email(email) is national


def test_547_fz_warnings_only_for_electronic_59_fz_appeals_since_30_03_2025():
    """547-FZ of 28.12.2024, in force from 30.03.2025: e-mail appeals are not considered; the answer goes to
    an e-mail in the national domain zone or to the ЕПГУ cabinet."""
    by_mail = electronic_warnings(D("2025-03-30"), "electronic", "statement", "email", "ivanov@mail.ru")
    assert len(by_mail) == 1 and "не подлежат рассмотрению" in by_mail[0]
    assert electronic_warnings(D("2025-03-29"), "electronic", "statement", "email", "ivanov@gmail.com") == []
    foreign = electronic_warnings(D("2026-02-01"), "electronic", "complaint", "site", "ivanov@gmail.com")
    assert len(foreign) == 1 and "национальной доменной зоне" in foreign[0]
    # through ЕПГУ the answer goes to the personal cabinet: the e-mail's zone does not matter
    assert electronic_warnings(D("2026-02-01"), "electronic", "complaint", "epgu", "ivanov@gmail.com") == []
    # an 8-FZ information request is not a 59-FZ appeal; a written appeal is not concerned
    assert electronic_warnings(D("2026-02-01"), "electronic", "info_request", "email", "x@gmail.com") == []
    assert electronic_warnings(D("2026-02-01"), "written", "statement", None, "x@gmail.com") == []


# -- art. 11 p. 1: "не указаны фамилия ... или почтовый адрес (адрес электронной почты)" -------------------
@pytest.mark.parametrize(
    ("form", "channel", "surname", "address", "email", "expected"),
    [
        ("written", None, False, "ул. Мира, 1", None, NO_SURNAME),
        ("written", None, True, None, None, NO_ADDRESS),  # a surname but no address: anonymous too
        ("written", None, True, "ул. Мира, 1", None, None),
        ("electronic", "site", True, None, "ivanov@mail.ru", None),  # the e-mail is the address for an answer
        ("electronic", "epgu", True, None, None, None),  # the ЕПГУ cabinet is where the answer goes
        ("electronic", "site", True, "  ", "", NO_ADDRESS),
        ("personal_reception", None, True, None, None, None),  # art. 13: the visitor is there
        ("phone", None, False, None, None, None),
    ],
)
def test_anonymity_is_no_surname_or_no_address(form, channel, surname, address, email, expected):
    assert anonymity(form, channel, surname, address, email) == expected


# -- art. 11: the result of each ground -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ground", "forwarded", "result"),
    [
        ("court_decision", False, "returned"),  # p. 2: «возвращается гражданину ... с разъяснением»
        ("published_on_site", False, "answered"),  # p. 5.1: the site's address is told: an answer
        ("secret", False, "answered"),  # p. 6: «сообщается о невозможности дать ответ по существу»
        ("anonymous", False, "left_without_answer"),  # p. 1: «ответ на обращение не дается»
        ("anonymous", True, "forwarded"),  # p. 1: with a crime reported: «подлежит направлению»
        ("obscene", False, "left_without_answer"),
        ("unreadable", False, "left_without_answer"),
        ("unclear", False, "left_without_answer"),
        ("correspondence_terminated", False, "left_without_answer"),
    ],
)
def test_the_result_of_each_ground(ground, forwarded, result):
    assert ground_result(ground, forwarded) == result


def facts(ground, **kw):
    base = dict(ground=ground, form="written", anonymity=None, registered_on=D("2026-03-02"),
                answer_on=D("2026-03-05"))
    base.update(kw)
    return NoAnswerFacts(**base)


def fields_of(problems):
    return [f for f, _ in problems]


def test_anonymous_needs_an_anonymous_appeal():
    """«Anonymous» was accepted on an appeal with a surname and an address."""
    assert fields_of(no_answer_problems(facts("anonymous"))) == ["no_answer_ground"]
    assert no_answer_problems(facts("anonymous", anonymity=NO_SURNAME)) == []
    assert no_answer_problems(facts("anonymous", anonymity=NO_ADDRESS)) == []


def test_an_anonymous_report_of_a_crime_is_forwarded_to_the_state_body():
    """Art. 11 p. 1: «Если в указанном обращении содержатся сведения о ... противоправном деянии ...,
    обращение подлежит направлению в государственный орган в соответствии с его компетенцией»."""
    refused = no_answer_problems(facts("anonymous", anonymity=NO_SURNAME, crime_report=True))
    assert len(refused) == 1 and "переадресацию" in refused[0][1]
    assert no_answer_problems(facts("anonymous", anonymity=NO_SURNAME, crime_report=True, forwarded=True)) == []


def test_end_of_correspondence_needs_repeated_answers_the_decision_and_its_date():
    """Art. 11 p. 5: «вопрос, на который ему неоднократно давались письменные ответы по существу ...
    руководитель ... вправе принять решение ... О данном решении уведомляется гражданин»."""
    first = no_answer_problems(facts("correspondence_terminated"))
    assert fields_of(first) == ["no_answer_ground", "decision_by_id", "decision_on"]
    assert "найдено ответов: 0" in first[0][1]
    once = no_answer_problems(facts("correspondence_terminated", earlier_merit_answers=1, decision_by=True,
                                    decision_on=D("2026-03-04")))
    assert fields_of(once) == ["no_answer_ground"]  # «неоднократно»: once is not enough
    ok = facts("correspondence_terminated", earlier_merit_answers=2, decision_by=True, decision_on=D("2026-03-04"))
    assert no_answer_problems(ok) == []
    early = facts("correspondence_terminated", earlier_merit_answers=3, decision_by=True,
                  decision_on=D("2026-03-01"))
    assert fields_of(no_answer_problems(early)) == ["decision_on"]
    notice_before = facts("correspondence_terminated", earlier_merit_answers=3, decision_by=True,
                          decision_on=D("2026-03-06"))
    assert fields_of(no_answer_problems(notice_before)) == ["decision_on"]


def test_published_on_site_needs_the_address_of_the_page():
    """Art. 11 p. 5.1: «сообщается электронный адрес официального сайта ..., на котором размещен ответ»."""
    assert fields_of(no_answer_problems(facts("published_on_site"))) == ["published_url"]
    assert fields_of(no_answer_problems(facts("published_on_site", published_url="сайт поселения"))) == [
        "published_url"]
    assert no_answer_problems(facts("published_on_site", published_url="https://berezovka.ru/otvety/12")) == []


def test_grounds_of_written_appeals_do_not_apply_to_oral_ones():
    assert fields_of(no_answer_problems(facts("unreadable", form="phone"))) == ["no_answer_ground"]
    assert no_answer_problems(facts("secret", form="personal_reception")) == []


def test_the_seven_days_of_the_return_and_the_notices(engine_prev):
    """Art. 11 p. 2, 4, 4.1, 5.1: «в течение семи дней со дня регистрации». Registered Mon 02.03.2026:
    +7 = Mon 09.03.2026, a day off (8 March fell on a Sunday) -> the preceding working day, Fri 06.03."""
    term = engine_prev.seven_day_notice(D("2026-03-02"))
    assert term == D("2026-03-06")
    assert notice_late("court_decision", D("2026-03-06"), term) is None
    late = notice_late("court_decision", D("2026-03-10"), term)
    assert late.startswith("Возвращено заявителю 10.03.2026, позже 7 дней") and "ч.2 ст.11" in late
    assert "ч.4.1 ст.11" in notice_late("unclear", D("2026-03-12"), term)
    assert notice_late("obscene", D("2026-04-30"), term) is None  # p. 3 names no term
    assert notice_late(None, D("2026-04-30"), term) is None


# -- other terms -------------------------------------------------------------------------------------------
def test_documents_asked_by_another_body_within_15_days(engine_prev):
    """Art. 10 p. 2: «в течение 15 дней». Received Wed 01.04.2026: +15 = Thu 16.04.2026."""
    assert engine_prev.document_request_deadline(D("2026-04-01")) == D("2026-04-16")
    # received Fri 24.04.2026: +15 = Sat 09.05 (Victory Day on a Saturday); 11.05 is its day off;
    # the preceding working day is Fri 08.05
    assert engine_prev.document_request_deadline(D("2026-04-24")) == D("2026-05-08")


def test_the_8_fz_delay_notice_within_7_days(engine_prev):
    """8-FZ art. 18: «в течение семи дней со дня регистрации запроса пользователь информацией уведомляется
    об отсрочке ответа». Registered Tue 10.11.2026: +7 = Tue 17.11.2026."""
    assert engine_prev.info_delay_notice_deadline(D("2026-11-10")) == D("2026-11-17")


def test_reception_day_invitation_within_7_working_days(engine_prev):
    """The reception day 14.12.2026 (12.12 is a Saturday): 7 working days after it end on Wed 23.12.2026."""
    assert engine_prev.reception_invite_deadline(D("2026-12-14")) == D("2026-12-23")


@pytest.mark.parametrize(
    ("registered", "legal", "lost"),
    [
        ("2026-11-30", "2026-12-30", 0),  # +30 = Wed 30.12: the whole term
        ("2026-12-01", "2026-12-30", 0),  # +30 = Thu 31.12 (a day off by the decree): one day, as a weekend
        ("2026-12-04", "2026-12-30", 4),  # +30 = 03.01.2027 in the holidays: 26 days of 30
        ("2026-12-11", "2026-12-30", 11),  # +30 = 10.01.2027: 19 days of 30 (the example)
        ("2026-12-12", "2027-01-11", 0),  # +30 = Mon 11.01.2027, a working day
        ("2026-06-06", "2026-07-06", 0),  # +30 = Mon 06.07: no shift at all
    ],
)
def test_a_holiday_squeezing_the_term_is_told(engine_prev, registered, legal, lost):
    assert engine_prev.legal_deadline(D(registered), "statement") == D(legal)
    assert engine_prev.squeezed_days(D(registered), "statement", D(legal)) == lost
    text = squeezed_text(lost, 30, D(legal), D(registered))
    if lost:
        assert text.startswith(f"Срок рассмотрения сокращён нерабочими днями: {30 - lost} дн. вместо 30")
    else:
        assert text is None


def test_the_message_term_is_the_offices_setting(calendar):
    """24 hours is a regional rule: 48 hours give two days, round the clock (not moved off days off)."""
    engine = DeadlineEngine(calendar, DeadlineRules(message_hours=48))
    assert engine.legal_deadline(D("2026-12-11"), "message", D("2026-12-11")) == D("2026-12-13")
    with pytest.raises(ValueError):
        DeadlineRules(message_hours=0)


# -- the deadline window: one definition -------------------------------------------------------------------
def test_the_deadline_window():
    """Seen from Fri 04.12.2026 with 3 working days of "due soon": up to Wed 09.12.2026."""
    w = DeadlineWindow(D("2026-12-04"), D("2026-12-09"))
    assert w.urgency(D("2026-12-03")) == "overdue"
    assert w.urgency(D("2026-12-04")) == "due_today"
    assert w.urgency(D("2026-12-09")) == "due_soon"
    assert w.urgency(D("2026-12-10")) == ""
    assert w.state(D("2026-12-10"), closed=False, extended=True) == DeadlineState.EXTENDED
    assert w.state(D("2026-12-08"), closed=False, extended=True) == DeadlineState.DUE_SOON
    assert w.state(D("2026-12-01"), closed=True, extended=False) == DeadlineState.CLOSED
    assert w.state(D("2026-12-10"), closed=False, extended=False) == DeadlineState.IN_PROGRESS


def test_the_engine_window_is_the_window(engine_prev):
    w = engine_prev.window(D("2026-12-04"))
    assert w == DeadlineWindow(D("2026-12-04"), D("2026-12-09"))
