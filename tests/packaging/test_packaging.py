"""The packaging files: what the bundle must carry, the version resource, the installer script (compiled
with makensis when it is installed), the Windows workflow, and the self-test from source.

Building the bundle itself takes a minute: .ci/run does it (scripts/build_bundle.sh) after the tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import appealdesk

ROOT = Path(__file__).resolve().parents[2]


def test_spec_carries_everything_read_at_run_time():
    spec = (ROOT / "appealdesk.spec").read_text(encoding="utf-8")
    for needle in ('"versions"', '"env.py"', '"reference"', '"fonts"', '"icons"', "qtbase_ru.qm",
                   "locale/ru/LC_MESSAGES/RU.mo", "upx=False", "exclude_binaries=True", "appealdesk.ico",
                   "version_info.txt", "PySide6.QtWebEngineCore", "PySide6.Qt3DCore", "PySide6.QtQuick",
                   "PySide6.QtMultimedia", "console=False", '"sqlalchemy.dialects.postgresql.psycopg"',
                   'collect_submodules("psycopg"', '"psycopg_binary.pq"', '"psycopg_binary._psycopg"',
                   'collect_data_files("docx")', 'collect_data_files("pytrovich"', 'collect_dynamic_libs("pypdfium2_raw")',
                   '"docxtpl"'):
        assert needle in spec, needle
    excludes = re.search(r"^excludes = \[(.*?)^\]", spec, re.S | re.M).group(1)
    assert not re.search(r'"psycopg(_binary)?[".]', excludes)  # the PostgreSQL driver is in the bundle
    assert '"lxml"' not in excludes  # python-docx reads and writes the letters with it
    # the things the spec names exist
    for rel in ("resources/icons/appealdesk.ico", "resources/icons/appealdesk.png", "resources/fonts/LICENSE-DejaVu.txt",
                "installer/version_info.txt", "scripts/appealdesk_entry.py",
                "appealdesk/storage/migrations/env.py"):
        assert (ROOT / rel).is_file(), rel


def test_the_icon_has_every_windows_size():
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "appealdesk.ico") as ico:
        sizes = ico.info["sizes"]
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(sizes)


def test_version_resource_matches_the_package():
    text = (ROOT / "installer" / "version_info.txt").read_text(encoding="utf-8")
    version = appealdesk.__version__
    numbers = tuple(int(x) for x in version.split(".")) + (0,) * (4 - len(version.split(".")))
    assert f"filevers={numbers}" in text.replace(" ", "").replace(",)", ")") or \
        f"filevers=({', '.join(map(str, numbers))})" in text
    assert f"StringStruct('ProductVersion', '{version}')" in text
    assert f"StringStruct('FileVersion', '{version}')" in text


def test_installer_script_is_per_user_russian_and_keeps_data():
    nsi = (ROOT / "installer" / "appealdesk.nsi").read_text(encoding="utf-8-sig")
    assert "RequestExecutionLevel user" in nsi
    assert r"$LOCALAPPDATA\Programs" in nsi
    assert 'MUI_LANGUAGE "Russian"' in nsi
    assert "$SMPROGRAMS" in nsi and "$DESKTOP" in nsi
    assert "HKLM" not in nsi  # never a machine-wide key (would need administrator rights)
    # the data folder is removed only when the user ticked it
    data_removal = [ln for ln in nsi.splitlines() if "RMDir" in ln and "DATADIR" in ln]
    assert data_removal and all("/r" in ln for ln in data_removal)
    block = nsi[nsi.index('${If} $RemoveData == "1"'):]
    assert block.index('RMDir /r "${DATADIR}"') < block.index("${EndIf}")
    assert 'StrCpy $RemoveData "0"' in nsi


def test_data_folder_of_the_installer_is_the_programs_data_folder():
    """The uninstaller's data folder is where the program keeps its data on Windows (platformdirs)."""
    nsi = (ROOT / "installer" / "appealdesk.nsi").read_text(encoding="utf-8-sig")
    assert '!define DATADIR "$LOCALAPPDATA\\AppealDesk"' in nsi
    from appealdesk.paths import APP_NAME

    assert APP_NAME == "AppealDesk"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs makensis (apt-get install nsis)")
def test_installer_script_compiles(tmp_path):
    bundle = tmp_path / "AppealDesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "AppealDesk.exe").write_bytes(b"MZ placeholder")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    out = tmp_path / f"AppealDesk-{appealdesk.__version__}-setup.exe"
    proc = subprocess.run(
        ["makensis", "-V2", "-WX", "-DNSIS_FAST", f"-DVERSION={appealdesk.__version__}", f"-DBUNDLE={bundle}",
         f"-DOUTFILE={out}", f"-DICON={ROOT / 'resources' / 'icons' / 'appealdesk.ico'}",
         str(ROOT / "installer" / "appealdesk.nsi")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"


def test_windows_workflow_builds_tests_and_keeps_the_installer():
    wf = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "windows-latest" in wf
    for needle in ("pytest", "appealdesk.spec", "AppealDesk.exe", "--self-test", "makensis", "upload-artifact",
                   '".[test,build]"'):
        assert needle in wf, needle


def test_build_extra_and_ci_steps():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    build = re.search(r"^build = \[(.*?)\]", pyproject, re.S | re.M)
    assert build and "pyinstaller" in build.group(1)
    test_extra = re.search(r"^test = \[(.*?)\]", pyproject, re.S | re.M)
    assert test_extra and "pyinstaller" not in test_extra.group(1)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("python -m pytest") < ci.index("scripts/build_bundle.sh") < ci.index("scripts/build_installer.sh")
    assert "nsis" in ci
    # the database tests run again on a PostgreSQL server that the script starts and always stops
    assert ci.index("python -m pytest") < ci.index('APPEALDESK_TEST_PG="$PG_URL" python -m pytest')
    assert "apt-get install" in ci and " postgresql " in ci
    assert "trap stop_pg EXIT" in ci and "pg_test_server.sh stop" in ci


def test_self_test_from_source(tmp_path):
    env = dict(os.environ, APPEALDESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    report = tmp_path / "report.txt"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "appealdesk_entry.py"), "--self-test",
                           "--report", str(report)], env=env, capture_output=True, text=True, timeout=180,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = report.read_text(encoding="utf-8")
    for needle in ("PostgreSQL driver: psycopg 3.", "migrations applied", "appeal registered", "report PDF", "report XLSX",
                   "Russian translation loaded", "main window shown offscreen", "SELF-TEST PASSED"):
        assert needle in text, needle
    assert not (tmp_path / "home").exists()  # the user's data folder is not touched


def test_core_self_test_reports_a_missing_resource(tmp_path, monkeypatch):
    from appealdesk import selftest

    monkeypatch.setattr("appealdesk.paths.resources_dir", lambda: tmp_path)
    lines: list[str] = []
    assert selftest.run(lines.append) == 1
    assert any(ln.startswith("FAIL") and "missing resource" in ln for ln in lines)
