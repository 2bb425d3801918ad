"""Short forms of names for narrow lists."""

from __future__ import annotations

import pytest

from appealdesk.domain.names import short_full_name


@pytest.mark.parametrize(("full", "short"), [
    ("Соколов Андрей Викторович", "Соколов А. В."),
    ("Кравченко Ольга", "Кравченко О."),
    ("  Петров   Иван  Ильич ", "Петров И. И."),
    ("Администрация", "Администрация"),
    ("Оглы Мамедов Али Гусейн оглы", "Оглы Мамедов Али Гусейн оглы"),
    ("", ""),
])
def test_short_full_name(full, short):
    assert short_full_name(full) == short
