"""A calendar change moves the deadlines of the appeals on consideration, after the administrator confirms
the list (number, old date, new date); closed appeals keep theirs. Dates worked out by hand on the 2026
calendar; today is Fri 20.11.2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from appealdesk.errors import DeadlinesWouldMove
from appealdesk.services.values import AnswerInput, ExtensionInput, ResolutionInput

from .helpers import appeal, executor

D = date.fromisoformat


@pytest.fixture
def office(desk):
    """A: registered Mon 02.11.2026, due Wed 02.12.2026. B: registered 03.11, due Thu 03.12. C: like A, but
    answered and closed. H: like A, with a control deadline the head set by hand (25.11)."""
    ids = {}
    ids["A"] = desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Антонов")).id
    ids["B"] = desk.appeals.register(appeal(registered_on=D("2026-11-03"), last_name="Борисов")).id
    c = desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Васильев"))
    desk.appeals.answer(c.id, AnswerInput(D("2026-11-10"), {c.questions[0].id: "explained"}))
    ids["C"] = c.id
    head = executor(desk, "Соколов Андрей Викторович")
    h = desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Гаврилов"))
    desk.appeals.set_resolution(h.id, ResolutionInput("Проверить и ответить", head.id, by_id=head.id,
                                                      on=D("2026-11-03"), control_deadline=D("2026-11-25")))
    ids["H"] = h.id
    return ids


def deadlines(desk, appeal_id):
    card = desk.appeals.get(appeal_id)
    return card.legal_deadline, card.control_deadline, card.deadline


def test_a_regional_day_off_moves_open_deadlines_after_confirmation(desk, office):
    assert deadlines(desk, office["A"]) == (D("2026-12-02"), D("2026-12-02"), D("2026-12-02"))
    shift = desk.calendar.preview_override(D("2026-12-02"), False, "региональный праздник")
    by_number = {m.reg_number: (m.old_deadline, m.new_deadline) for m in shift.moves}
    a, h = desk.appeals.get(office["A"]), desk.appeals.get(office["H"])
    # 02.12 becomes a day off: the preceding working day is Tue 01.12; B (03.12) and closed C do not move
    assert by_number == {a.reg_number: (D("2026-12-02"), D("2026-12-01")),
                         h.reg_number: (D("2026-12-02"), D("2026-12-01"))}
    assert shift.what == "02.12.2026 — выходной день (региональный праздник)"

    with pytest.raises(DeadlinesWouldMove) as refused:  # not without the list confirmed
        desk.reference.set_calendar_override(D("2026-12-02"), False, "региональный праздник")
    assert refused.value.shift.fingerprint == shift.fingerprint
    assert "передвинет срок обращений на рассмотрении: 2" in str(refused.value)
    assert deadlines(desk, office["A"])[0] == D("2026-12-02")  # nothing written
    assert desk.reference.calendar_overrides(2026)[-1][0] != D("2026-12-02")

    done = desk.reference.set_calendar_override(D("2026-12-02"), False, "региональный праздник", confirmed=shift)
    assert len(done.moves) == 2
    assert deadlines(desk, office["A"]) == (D("2026-12-01"), D("2026-12-01"), D("2026-12-01"))
    assert deadlines(desk, office["H"]) == (D("2026-12-01"), D("2026-11-25"), D("2026-12-01"))  # by hand: kept
    assert deadlines(desk, office["B"])[0] == D("2026-12-03")
    assert deadlines(desk, office["C"])[0] == D("2026-12-02")  # closed: keeps its deadline
    history = desk.audit.history("appeal", office["A"])
    moved = [r for r in history if r.action == "recompute"]
    assert moved and ("legal_deadline", "02.12.2026", "01.12.2026") in moved[-1].changes
    assert ("reason", None, "02.12.2026 — выходной день (региональный праздник)") in moved[-1].changes
    # a new registration uses the new calendar at once
    assert desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Дмитриев")).legal_deadline == D(
        "2026-12-01")

    # removing the override moves them back, after confirmation again
    back = desk.calendar.preview_removal(D("2026-12-02"))
    assert {m.new_deadline for m in back.moves} == {D("2026-12-02")} and len(back.moves) == 3
    desk.reference.remove_calendar_override(D("2026-12-02"), confirmed=back)
    assert deadlines(desk, office["A"])[0] == D("2026-12-02")


def test_a_confirmation_of_another_list_is_refused(desk, office):
    shift = desk.calendar.preview_override(D("2026-12-02"), False)
    desk.appeals.register(appeal(registered_on=D("2026-11-02"), last_name="Егоров"))  # meanwhile, on another PC
    with pytest.raises(DeadlinesWouldMove, match="стал другим") as refused:
        desk.reference.set_calendar_override(D("2026-12-02"), False, confirmed=shift)
    assert len(refused.value.shift.moves) == 3
    desk.reference.set_calendar_override(D("2026-12-02"), False, confirmed=refused.value.shift)
    assert deadlines(desk, office["A"])[0] == D("2026-12-01")


def test_a_change_that_moves_nothing_needs_no_confirmation(desk, office):
    assert desk.calendar.preview_override(D("2027-05-03"), False).moves == ()
    assert desk.reference.set_calendar_override(D("2027-05-03"), False).moves == ()


def test_an_extended_deadline_moves_with_its_calendar(desk):
    """Registered Fri 30.10.2026: +30 = Sun 29.11 -> Fri 27.11. Extended on 20.11 by 10 days: +10 = Mon 07.12.
    07.12 made a day off: Fri 04.12."""
    card = desk.appeals.register(appeal(registered_on=D("2026-10-30")))
    card = desk.appeals.extend(card.id, ExtensionInput(10, "Запрошены сведения", "Глава"))
    assert (card.legal_deadline, card.deadline) == (D("2026-11-27"), D("2026-12-07"))
    shift = desk.calendar.preview_override(D("2026-12-07"), False)
    desk.reference.set_calendar_override(D("2026-12-07"), False, confirmed=shift)
    card = desk.appeals.get(card.id)
    assert (card.legal_deadline, card.extended_deadline, card.deadline) == (D("2026-11-27"), D("2026-12-04"),
                                                                            D("2026-12-04"))
    assert card.extension.new_deadline == D("2026-12-04")


def test_changing_the_deadline_rule_moves_open_deadlines_after_confirmation(desk, office):
    """Registered Fri 30.10.2026: +30 = Sun 29.11.2026: the preceding working day Fri 27.11, the next Mon 30.11."""
    card = desk.appeals.register(appeal(registered_on=D("2026-10-30"), last_name="Жуков"))
    assert card.legal_deadline == D("2026-11-27")
    new = replace(desk.settings.get(), non_working_rule="next")
    shift = desk.settings.preview(new)
    assert {m.reg_number: (m.old_legal, m.new_legal) for m in shift.moves} == {
        card.reg_number: (D("2026-11-27"), D("2026-11-30"))}
    with pytest.raises(DeadlinesWouldMove):
        desk.settings.save(new)
    assert desk.settings.get().non_working_rule == "previous"
    desk.settings.save(new, confirmed=shift)
    assert desk.appeals.get(card.id).legal_deadline == D("2026-11-30")
    # the control offset: 7 days before the legal deadline (the Gubkin note), Mon 23.11
    offset = replace(desk.settings.get(), control_offset_days=7)
    shift = desk.settings.preview(offset)
    desk.settings.save(offset, confirmed=shift)
    assert desk.appeals.get(card.id).control_deadline == D("2026-11-23")
    assert deadlines(desk, office["H"])[1] == D("2026-11-25")  # the head's own control deadline stays
