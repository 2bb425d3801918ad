"""The check of a database (``desk.check()``, File → «Проверить базу данных», ``appealdesk-cli check``):
the file's integrity and its references, the search index against the appeals, the scans against their
hashes, the audit log's hash chain, and what the database holds. Reads only."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import false, func, select

from ..storage import audit_chain
from ..storage.database import integrity_report, quick_check
from ..storage.models import Appeal, Applicant, Attachment, AttachmentContent, AuditEntry, ReferenceEdition
from .context import ServiceContext


@dataclass(frozen=True)
class CheckReport:
    location: str  # the file, or the server
    appeals: int
    applicants: int
    scans: int
    editions: tuple[tuple[str, str], ...]  # reference set -> edition loaded
    audit_rows: int
    problems: tuple[str, ...]  # Russian, one per problem; empty: all is well
    index_problems: tuple[str, ...] = ()  # the search index disagrees with the appeals (the file is sound)
    indexed: int | None = None  # appeals the index was checked against (None: not checked, the file is bad)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.index_problems


def check_database(ctx: ServiceContext) -> CheckReport:
    db = ctx.db
    problems: list[str] = []
    quick_check(db)  # DatabaseProblem("damaged") when the file cannot even be read through
    problems += integrity_report(db)
    index = None
    with ctx.read() as s:
        if not problems:
            from ..storage.search_index import verify_index

            index = verify_index(s)
        appeals = s.scalar(select(func.count()).select_from(Appeal).where(Appeal.deleted == false())) or 0
        applicants = s.scalar(select(func.count()).select_from(Applicant)) or 0
        editions = tuple(tuple(r) for r in s.execute(select(ReferenceEdition.name, ReferenceEdition.edition)))
        scans = 0
        for name, digest, data in s.execute(
            select(Attachment.file_name, Attachment.sha256, AttachmentContent.data)
            .join(AttachmentContent, AttachmentContent.attachment_id == Attachment.id)
            .execution_options(yield_per=50)
        ):
            scans += 1
            if digest and hashlib.sha256(bytes(data)).hexdigest() != digest:
                problems.append(f"Скан вложения «{name}» повреждён: не совпадает контрольная сумма")
        a = AuditEntry
        rows = s.execute(
            select(a.id, a.chain, a.at, a.user, a.user_id, a.entity, a.entity_id, a.action, a.changes)
            .order_by(a.id).execution_options(yield_per=5000)
        )
        broken, audit_rows = audit_chain.first_break(rows)
        if broken is not None:
            problems.append(
                f"Журнал изменений нарушен начиная с записи № {broken}: она или следующая за ней изменена "
                "либо удалена не программой"
            )
    return CheckReport(
        describe_location(db), appeals, applicants, scans, editions, audit_rows, tuple(problems),
        index_problems=tuple(index.problems()) if index is not None and not index.ok else (),
        indexed=index.appeals if index is not None else None,
    )


def describe_location(db) -> str:
    """The database file, or «сервер host:port, база name» (never the password)."""
    return db.where
