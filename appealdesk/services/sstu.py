"""The monthly upload to ССТУ.РФ as a service (``desk.sstu``): where the appeals of a period stand against
the uploads («выгружено», «изменилось после выгрузки», «не выгружено»), the check of every record, and the
archive with what is ready — then the remembered state, so that the next upload takes what changed.

Messages (ПОС, social networks) and 8-ФЗ requests are not 59-ФЗ appeals: they are left out and counted.
``strict`` writes nothing when any record has a problem; otherwise the good ones are written and the rest
listed, per appeal, in a text file beside the archive.
"""

from __future__ import annotations

import base64
import contextlib
import os
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ..domain.roles import Permission as P
from ..errors import DomainError, FieldError, ValidationError
from ..os_errors import os_error_text
from ..sstu import build as B
from ..sstu import queries as Q
from ..sstu.archive import request_bytes, write_parts
from ..sstu.values import Problem, SstuCheck, SstuResult, SstuState
from ..storage.models import SstuBatch, SstuUpload
from . import audit
from .access import requires
from .context import ServiceContext
from .office_settings import body_key

Progress = Callable[[int, int], object]


class SstuService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def _settings(self) -> B.Settings:
        s = self._ctx.settings()
        return B.Settings(s.sstu_department_id.strip(), {body_key(n): g.strip() for n, g in s.sstu_bodies},
                          s.sstu_extended_status, s.sstu_medo_electronic)

    @staticmethod
    def _period(date_from: date, date_to: date) -> None:
        if date_from is None or date_to is None or date_to < date_from:
            raise ValidationError([FieldError("date_to", "Укажите период: конец не раньше начала")])

    # -- the state -------------------------------------------------------------------------------
    @requires(P.READ)
    def state(self, date_from: date, date_to: date) -> SstuState:
        self._period(date_from, date_to)
        with self._ctx.read() as s:
            return self._state(s, date_from, date_to)[0]

    def _state(self, s, date_from: date, date_to: date):
        settings = self._settings()
        ids = Q.period_ids(s, date_from, date_to)
        done = Q.uploaded(s, ids)
        candidates = [i for i in ids if i in done]
        versions = Q.versions(s, candidates)
        moved = [i for i in candidates if versions.get(i) != done[i][0]]  # touched since: did what is sent change?
        changed = {row.id for row in Q.rows(s, moved)
                   if B.digest(B.build(row, settings, body_key).request) != done[row.id][1]}
        earlier = Q.changed_before(s, date_from)
        earlier_changed = []
        if earlier:
            prev = Q.uploaded(s, earlier)
            for row in Q.rows(s, earlier):
                if B.digest(B.build(row, settings, body_key).request) != prev[row.id][1]:
                    earlier_changed.append(row.id)
        excluded = Q.excluded_count(s, date_from, date_to)
        last = Q.last_batch(s)
        state = SstuState(
            date_from, date_to, len(ids), len(candidates) - len(changed), len(changed), len(ids) - len(candidates),
            len(earlier_changed), excluded.get("message", 0), excluded.get("info_request", 0),
            last.made_at if last else None, last.file_name if last else "", bool(settings.department_id),
        )
        return state, ids, done, changed, earlier_changed

    # -- the check and the upload ----------------------------------------------------------------
    def _select(self, s, date_from: date, date_to: date, everything: bool):
        state, ids, done, changed, earlier = self._state(s, date_from, date_to)
        chosen = ids if everything else [i for i in ids if i not in done or i in changed] + list(earlier)
        settings = self._settings()
        built = [B.build(row, settings, body_key) for row in Q.rows(s, chosen)]
        return state, built

    @staticmethod
    def _check(state: SstuState, built: list[B.Built]) -> SstuCheck:
        statuses: Counter[str] = Counter()
        problems = []
        for b in built:
            if b.problems:
                problems.append(Problem(b.appeal.id, b.appeal.reg_number, tuple(dict.fromkeys(b.problems))))
            else:
                statuses.update(b.statuses)
        ready = len(built) - len(problems)
        return SstuCheck(state, len(built), ready, dict(statuses), tuple(problems))

    @requires(P.SSTU)
    def check(self, date_from: date, date_to: date, *, everything: bool = False) -> SstuCheck:
        """What an upload of the period would write, by status, and every record it cannot send (why)."""
        self._period(date_from, date_to)
        with self._ctx.read() as s:
            state, built = self._select(s, date_from, date_to, everything)
        return self._check(state, built)

    @requires(P.SSTU)
    def upload(self, date_from: date, date_to: date, out: str | os.PathLike, *, strict: bool = False,
               everything: bool = False, progress: Progress | None = None) -> SstuResult:
        """Write the archive of the period (the appeals not uploaded or changed since, and earlier ones that
        changed; ``everything``: every appeal of the period) and remember what was written."""
        self._period(date_from, date_to)
        ctx = self._ctx
        target = Path(out)
        if target.suffix.lower() != ".zip":
            target = target.with_suffix(".zip")
        if target.is_dir():
            raise DomainError(f"«{target}» — это папка, а не файл")
        if not target.parent.exists():
            raise DomainError(f"Папка «{target.parent}» не существует")
        if not self._settings().department_id:
            raise DomainError("Не указан идентификатор органа в ССТУ.РФ (GUID): впишите его в Настройки → ССТУ.РФ.")
        with ctx.read() as s:
            state, built = self._select(s, date_from, date_to, everything)
            check = self._check(state, built)
            if strict and check.problems:
                raise DomainError(
                    f"Выгрузка не сделана: у {len(check.problems)} обращений есть ошибки (строгая проверка). "
                    + " ".join(p.text() + "." for p in check.problems[:5])
                    + (" …" if len(check.problems) > 5 else "")
                )
            good = [b for b in built if not b.problems]
            files_by_appeal = {b.appeal.id: b.appeal.answer.attachment_id for b in good
                               if b.needs_file and b.appeal.answer is not None}
            total = len(good)

            def requests():
                content: dict[int, bytes] = {}
                pending = list(dict.fromkeys(files_by_appeal[b.appeal.id] for b in good if b.appeal.id in files_by_appeal))
                for n, b in enumerate(good, start=1):
                    att = files_by_appeal.get(b.appeal.id)
                    b64 = None
                    if att is not None:
                        if att not in content:
                            # read the answer files a chunk at a time: a month's worth does not sit in memory
                            content.clear()
                            chunk = pending[:Q.CHUNK]
                            del pending[:Q.CHUNK]
                            for att_id, data in Q.contents(s, chunk):
                                content[att_id] = data
                        data = content.get(att)
                        if data is None:
                            raise DomainError(f"Файл ответа обращения № {b.appeal.reg_number} не найден в базе")
                        b64 = base64.b64encode(data).decode("ascii")
                    yield request_bytes(B.with_content(b.request, b64))
                    if progress is not None and (n % 50 == 0 or n == total):
                        progress(n, total)

            try:
                files = write_parts(target, requests())
            except OSError as exc:
                raise DomainError(f"Не удалось записать архив «{target}»: {os_error_text(exc)}") from exc
        problems_file = None
        try:
            if check.problems:
                problems_file = target.with_name(f"{target.stem} — не выгружено.txt")
                _write_problems(problems_file, check)
            made = self._remember(date_from, date_to, good, files)
        except BaseException:
            for f in (*files, *([problems_file] if problems_file else [])):
                with contextlib.suppress(OSError):
                    f.unlink()
            raise
        return SstuResult(check, tuple(files), len(good), problems_file, made)

    def _remember(self, date_from: date, date_to: date, good: list[B.Built], files: list[Path]):
        ctx = self._ctx
        now = ctx.now()
        with ctx.uow() as s:
            batch = SstuBatch(made_at=now, made_by=ctx.user, date_from=date_from, date_to=date_to,
                              appeals=len(good), file_name=", ".join(f.name for f in files)[:300])
            s.add(batch)
            s.flush()
            ids = [b.appeal.id for b in good]
            existing = {r.appeal_id: r for chunk in _chunks(ids) for r in s.scalars(
                select(SstuUpload).where(SstuUpload.appeal_id.in_(chunk)))}
            for b in good:
                row = existing.get(b.appeal.id)
                dig = B.digest(b.request)
                if row is None:
                    s.add(SstuUpload(appeal_id=b.appeal.id, batch_id=batch.id, uploaded_at=now,
                                     version=b.appeal.version, digest=dig))
                else:
                    row.batch_id, row.uploaded_at, row.version, row.digest = batch.id, now, b.appeal.version, dig
            audit.record(s, ctx, "sstu", batch.id, "sstu_upload", [
                ("period", None, f"{date_from:%d.%m.%Y}–{date_to:%d.%m.%Y}"),
                ("appeals", None, str(len(good))),
                ("file", None, batch.file_name),
            ])
        return now


def _chunks(ids: list[int], n: int = 500):
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def _write_problems(path: Path, check: SstuCheck) -> None:
    from ..private_files import make_private

    st = check.state
    lines = [
        f"ССТУ.РФ: обращения за {st.date_from:%d.%m.%Y}–{st.date_to:%d.%m.%Y}, не вошедшие в выгрузку "
        f"({len(check.problems)}). Исправьте карточки и выгрузите период снова: программа возьмёт только "
        "невыгруженные и изменившиеся обращения.",
        "",
        *(p.text() for p in check.problems),
        "",
    ]
    try:
        path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    except OSError as exc:
        raise DomainError(f"Не удалось записать список «{path}»: {os_error_text(exc)}") from exc
    make_private(path)
