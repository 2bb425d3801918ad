"""Rows written in bulk (the demo, the journal import) take their ids so that the registrations after them
never collide: on PostgreSQL from the tables' sequences, on SQLite right after the largest id."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from appealdesk.services.values import ApplicantInput
from appealdesk.storage.ids import IdAllocator
from appealdesk.storage.models import Appeal, Applicant

from .helpers import appeal


def _ids(desk, model) -> list[int]:
    with desk._ctx.read() as s:
        return list(s.scalars(select(model.id).order_by(model.id)))


def test_registration_after_a_demo_gets_new_ids(desk):
    first = desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    desk.demo.make(40, seed=3)
    bulk_appeals, bulk_applicants = _ids(desk, Appeal), _ids(desk, Applicant)
    assert len(bulk_appeals) == 41

    card = desk.appeals.register(
        appeal(registered_on=date(2026, 11, 19),
               applicant=ApplicantInput(last_name="Новикова", first_name="Ольга", address="ул. Новая, 1"))
    )
    again = desk.appeals.register(appeal(registered_on=date(2026, 11, 20), last_name="Зайцев"))

    assert first.id == bulk_appeals[0]
    assert card.id > bulk_appeals[-1] and again.id > card.id
    assert card.applicant.id not in bulk_applicants and again.applicant.id not in bulk_applicants
    assert _ids(desk, Appeal) == sorted({*bulk_appeals, card.id, again.id})


def test_a_second_bulk_batch_continues_after_the_first(desk):
    desk.demo.make(20, seed=1)
    after_first = _ids(desk, Appeal)
    desk.demo.make(20, seed=2)
    after_second = _ids(desk, Appeal)
    assert after_second[: len(after_first)] == after_first
    assert min(after_second[len(after_first):]) > max(after_first)
    assert desk.appeals.register(appeal(registered_on=date(2026, 11, 20))).id > max(after_second)


def test_a_block_of_ids(desk, on_sqlite):
    desk.appeals.register(appeal(registered_on=date(2026, 11, 2)))
    with desk._ctx.uow() as s:
        largest = s.scalar(select(func.max(Appeal.id)))
        ids = IdAllocator(s, Appeal.__table__)
        taken = [ids.next() for _ in range(200)]  # more than one block on PostgreSQL
    assert len(set(taken)) == 200 and min(taken) > largest and taken == sorted(taken)
    if on_sqlite:  # right after the largest id; an id is taken when its row is written
        assert taken == list(range(largest + 1, largest + 201))
    else:  # taken from the sequence: the next registration, even in another session, comes after them
        assert desk.appeals.register(appeal(registered_on=date(2026, 11, 3))).id > max(taken)
