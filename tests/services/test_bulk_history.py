"""An extension recorded through the bulk path (the journal import, the demo data) appears in the appeal's
history like one made from the card."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from appealdesk.services.bulk import BulkExtension, BulkExtra, BulkRegistrar
from appealdesk.services.values import ExtensionInput
from appealdesk.storage.models import AuditEntry, Extension

from .helpers import appeal


def _extend_record(desk, appeal_id):
    records = [r for r in desk.audit.history("appeal", appeal_id) if r.action == "extend"]
    assert len(records) == 1, desk.audit.history("appeal", appeal_id)
    return records[0]


def test_an_imported_extension_is_in_the_history_like_the_cards(desk):
    card = desk.appeals.register(appeal(registered_on=date(2026, 10, 26)))
    desk.appeals.extend(card.id, ExtensionInput(days=30, reason="Запрос в район", extended_by="Глава",
                                                extended_on=date(2026, 11, 16), notice_on=date(2026, 11, 17)))
    by_card = _extend_record(desk, card.id)

    with desk._ctx.uow() as s:
        registrar = BulkRegistrar(s, desk._ctx, action="import")
        bulk_id = registrar.add(appeal(registered_on=date(2026, 10, 26)), BulkExtra(extension=BulkExtension(
            days=30, reason="Запрос в район", extended_by="Глава", extended_on=date(2026, 11, 16),
            notice_on=date(2026, 11, 17))))
        registrar.flush()
    by_import = _extend_record(desk, bulk_id)
    assert [a.action for a in desk.audit.history("appeal", bulk_id)] == ["import", "extend"]
    assert by_import.changes == by_card.changes
    assert desk.appeals.get(bulk_id).deadline == desk.appeals.get(card.id).deadline


def test_every_demo_extension_is_in_the_history(desk):

    desk.demo.make(300, seed=5, year=2026)
    with desk._ctx.read() as s:
        extended = set(s.scalars(select(Extension.appeal_id)))
        recorded = set(s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "extend")))
        twice = s.scalar(select(func.count()).select_from(
            select(AuditEntry.entity_id).where(AuditEntry.action == "extend").group_by(AuditEntry.entity_id)
            .having(func.count() > 1).subquery()))
    assert extended and extended == recorded and twice == 0
    for appeal_id in sorted(extended)[:5]:
        actions = [r.action for r in desk.audit.history("appeal", appeal_id)]
        assert actions.index("extend") > 0  # after the registration
