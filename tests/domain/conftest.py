"""Shared fixtures of the domain tests: the real production calendar (``holidays`` RU + bundled overrides)."""

from __future__ import annotations

import pytest

from appealdesk.domain.calendar import WorkCalendar, load_bundled_overrides
from appealdesk.domain.deadlines import FOLLOWING, PRECEDING, DeadlineEngine, DeadlineRules
from appealdesk.paths import resources_dir

BUNDLED_OVERRIDES = resources_dir() / "reference" / "production_calendar_overrides.csv"


@pytest.fixture(scope="session")
def bundled_overrides():
    return load_bundled_overrides(BUNDLED_OVERRIDES)


@pytest.fixture(scope="session")
def calendar(bundled_overrides):
    """The calendar the program runs with: ``holidays`` RU plus the bundled decree overrides."""
    return WorkCalendar(bundled_overrides)


@pytest.fixture(scope="session")
def engine_prev(calendar):
    """Deadline engine with the default rule: a day off moves to the preceding working day."""
    return DeadlineEngine(calendar, DeadlineRules(non_working_rule=PRECEDING))


@pytest.fixture(scope="session")
def engine_next(calendar):
    """Deadline engine with the other practice: a day off moves to the next working day."""
    return DeadlineEngine(calendar, DeadlineRules(non_working_rule=FOLLOWING))
