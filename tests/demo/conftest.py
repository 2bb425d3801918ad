"""Fixtures of the demo tests: one demo database of 500 appeals with a fixed seed and "today", built once
per session with a registrar that runs ``BulkRegistrar.check`` on every appeal before writing it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from appealdesk.demo import DemoSummary, generator
from appealdesk.services import AppealDesk
from appealdesk.services.bulk import BulkRegistrar
from appealdesk.storage.models import Appeal, Applicant, Extension, Forwarding, Question

DEMO_TODAY = date(2026, 3, 18)  # a Wednesday: the current year has begun, the last one is complete
DEMO_APPEALS = 500
DEMO_SEED = 7


@dataclass
class Demo:
    desk: AppealDesk
    summary: DemoSummary
    path: Path | str
    problems: list = field(default_factory=list)  # (summary, [FieldError]) of appeals the rules refused


def build_demo(target: Path | str, appeals: int, seed: int, today: date = DEMO_TODAY, **kwargs) -> Demo:
    """The fresh database ``target`` filled by ``make_demo``; every appeal is checked before it is added."""
    desk = AppealDesk.open(target, today=lambda: today)
    problems: list = []

    class CheckingRegistrar(BulkRegistrar):
        def add(self, data, extra=None):
            errors = self.check(data, extra)
            if errors:
                problems.append((data.summary, errors))
            return super().add(data, extra)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(generator, "BulkRegistrar", CheckingRegistrar)
        summary = desk.demo.make(appeals, seed=seed, **kwargs)
    return Demo(desk, summary, target, problems)


@pytest.fixture(scope="session")
def demo(tmp_path_factory, databases, template_db) -> Demo:
    target = databases.copy(template_db, tmp_path_factory.mktemp("demo"), "demo")
    built = build_demo(target, DEMO_APPEALS, DEMO_SEED)
    yield built
    built.desk.close()


def table_rows(desk: AppealDesk, model, skip: tuple[str, ...] = ()) -> list[dict]:
    """Every row of a table as a dict (without the columns in ``skip``), ordered by id."""
    cols = [c for c in model.__table__.columns if c.name not in skip]
    with desk._ctx.read() as s:
        key = model.__table__.primary_key.columns.values()[0]
        return [dict(r._mapping) for r in s.execute(select(*cols).order_by(key))]


@pytest.fixture(scope="session")
def appeals(demo) -> list[dict]:
    return table_rows(demo.desk, Appeal)


@pytest.fixture(scope="session")
def questions(demo) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for q in table_rows(demo.desk, Question):
        out.setdefault(q["appeal_id"], []).append(q)
    for qs in out.values():
        qs.sort(key=lambda q: q["position"])
    return out


@pytest.fixture(scope="session")
def extensions(demo) -> dict[int, dict]:
    return {e["appeal_id"]: e for e in table_rows(demo.desk, Extension)}


@pytest.fixture(scope="session")
def forwardings(demo) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for f in table_rows(demo.desk, Forwarding):
        out.setdefault(f["appeal_id"], []).append(f)
    return out


@pytest.fixture(scope="session")
def applicants(demo) -> dict[int, dict]:
    return {a["id"]: a for a in table_rows(demo.desk, Applicant)}
