"""Demo data as a service (``desk.demo``): the first-run wizard's «try it out» and ``appealdesk-cli demo``.
Administrator only: it fills the database with made-up appeals."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.roles import Permission as P
from .access import requires
from .context import ServiceContext


class DemoService:
    def __init__(self, ctx: ServiceContext, desk):
        self._ctx = ctx
        self._desk = desk

    @requires(P.DEMO)
    def make(self, appeals: int, *, seed: int = 1, year: int | None = None,
             progress: Callable[[int, int], object] | None = None):
        """A realistic office: villages, officials, ``appeals`` appeals over last year and this one,
        receptions and promises (``DemoSummary``)."""
        from ..demo.generator import make_demo

        return make_demo(self._desk, self._ctx, appeals, seed=seed, year=year, progress=progress)
