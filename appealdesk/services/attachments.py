"""Attachments of an appeal: scans and files kept inside the database (``attachment_contents``).

Why inside the database and not in a folder beside it: a backup, a restore and the move to a server then
carry every scan with no second mechanism to forget, a workstation on PostgreSQL sees the scans the others
added, a restore can never bring back a database whose scans point at files that are gone, and a
tampered record cannot point the program at an arbitrary file on the disk. The price is a bigger database
file; a scan is refused above ``MAX_SIZE`` (a scan of a long appeal is a few MB).

To show a file the desktop asks for a private temporary copy (``open_copy``: readable by the user only).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from ..domain.roles import Permission as P
from ..errors import DomainError, NotFoundError
from ..storage.models import Appeal, Attachment, AttachmentContent
from . import audit
from .access import requires
from .appeal_rules import executors_of
from .context import ServiceContext

MAX_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentView:
    id: int
    appeal_id: int
    file_name: str
    size: int
    added_at: datetime
    added_by: str
    has_content: bool  # False: the file was not found when scans moved into the database


class AttachmentService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.READ)
    def list(self, appeal_id: int) -> tuple[AttachmentView, ...]:
        with self._ctx.read() as s:
            rows = s.scalars(
                select(Attachment)
                .where(Attachment.appeal_id == appeal_id, Attachment.deleted.is_(False))
                .order_by(Attachment.id)
            ).all()
            return tuple(_view(r) for r in rows)

    @requires(P.ATTACH)
    def add(self, appeal_id: int, source: str | os.PathLike) -> AttachmentView:
        """Read ``source`` into the database and attach it to the appeal."""
        ctx = self._ctx
        src = Path(source)
        try:
            size = src.stat().st_size
        except OSError as exc:
            raise DomainError(f"Файл «{src}» не найден или недоступен") from exc
        if not src.is_file():
            raise DomainError(f"«{src}» — это не файл")
        if size > MAX_SIZE:
            raise DomainError(
                f"Файл «{src.name}» слишком большой ({_mb(size)}): можно прикрепить файл до "
                f"{MAX_SIZE // (1024 * 1024)} МБ. Отсканируйте с меньшим разрешением или разделите файл."
            )
        with ctx.uow() as s:
            appeal = s.get(Appeal, appeal_id)
            if appeal is None or appeal.deleted:
                raise NotFoundError("Обращение не найдено")
            ctx.require_assigned(P.ATTACH, appeal.reg_number, executors_of(appeal))
            try:
                data = src.read_bytes()
            except OSError as exc:
                raise DomainError(f"Не удалось прочитать файл «{src.name}»: он занят или недоступен") from exc
            if len(data) > MAX_SIZE:
                raise DomainError(f"Файл «{src.name}» слишком большой ({_mb(len(data))})")
            row = Attachment(
                appeal_id=appeal_id, file_name=src.name[:300], stored_name="", size=len(data),
                added_at=ctx.now(), added_by=ctx.user, deleted=False, sha256=hashlib.sha256(data).hexdigest(),
            )
            s.add(row)
            s.flush()
            s.add(AttachmentContent(attachment_id=row.id, data=data))
            audit.record(s, ctx, "appeal", appeal_id, "attachment_add", [("attachment", None, src.name)])
            return _view(row)

    @requires(P.DETACH)
    def remove(self, attachment_id: int) -> None:
        """Detach the file; its content stays in the database (the history refers to it)."""
        with self._ctx.uow() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise NotFoundError("Вложение не найдено")
            row.deleted = True
            audit.record(s, self._ctx, "appeal", row.appeal_id, "attachment_remove", [("attachment", row.file_name, None)])

    @requires(P.READ)
    def content(self, attachment_id: int) -> tuple[str, bytes]:
        """The file name and the bytes of an attachment, checked against the hash stored with it."""
        with self._ctx.read() as s:
            row = s.get(Attachment, attachment_id)
            if row is None or row.deleted:
                raise NotFoundError("Вложение не найдено")
            data = s.scalar(select(AttachmentContent.data).where(AttachmentContent.attachment_id == row.id))
            if data is None:
                raise DomainError(
                    f"Файла вложения «{row.file_name}» нет в базе данных: его не нашли в папке вложений, когда "
                    "вложения переносились в базу при обновлении программы."
                )
            data = bytes(data)
            if row.sha256 and hashlib.sha256(data).hexdigest() != row.sha256:
                raise DomainError(
                    f"Файл вложения «{row.file_name}» повреждён (не совпадает контрольная сумма). "
                    "Проверьте базу данных (Файл → Проверить базу данных)."
                )
            return row.file_name, data

    @requires(P.READ)
    def open_copy(self, attachment_id: int) -> Path:
        """A temporary copy to open with the system's viewer: in a folder of its own, readable by the user
        only (the personal data of a scan must not lie world-readable in the temporary folder)."""
        name, data = self.content(attachment_id)
        folder = Path(tempfile.mkdtemp(prefix="appealdesk-"))  # 0700
        target = folder / _safe_name(name)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return target

    @requires(P.READ)
    def save_copy(self, attachment_id: int, target: str | os.PathLike) -> Path:
        """Save the attachment as a file the user chose."""
        _name, data = self.content(attachment_id)
        target = Path(target)
        try:
            target.write_bytes(data)
        except OSError as exc:
            with contextlib.suppress(OSError):
                target.unlink()
            raise DomainError(f"Не удалось сохранить файл «{target}»: нет доступа или места на диске") from exc
        return target


def _safe_name(name: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip(" .")
    return cleaned[:150] or "вложение"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} МБ".replace(".", ",")


def _view(row: Attachment) -> AttachmentView:
    return AttachmentView(
        row.id, row.appeal_id, row.file_name, row.size or 0, row.added_at, row.added_by or "",
        has_content=row.sha256 is not None,
    )


ACTION_LABELS = {"attachment_add": "Вложение добавлено", "attachment_remove": "Вложение удалено"}
FIELD_LABELS = {"attachment": "Вложение"}
