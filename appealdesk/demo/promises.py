"""Demo promises: some answers of closed demo appeals promised work by a date (secondary control)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import false, select

from ..services.context import ServiceContext
from ..storage.models import Appeal
from ..storage.models_control import Promise

WORKS = (
    "Отремонтировать уличное освещение",
    "Выполнить ямочный ремонт дороги",
    "Спилить аварийное дерево",
    "Вывезти мусор с несанкционированной свалки",
    "Восстановить водоотводную канаву",
    "Установить дорожный знак",
    "Покосить траву на общественной территории",
)


def make_promises(ctx: ServiceContext, seed: int = 1, share: float = 0.03, limit: int = 400) -> int:
    """Give about ``share`` of the closed appeals with "measures taken" a promise; the older ones confirmed."""
    today = ctx.today()
    rng = random.Random(seed)
    made = 0
    with ctx.uow() as s:
        rows = s.execute(
            select(Appeal.id, Appeal.answer_on, Appeal.executor_id)
            .where(Appeal.deleted == false(), Appeal.status == "closed", Appeal.answer_on.is_not(None),
                   Appeal.answer_on >= today - timedelta(days=240))
            .order_by(Appeal.id)
        ).all()
        for r in rows:
            if made >= limit or rng.random() > share:
                continue
            due = r.answer_on + timedelta(days=rng.choice((10, 20, 30, 45, 60)))
            p = Promise(appeal_id=r.id, text=rng.choice(WORKS), due_on=due, executor_id=r.executor_id,
                        status="open", created_at=datetime.combine(r.answer_on, datetime.min.time()),
                        created_by="демо")
            if due + timedelta(days=10) < today and rng.random() < 0.85:
                p.status, p.done_on = "done", due - timedelta(days=rng.randint(0, 5))
                p.call_on = p.done_on + timedelta(days=rng.randint(1, 4))
                p.call_note, p.confirmed_by = "Заявитель подтвердил выполнение", "демо"
            s.add(p)
            made += 1
    return made
