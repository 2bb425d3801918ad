"""Moving the office's database to a server (``desk.transfer``, ``appealdesk-cli move-to``): the whole
database, scans and users included, copied into an empty PostgreSQL database in one transaction and
compared table by table before it is committed (``storage.transfer``). Administrator only."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.roles import Permission as P
from ..storage.transfer import TransferReport, copy_database
from .access import requires
from .context import ServiceContext


class TransferService:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    @requires(P.MOVE)
    def move_to(self, url: str, *, progress: Callable[[str, int, int], object] | None = None) -> TransferReport:
        """Copy everything into the empty database at ``url``; this database is only read."""
        return copy_database(self._ctx.db, url, progress=progress)
