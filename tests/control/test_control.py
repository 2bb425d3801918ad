"""Deadline control: the calendar's counts, the today panel, promises on secondary control, discipline,
reminders, and the 59-FZ rules of extension and forwarding refused in the service layer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import false, func, select

from appealdesk.control.values import ControlFilter, PromiseDoneInput, PromiseInput
from appealdesk.domain.calendar import WorkCalendar
from appealdesk.domain.deadlines import DeadlineEngine, DeadlineRules
from appealdesk.errors import DomainError, ValidationError
from appealdesk.services.values import AnswerInput, ExtensionInput, ForwardingInput
from appealdesk.storage.models import Appeal
from tests.services.helpers import appeal, executor

TODAY = date(2026, 11, 20)


def _answer(desk, card, on=TODAY):
    return desk.appeals.answer(card.id, AnswerInput(answer_on=on, results={card.questions[0].id: "measures_taken"}))


# -- deadline states across weekends, holidays and transfers ------------------------------------------
def _engine(**kw) -> DeadlineEngine:
    from appealdesk.domain.calendar import load_bundled_overrides
    from appealdesk.paths import resources_dir

    files = list(resources_dir().rglob("production_calendar_overrides.csv"))
    return DeadlineEngine(WorkCalendar(load_bundled_overrides(files[0])), DeadlineRules(**kw))


def test_deadline_on_a_may_holiday_moves_to_the_preceding_working_day():
    e = _engine()
    # 10.04.2026 + 30 = 10.05.2026, Sunday; 09.05 Saturday (holiday); 11.05 transferred day off -> 08.05
    assert e.legal_deadline(date(2026, 4, 10), "statement") == date(2026, 5, 8)
    # 11.05.2026 is the day off transferred from Saturday 09.05
    assert not e.calendar.is_working(date(2026, 5, 11))
    assert e.legal_deadline(date(2026, 4, 11), "statement") == date(2026, 5, 8)
    assert _engine(non_working_rule="next").legal_deadline(date(2026, 4, 11), "statement") == date(2026, 5, 12)


def test_deadline_over_the_new_year_transfer_31_december():
    e = _engine()
    assert not e.calendar.is_working(date(2026, 12, 31))  # transferred from 04.01 by the 2025 decree
    assert e.legal_deadline(date(2026, 12, 1), "statement") == date(2026, 12, 30)


def test_states_around_a_weekend():
    e = _engine()
    friday = date(2026, 11, 20)
    # due soon = 3 working days: Mon 23, Tue 24, Wed 25
    assert e.due_soon_until(friday) == date(2026, 11, 25)
    assert e.state(date(2026, 11, 25), False, False, friday) == "due_soon"
    assert e.state(date(2026, 11, 26), False, False, friday) == "in_progress"
    assert e.state(date(2026, 11, 26), False, True, friday) == "extended"
    assert e.state(date(2026, 11, 19), False, False, friday) == "overdue"
    assert e.state(friday, False, False, friday) == "due_today"
    assert e.state(date(2026, 11, 19), True, False, friday) == "closed"
    # over the May holidays the "due soon" window stretches past the days off
    assert e.due_soon_until(date(2026, 4, 30)) == date(2026, 5, 6)


# -- 59-FZ rules refused in the service layer ---------------------------------------------------------
def test_extension_refused_for_messages_before_registration_and_notice_before_extension(desk):
    msg = desk.appeals.register(appeal(registered_on=TODAY, kind="message", source="social_media", form="electronic"))
    with pytest.raises(DomainError, match="24 часа"):
        desk.appeals.extend(msg.id, ExtensionInput(5, "Причина", "Глава"))
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 10)))
    with pytest.raises(ValidationError, match="раньше даты регистрации"):
        desk.appeals.extend(card.id, ExtensionInput(5, "Причина", "Глава", extended_on=date(2026, 11, 9)))
    with pytest.raises(ValidationError, match="Уведомление"):
        desk.appeals.extend(card.id, ExtensionInput(5, "Причина", "Глава", notice_on=date(2026, 11, 19)))
    with pytest.raises(ValidationError, match="не более чем на 30"):
        desk.appeals.extend(card.id, ExtensionInput(31, "Причина", "Глава"))
    desk.appeals.extend(card.id, ExtensionInput(30, "Причина", "Глава"))
    with pytest.raises(DomainError, match="только один раз"):
        desk.appeals.extend(card.id, ExtensionInput(1, "Ещё", "Глава"))
    # the extension without a notice shows in the today panel until the notice is recorded
    assert desk.control.today().count("extension_notice") == 1
    desk.appeals.record_extension_notice(card.id, TODAY)
    assert desk.control.today().count("extension_notice") == 0


def test_forwarding_on_the_7th_day_passes_on_the_8th_is_refused(desk):
    # registered Friday 13.11.2026: + 7 = Friday 20.11 (working)
    a = desk.appeals.register(appeal(registered_on=date(2026, 11, 13)))
    b = desk.appeals.register(appeal(registered_on=date(2026, 11, 12)))  # + 7 = 19.11
    with pytest.raises(ValidationError, match="7 дней"):
        desk.appeals.forward(b.id, ForwardingInput("Прокуратура района", forwarded_on=date(2026, 11, 20)))
    desk.appeals.forward(a.id, ForwardingInput("Прокуратура района", forwarded_on=date(2026, 11, 20)))
    # forwarded without a notice: on the today panel, with the forwarding behind it
    items = desk.control.today_items("forwarding")
    assert [i.appeal_id for i in items] == [a.id] and "не уведомлён" in items[0].detail
    desk.appeals.record_forwarding_notice(items[0].forwarding_id, TODAY)
    assert desk.control.today().count("forwarding") == 0


# -- promises --------------------------------------------------------------------------------------
def test_promise_survives_the_close_until_confirmed_with_a_call(desk):
    ex = executor(desk)
    card = desk.appeals.register(appeal(registered_on=date(2026, 10, 20), executor_id=ex.id))
    with pytest.raises(ValidationError) as err:
        desk.control.add_promise(card.id, PromiseInput(" ", None))
    assert {e.field for e in err.value.errors} == {"text", "due_on"}
    p = desk.control.add_promise(card.id, PromiseInput("Отремонтировать освещение", date(2026, 11, 18)))
    assert p.executor_id == ex.id and p.state == "overdue" and not p.appeal_closed
    _answer(desk, card)
    assert desk.appeals.get(card.id).status == "closed"
    # closed, yet the promise stays on control, in the today panel and in the calendar
    [still] = desk.control.promises()
    assert still.id == p.id and still.appeal_closed and still.status == "open"
    assert desk.control.today().count("promises_overdue") == 1
    assert desk.control.month(2026, 11).get(date(2026, 11, 18)).promises == 1
    assert [i.promise_id for i in desk.control.day(date(2026, 11, 18))] == [p.id]
    with pytest.raises(ValidationError, match="звонок"):
        desk.control.confirm_promise(p.id, PromiseDoneInput(TODAY, None, "", "Белова"))
    with pytest.raises(ValidationError, match="после выполнения"):
        desk.control.confirm_promise(p.id, PromiseDoneInput(TODAY, TODAY - timedelta(days=1), "Доволен", "Белова"))
    done = desk.control.confirm_promise(p.id, PromiseDoneInput(date(2026, 11, 19), TODAY, "Светит, доволен", "Белова"))
    assert done.status == "done" and done.call_on == TODAY
    assert desk.control.promises() == () and desk.control.today().count("promises_overdue") == 0
    with pytest.raises(DomainError, match="уже"):
        desk.control.confirm_promise(p.id, PromiseDoneInput(TODAY, TODAY, "x", "y"))
    actions = [r.action for r in desk.audit.history("appeal", card.id)]
    assert "promise" in actions and "promise_done" in actions


def test_promise_cancel_needs_a_reason_and_reopen_keeps_it(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    _answer(desk, card)
    p = desk.control.add_promise(card.id, PromiseInput("Покосить траву", date(2026, 12, 1)))
    desk.appeals.reopen(card.id, "Заявитель не согласен")
    assert desk.control.promises(appeal_id=card.id)[0].id == p.id
    with pytest.raises(ValidationError):
        desk.control.cancel_promise(p.id, "")
    assert desk.control.cancel_promise(p.id, "Записано по ошибке").status == "cancelled"


# -- the calendar against a direct count ---------------------------------------------------------------
@pytest.fixture
def demo_desk(desk):

    desk.demo.make(600, seed=3, year=2026)
    return desk


def test_month_counts_agree_with_a_direct_count_and_the_journal(demo_desk):
    desk = demo_desk
    from appealdesk.services.journal_values import JournalQuery

    m = desk.control.month(2026, 11)
    assert len(m.days) == 42 and m.first.weekday() == 0 and m.first <= date(2026, 11, 1)
    with desk._ctx.read() as s:
        for d in m.days:
            legal = s.scalar(select(func.count()).where(Appeal.deleted == false(), Appeal.status == "in_progress",
                                                        Appeal.deadline == d.day))
            control = s.scalar(select(func.count()).where(
                Appeal.deleted == false(), Appeal.status == "in_progress", Appeal.control_deadline == d.day,
                Appeal.control_deadline != Appeal.deadline))
            assert (d.legal, d.control) == (legal, control), d.day
            assert len([i for i in desk.control.day(d.day) if i.what in ("deadline", "control")]) == legal + control
    # the calendar agrees with the journal: today's column is the journal's "due today"
    assert m.get(TODAY).legal == desk.journal.count(JournalQuery(state="due_today"))
    overdue_in_grid = sum(d.legal for d in m.days if d.day < TODAY)
    assert overdue_in_grid <= desk.journal.count(JournalQuery(state="overdue"))
    # filters: an executor's month is part of the whole
    ex = desk.reference.officials()[1]
    mine = desk.control.month(2026, 11, ControlFilter(executor_id=ex.id))
    assert all(a.legal <= b.legal for a, b in zip(mine.days, m.days, strict=True))
    assert sum(d.legal for d in mine.days) == sum(
        1 for d in mine.days for i in desk.control.day(d.day, ControlFilter(executor_id=ex.id)) if i.what == "deadline")


def test_month_marks_days_off_and_transfers(desk):
    may = desk.control.month(2026, 5)
    assert may.get(date(2026, 5, 1)).holiday and not may.get(date(2026, 5, 1)).working
    assert not may.get(date(2026, 5, 11)).working
    assert may.get(date(2026, 5, 12)).working
    dec = desk.control.month(2026, 12)
    assert not dec.get(date(2026, 12, 31)).working and dec.get(date(2026, 12, 31)).holiday


def test_today_panel_lines_and_lists(demo_desk):
    desk = demo_desk
    t = desk.control.today()
    from appealdesk.services.journal_values import JournalQuery

    for key in ("overdue", "due_today", "due_soon"):
        assert t.count(key) == desk.journal.count(JournalQuery(state=key))
    for line in t.lines:
        assert len(desk.control.today_items(line.key)) == line.count, line.key
    with pytest.raises(DomainError):
        desk.control.today_items("nonsense")


def test_late_registration_and_old_messages(desk):
    desk.appeals.register(appeal(registered_on=date(2026, 11, 19), received_on=date(2026, 11, 13)))  # late
    desk.appeals.register(appeal(registered_on=date(2026, 11, 16), received_on=date(2026, 11, 13)))  # in term
    desk.appeals.register(appeal(registered_on=date(2026, 11, 18), kind="message", source="feedback_platform", form="electronic", received_on=date(2026, 11, 18)))
    desk.appeals.register(appeal(registered_on=TODAY, kind="message", source="feedback_platform", form="electronic", received_on=TODAY))
    t = desk.control.today()
    assert t.count("late_registration") == 1 and t.count("messages") == 1


def test_discipline_and_export(desk, tmp_path):
    ex = executor(desk)
    a = desk.appeals.register(appeal(registered_on=date(2026, 9, 1), executor_id=ex.id))
    _answer(desk, a, date(2026, 9, 15))
    b = desk.appeals.register(appeal(registered_on=date(2026, 9, 2), executor_id=ex.id))
    _answer(desk, b, date(2026, 10, 20))  # after 02.10
    desk.appeals.register(appeal(registered_on=date(2026, 9, 3), executor_id=ex.id))  # overdue now
    d = desk.control.discipline(date(2026, 9, 1), date(2026, 9, 30))
    [row] = d.rows
    assert (row.total, row.on_time, row.late, row.overdue_now, row.avg_days) == (3, 1, 1, 1, 31.0)
    path = desk.control.export_discipline(d, tmp_path / "d.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(path).active
    assert any(c.value == "Петров Пётр Петрович" for c in ws["A"])


def test_reminders_pdf(desk, tmp_path):
    ex = executor(desk)
    desk.appeals.register(appeal(registered_on=date(2026, 10, 23), executor_id=ex.id))  # 22.11 is a Sunday: due 20.11
    desk.appeals.register(appeal(registered_on=date(2026, 11, 19), executor_id=ex.id))  # far away
    r = desk.control.reminders(7)
    [g] = r.groups
    assert g.executor == "Петров Пётр Петрович" and len(g.items) == 1 and g.items[0].days_left == 0
    path = desk.control.reminders_pdf(r, tmp_path / "r.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    from appealdesk.paper.model import text_of

    assert "Петров" in text_of(desk.control.reminders_document(r))
