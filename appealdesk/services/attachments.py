"""Attachments of an appeal: scans and files copied into the data folder (``attachments/<appeal id>/``
beside the database) so that they travel with the backups and survive the original being moved.

Not yet wired into ``AppealDesk``; the desktop builds it with ``AttachmentService.for_desk(desk)``.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..errors import DomainError, NotFoundError
from ..paths import user_data_dir
from ..storage.models import Appeal, Attachment
from . import audit
from .context import ServiceContext

MAX_SIZE = 200 * 1024 * 1024  # a scan of a long appeal is a few MB; refuse obvious mistakes


@dataclass(frozen=True)
class AttachmentView:
    id: int
    appeal_id: int
    file_name: str
    size: int
    added_at: datetime
    added_by: str
    path: Path  # the stored copy


class AttachmentService:
    def __init__(self, ctx: ServiceContext, folder: Path):
        self._ctx = ctx
        self.folder = Path(folder)

    @classmethod
    def for_desk(cls, desk) -> AttachmentService:
        """The attachments folder beside the database file (or in the data folder for a server database)."""
        path = desk.db.path
        base = Path(path).parent if path is not None else user_data_dir()
        return cls(desk.ctx, base / "attachments")

    def _stored(self, appeal_id: int, stored_name: str) -> Path:
        return self.folder / str(appeal_id) / stored_name

    def list(self, appeal_id: int) -> tuple[AttachmentView, ...]:
        with self._ctx.read() as s:
            rows = s.scalars(
                select(Attachment)
                .where(Attachment.appeal_id == appeal_id, Attachment.deleted.is_(False))
                .order_by(Attachment.id)
            ).all()
            return tuple(self._view(r) for r in rows)

    def add(self, appeal_id: int, source: str | os.PathLike) -> AttachmentView:
        """Copy ``source`` into the data folder and attach it to the appeal."""
        src = Path(source)
        if not src.is_file():
            raise DomainError(f"Файл «{src}» не найден")
        size = src.stat().st_size
        if size > MAX_SIZE:
            raise DomainError(f"Файл «{src.name}» слишком большой ({size // (1024 * 1024)} МБ, можно до 200 МБ)")
        stored_name = f"{uuid.uuid4().hex[:12]}_{src.name}"
        target = self._stored(appeal_id, stored_name)
        with self._ctx.uow() as s:
            if s.get(Appeal, appeal_id) is None:
                raise NotFoundError("Обращение не найдено")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)
            except OSError as exc:
                raise DomainError(
                    f"Не удалось скопировать файл «{src.name}» в папку данных: {exc.strerror or exc}"
                ) from exc
            row = Attachment(
                appeal_id=appeal_id, file_name=src.name, stored_name=stored_name, size=size,
                added_at=self._ctx.now(), added_by=self._ctx.user, deleted=False,
            )
            s.add(row)
            s.flush()
            audit.record(s, self._ctx, "appeal", appeal_id, "attachment_add", [("attachment", None, src.name)])
            return self._view(row)

    def remove(self, attachment_id: int) -> None:
        """Detach the file; the stored copy is kept (the history refers to it)."""
        with self._ctx.uow() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise NotFoundError("Вложение не найдено")
            row.deleted = True
            audit.record(s, self._ctx, "appeal", row.appeal_id, "attachment_remove", [("attachment", row.file_name, None)])

    def path(self, attachment_id: int) -> Path:
        with self._ctx.read() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise NotFoundError("Вложение не найдено")
            target = self._stored(row.appeal_id, row.stored_name)
        if not target.is_file():
            raise DomainError(f"Файл вложения «{row.file_name}» отсутствует в папке данных ({target})")
        return target

    def _view(self, row: Attachment) -> AttachmentView:
        return AttachmentView(
            row.id, row.appeal_id, row.file_name, row.size or 0, row.added_at, row.added_by or "",
            self._stored(row.appeal_id, row.stored_name),
        )


ACTION_LABELS = {"attachment_add": "Вложение добавлено", "attachment_remove": "Вложение удалено"}
FIELD_LABELS = {"attachment": "Вложение"}
