"""The law enforced by the service layer: messages apart, art. 11 checked, every answer kept, the other
terms. Each expected value is worked out by hand from the law's text and the 2026 calendar; today is
Fri 20.11.2026 unless a test says otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from appealdesk.control.values import DocumentRequestInput
from appealdesk.errors import PermissionDenied, ValidationError
from appealdesk.services import AppealDesk
from appealdesk.services.users import UserInput
from appealdesk.services.values import (
    AnswerInput,
    ApplicantInput,
    ExtensionInput,
    ForwardingInput,
    InterimAnswerInput,
)

from .helpers import HEAT, appeal, executor

D = date.fromisoformat


def fields(exc) -> set[str]:
    return {e.field for e in exc.value.errors}


def answer(desk, card, on, result=None, **kw):
    results = {q.id: result for q in card.questions} if result else {}
    return desk.appeals.answer(card.id, AnswerInput(answer_on=on, results=results, **kw))


@pytest.fixture
def desk_on(db_location):
    """``desk_on(day)``: a desk whose "today" is ``day`` (closed at the end)."""
    opened = []

    def make(day: date) -> AppealDesk:
        d = AppealDesk.open(db_location, today=lambda: day)
        opened.append(d)
        return d

    yield make
    for d in opened:
        d.close()


# -- messages and appeals -------------------------------------------------------------------------------
def test_a_message_from_direct_and_a_statement_from_social_media_are_refused(desk):
    with pytest.raises(ValidationError) as err:
        desk.appeals.register(appeal(kind="message", form="electronic"))
    assert fields(err) == {"source"}
    with pytest.raises(ValidationError) as err:
        desk.appeals.register(appeal(kind="statement", form="electronic", source="social_media"))
    assert fields(err) == {"kind"}
    message = desk.appeals.register(appeal(kind="message", form="electronic", source="social_media"))
    assert message.reg_number.endswith("-С/26")


def test_the_message_term_comes_from_the_settings(desk):
    desk.settings.save(replace(desk.settings.get(), message_hours=48))
    card = desk.appeals.register(appeal(registered_on=D("2026-11-19"), received_on=D("2026-11-19"),
                                        kind="message", form="electronic", source="feedback_platform"))
    assert card.legal_deadline == D("2026-11-21")  # 48 hours round the clock
    with pytest.raises(ValidationError) as err:
        desk.settings.save(replace(desk.settings.get(), message_hours=0))
    assert fields(err) == {"message_hours"}


# -- art. 11 p. 1 ---------------------------------------------------------------------------------------
def test_anonymous_means_no_surname_or_no_address(desk):
    full = desk.appeals.register(appeal())
    assert full.anonymity is None and not full.is_anonymous
    with pytest.raises(ValidationError) as err:
        answer(desk, full, D("2026-11-20"), no_answer_ground="anonymous")
    assert fields(err) == {"no_answer_ground"}

    no_address = desk.appeals.register(appeal(applicant=ApplicantInput(last_name="Смирнов", first_name="Олег")))
    assert no_address.anonymity == "no_address" and no_address.is_anonymous
    assert any("Не указан почтовый адрес" in w for w in no_address.warnings)
    closed = answer(desk, no_address, D("2026-11-20"), no_answer_ground="anonymous")
    assert closed.status == "closed" and {q.result for q in closed.questions} == {"left_without_answer"}

    nobody = desk.appeals.register(appeal(last_name=None))
    assert nobody.anonymity == "no_surname"
    assert answer(desk, nobody, D("2026-11-20"), no_answer_ground="anonymous").status == "closed"


def test_an_anonymous_crime_report_goes_to_the_state_body(desk):
    card = desk.appeals.register(appeal(registered_on=D("2026-11-16"), last_name=None, crime_report=True,
                                        summary="Сообщаю о незаконной вырубке леса у д. Малиновка"))
    assert any("направляется в государственный орган" in w for w in card.warnings)
    with pytest.raises(ValidationError) as err:
        answer(desk, card, D("2026-11-20"), no_answer_ground="anonymous")
    assert "переадресацию" in str(err.value)
    forwarded = desk.appeals.forward(card.id, ForwardingInput("Отдел МВД России по району", D("2026-11-20")))
    assert forwarded.status == "closed" and {q.result for q in forwarded.questions} == {"forwarded"}


def test_left_without_answer_needs_a_ground(desk):
    card = desk.appeals.register(appeal())
    with pytest.raises(ValidationError) as err:
        answer(desk, card, D("2026-11-20"), "left_without_answer")
    assert fields(err) == {"no_answer_ground"}


# -- art. 11 p. 2: returned within 7 days ---------------------------------------------------------------
def test_a_court_decision_is_returned_and_the_seven_days_are_watched(desk):
    """Registered Mon 02.11.2026: +7 = Mon 09.11.2026, a working day: the last day of the return."""
    card = desk.appeals.register(appeal(registered_on=D("2026-11-02")))
    in_time = answer(desk, card, D("2026-11-09"), no_answer_ground="court_decision", text="Разъяснён порядок обжалования")
    assert {q.result for q in in_time.questions} == {"returned"}
    assert not any("позже 7 дней" in w for w in in_time.warnings)
    late = desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Орлов"))
    late = answer(desk, late, D("2026-11-10"), no_answer_ground="court_decision")
    assert any(w.startswith("Возвращено заявителю 10.11.2026, позже 7 дней") for w in late.warnings)


# -- art. 11 p. 5: the end of correspondence ------------------------------------------------------------
def test_end_of_correspondence_needs_two_earlier_answers_on_the_merits_and_the_heads_decision(desk):
    head = executor(desk, "Соколов Андрей Викторович")
    first = desk.appeals.register(appeal(registered_on=D("2026-03-02")))
    with pytest.raises(ValidationError) as err:  # a first appeal: nothing was ever answered
        answer(desk, first, D("2026-03-10"), no_answer_ground="correspondence_terminated",
               decision_by_id=head.id, decision_on=D("2026-03-05"))
    assert "найдено ответов: 0" in str(err.value)
    answer(desk, first, D("2026-03-20"), "explained")
    second = desk.appeals.register(appeal(registered_on=D("2026-05-04"), applicant_id=first.applicant.id))
    answer(desk, second, D("2026-05-15"), "not_supported")
    other_question = desk.appeals.register(appeal(registered_on=D("2026-06-01"), applicant_id=first.applicant.id,
                                                  codes=("0003.0009.0097.0690",)))
    answer(desk, other_question, D("2026-06-10"), "explained")
    third = desk.appeals.register(appeal(registered_on=D("2026-11-02"), applicant_id=first.applicant.id))
    with pytest.raises(ValidationError) as err:  # the decision and its date are required
        answer(desk, third, D("2026-11-10"), no_answer_ground="correspondence_terminated")
    assert fields(err) == {"decision_by_id", "decision_on"}
    closed = answer(desk, third, D("2026-11-10"), no_answer_ground="correspondence_terminated",
                    decision_by_id=head.id, decision_on=D("2026-11-06"), text="Переписка прекращена")
    assert closed.status == "closed" and closed.decision_by == "Соколов Андрей Викторович"
    assert closed.decision_on == D("2026-11-06")
    assert {q.result for q in closed.questions} == {"left_without_answer"}


def test_only_the_head_ends_a_correspondence(desk):
    """A clerk records answers, not the head's decision (the role table: resolutions are the head's)."""
    head = executor(desk, "Соколов Андрей Викторович")
    first = desk.appeals.register(appeal(registered_on=D("2026-03-02")))
    answer(desk, first, D("2026-03-20"), "explained")
    second = desk.appeals.register(appeal(registered_on=D("2026-05-04"), applicant_id=first.applicant.id))
    answer(desk, second, D("2026-05-15"), "explained")
    third = desk.appeals.register(appeal(registered_on=D("2026-11-02"), applicant_id=first.applicant.id))
    desk.users.set_password("admin", "пароль-админа")
    desk.users.add(UserInput("clerk", "Иванова Мария Петровна", "clerk", password="пароль-специалиста"))
    desk.sign_in("clerk", "пароль-специалиста")
    with pytest.raises(PermissionDenied, match="резолюции"):
        answer(desk, third, D("2026-11-10"), no_answer_ground="correspondence_terminated",
               decision_by_id=head.id, decision_on=D("2026-11-06"))


# -- art. 11 p. 5.1 and p. 6 ----------------------------------------------------------------------------
def test_the_answer_published_on_the_site_and_a_secret(desk):
    card = desk.appeals.register(appeal(registered_on=D("2026-11-16")))
    with pytest.raises(ValidationError) as err:
        answer(desk, card, D("2026-11-18"), no_answer_ground="published_on_site")
    assert fields(err) == {"published_url"}
    done = answer(desk, card, D("2026-11-18"), no_answer_ground="published_on_site",
                  published_url="https://berezovka.ru/obrashcheniya/otvety/12")
    assert {q.result for q in done.questions} == {"answered"}
    assert done.published_url == "https://berezovka.ru/obrashcheniya/otvety/12"
    secret = desk.appeals.register(appeal(registered_on=D("2026-11-16"), last_name="Зуев"))
    assert {q.result for q in answer(desk, secret, D("2026-11-18"), no_answer_ground="secret").questions} == {
        "answered"}


# -- every answer kept ------------------------------------------------------------------------------------
def test_an_interim_answer_stays_on_control_until_the_final_one(desk):
    card = desk.appeals.register(appeal(registered_on=D("2026-11-02")))  # deadline Wed 02.12.2026
    with pytest.raises(ValidationError) as err:  # a final answer after the deadline needs an extension first
        desk.appeals.interim_answer(card.id, InterimAnswerInput(D("2026-11-10"), D("2026-12-15"), "Направлен запрос"))
    assert fields(err) == {"final_due"}
    interim = desk.appeals.interim_answer(card.id, InterimAnswerInput(
        D("2026-11-10"), D("2026-11-30"), "Направлен запрос в теплоснабжающую организацию", number="01-12/40",
        method="post"))
    assert interim.status == "in_progress" and interim.on_control
    assert [(a.kind, a.answer_on, a.number, a.final_due) for a in interim.answers] == [
        ("interim", D("2026-11-10"), "01-12/40", D("2026-11-30"))]
    final = answer(desk, interim, D("2026-11-20"), "measures_taken", answer_number="01-12/55", method="post",
                   text="Подача тепла восстановлена")
    assert final.status == "closed"
    assert [(a.kind, a.number, a.text) for a in final.answers] == [
        ("interim", "01-12/40", "Направлен запрос в теплоснабжающую организацию"),
        ("final", "01-12/55", "Подача тепла восстановлена"),
    ]


def test_the_confirmation_call_before_closing_measures_taken(desk):
    desk.settings.save(replace(desk.settings.get(), confirm_measures_by_call=True))
    card = desk.appeals.register(appeal())
    with pytest.raises(ValidationError) as err:
        answer(desk, card, D("2026-11-20"), "measures_taken")
    assert fields(err) == {"call_on"}
    explained = desk.appeals.register(appeal(last_name="Орлов"))
    assert answer(desk, explained, D("2026-11-20"), "explained").status == "closed"  # no measures: no call
    closed = answer(desk, card, D("2026-11-20"), "measures_taken", call_on=D("2026-11-20"),
                    call_note="Заявитель подтвердил: отопление работает")
    assert closed.status == "closed" and closed.call_on == D("2026-11-20")


# -- requests for documents: 15 days ----------------------------------------------------------------------
def test_requests_for_documents_within_15_days(desk):
    card = desk.appeals.register(appeal(registered_on=D("2026-11-02")))
    ours = desk.control.add_document_request(DocumentRequestInput(
        "outgoing", "ООО «Теплосеть»", D("2026-11-05"), appeal_id=card.id, number="01-12/41",
        subject="Акт о перебоях теплоснабжения"))
    assert ours.due_on == D("2026-11-20")  # +15 = Fri 20.11.2026
    assert ours.state == "due_today"
    theirs = desk.control.add_document_request(DocumentRequestInput(
        "incoming", "Администрация муниципального района", D("2026-11-13"), number="02-5/777",
        subject="Сведения по обращению гр. Кузнецова"))
    assert theirs.due_on == D("2026-11-27") and theirs.appeal_id is None  # +15 = Sat 28.11 -> Fri 27.11
    with pytest.raises(ValidationError) as err:
        desk.control.add_document_request(DocumentRequestInput("outgoing", "ООО «Теплосеть»", D("2026-11-05")))
    assert fields(err) == {"appeal_id"}
    assert [r.id for r in desk.control.document_requests()] == [ours.id, theirs.id]
    assert desk.control.today().count("documents") == 1  # due today; 27.11 is after the "due soon" days
    done = desk.control.answer_document_request(ours.id, D("2026-11-20"), "вх. 512")
    assert done.state == "answered"
    assert desk.appeals.get(card.id).document_requests[0].answered_on == D("2026-11-20")
    assert [r.id for r in desk.control.document_requests()] == [theirs.id]


# -- 8-FZ: the notice of the delay within 7 days ----------------------------------------------------------
def test_an_information_request_is_delayed_only_with_a_notice_within_7_days(desk_on):
    """Registered Tue 10.11.2026: the notice of the delay is due by Tue 17.11.2026 (8-FZ art. 18)."""
    desk = desk_on(D("2026-11-20"))
    late = desk.appeals.register(appeal(registered_on=D("2026-11-10"), kind="info_request"))
    with pytest.raises(ValidationError) as err:
        desk.appeals.extend(late.id, ExtensionInput(15, "Сведения в архиве района", "Глава"))
    assert fields(err) == {"extended_on"} and "17.11.2026" in str(err.value)
    in_time = desk.appeals.extend(late.id, ExtensionInput(15, "Сведения в архиве района", "Глава",
                                                          extended_on=D("2026-11-16")))
    assert in_time.deadline == D("2026-12-25")  # 10.12 + 15 = Fri 25.12.2026
    assert any("Уведомление об отсрочке ответа на запрос не записано" in w for w in in_time.warnings)
    noticed = desk.appeals.record_extension_notice(late.id, D("2026-11-19"))
    assert any("позже 7 дней со дня регистрации (срок 17.11.2026" in w for w in noticed.warnings)


# -- 547-FZ ---------------------------------------------------------------------------------------------
def test_547_fz_the_channel_and_the_answer_address(desk):
    by_mail = desk.appeals.register(appeal(form="electronic", channel="email", applicant=ApplicantInput(
        last_name="Орлов", first_name="Пётр", email="orlov@mail.ru")))
    assert by_mail.channel == "email"
    assert any("не подлежат рассмотрению" in w for w in by_mail.warnings)
    foreign = desk.appeals.register(appeal(form="electronic", channel="site", applicant=ApplicantInput(
        last_name="Орлова", first_name="Анна", email="orlova@gmail.com")))
    assert any("национальной доменной зоне" in w for w in foreign.warnings)
    epgu = desk.appeals.register(appeal(form="electronic", channel="epgu", applicant=ApplicantInput(
        last_name="Лебедев", first_name="Иван")))
    assert epgu.warnings == () and epgu.anonymity is None  # the ЕПГУ cabinet is the address for the answer
    with pytest.raises(ValidationError) as err:
        desk.appeals.register(appeal(form="written", channel="email"))
    assert fields(err) == {"channel"}


# -- the term squeezed by the holidays ------------------------------------------------------------------
def test_the_card_says_when_the_new_year_squeezes_the_term(desk_on):
    desk = desk_on(D("2026-12-11"))
    card = desk.appeals.register(appeal(registered_on=D("2026-12-11"), codes=(HEAT,)))
    assert card.legal_deadline == D("2026-12-30")
    assert any(w.startswith("Срок рассмотрения сокращён нерабочими днями: 19 дн. вместо 30") for w in card.warnings)
    early = desk.appeals.register(appeal(registered_on=D("2026-11-30"), last_name="Орлов"))
    assert early.legal_deadline == D("2026-12-30") and not early.warnings
