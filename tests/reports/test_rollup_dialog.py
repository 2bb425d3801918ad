"""«Отчёты → Свод поселений…»: the files are checked as they are added (a wrong one is named at once), the
roll-up is written off the GUI thread."""

from __future__ import annotations

import json
from datetime import date

import pytest

from appealdesk.reports import Period
from ui.reports.rollup import RollupDialog

H1 = Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def files(office, tmp_path):
    """The office's report as two settlements' files, and one of another period."""
    out = []
    for n, name in enumerate(("Администрация Берёзовского сельсовета", "Администрация Сосновского сельсовета")):
        data = json.loads(office.reports.json_text(office.reports.build(H1, compare=True)))
        data["organisation"] = {"name": name, "oktmo": f"0160140{n}", "inn": None}
        path = tmp_path / f"отчёт_{n + 1}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out.append(path)
    other = json.loads(office.reports.json_text(office.reports.build(Period(date(2026, 1, 1), date(2026, 3, 31)))))
    other["organisation"] = {"name": "Администрация Малиновского сельсовета", "oktmo": None, "inn": None}
    path = tmp_path / "квартал.json"
    path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    out.append(path)
    return out


def test_the_roll_up_dialog(qtbot, office, files, tmp_path, qt_warnings_fail):
    dlg = RollupDialog(office)
    dlg.setProperty("quiet_open", True)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.generate_button.isEnabled()
    dlg.add_files(files[:2])
    assert dlg.summary.text().startswith("Свод за 1 полугодие 2026 года: организаций — 2, обращений — 12")
    assert dlg.generate_button.isEnabled()
    dlg.add_files(files[2:])
    assert "«квартал.json» — отчёт за другой период" in dlg.summary.text()
    assert not dlg.generate_button.isEnabled()
    dlg.files.setCurrentRow(2)
    dlg.files.item(2).setSelected(True)
    dlg._remove_selected()
    assert dlg.generate_button.isEnabled()
    dlg.fmt.set_value("xlsx")
    target = tmp_path / "свод.xlsx"
    dlg.out.setText(str(target))
    dlg._path_edited = True
    with qtbot.waitSignal(dlg.generated, timeout=30000) as blocker:
        dlg.generate()
    assert blocker.args[0] == target and target.stat().st_size > 0
    assert str(target) in dlg.status.text()
