"""Figures of the PyInstaller bundle: its size (raw, tar.gz and zip) against the targets, and the start
time of the bundled program against the program run from source, side by side, medians. Prints JSON.

    python scripts/measure_bundle.py [dist/AppealDesk] [--runs 5] [--appeals 2000] [--size-only]

Start time is measured as ``benchmarks/bench_startup.py`` does (APPEALDESK_BENCH hooks, offscreen): from
just before the process is started to the first painted main window (``painted``) and to the journal's
first rows painted (``journal_filled``), on one demo database, the two programs alternating.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# 150 MB before the letters and the print preview: lxml.etree (python-docx, 5 MB), PDFium (7 MB), python-docx's
# templates and the serif fonts of the letters (2 MB)
MAX_SIZE_MB = 165
# 60 MB before the PostgreSQL driver: psycopg's binary wheel brings libpq with its own OpenSSL, Kerberos,
# LDAP and SASL libraries (about 4 MB compressed on Linux); 65 MB before the letters and PDFium (about 5 MB)
MAX_COMPRESSED_MB = 72
MB = 1024 * 1024


class _Counter(io.RawIOBase):
    """A write-only sink that counts bytes (the archives are measured, not kept)."""

    def __init__(self):
        self.n = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.n += len(b)
        return len(b)


def sizes(bundle: Path) -> dict:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    raw = sum(p.stat().st_size for p in files)
    sink = _Counter()
    with tarfile.open(fileobj=sink, mode="w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name)
    tgz = sink.n
    sink = _Counter()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for p in files:
            zf.write(p, p.relative_to(bundle.parent))
    zipped = sink.n
    biggest = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:8]
    return {
        "bundle": str(bundle),
        "files": len(files),
        "size_mb": round(raw / MB, 1),
        "tar_gz_mb": round(tgz / MB, 1),
        "zip_mb": round(zipped / MB, 1),
        "target_size_mb": MAX_SIZE_MB,
        "target_compressed_mb": MAX_COMPRESSED_MB,
        "size_ok": raw / MB <= MAX_SIZE_MB,
        "compressed_ok": min(tgz, zipped) / MB <= MAX_COMPRESSED_MB,
        "largest_files_mb": {str(p.relative_to(bundle)): round(p.stat().st_size / MB, 1) for p in biggest},
    }


def _exe(bundle: Path) -> Path:
    for name in ("AppealDesk", "AppealDesk.exe"):
        if (bundle / name).is_file():
            return bundle / name
    raise SystemExit(f"no AppealDesk executable in {bundle}")


def _one(cmd: list[str], env: dict) -> dict:
    started = time.time()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180, cwd=ROOT)
    line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("{")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    data = json.loads(line)
    return {"painted_ms": round((data["painted"] - started) * 1000),
            "journal_filled_ms": round((data["journal_filled"] - started) * 1000)}


def start_times(bundle: Path, runs: int, appeals: int) -> dict:
    home = Path(tempfile.mkdtemp(prefix="appealdesk-measure-"))
    db = home / "measure.sqlite3"
    env = dict(os.environ, APPEALDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen", APPEALDESK_BENCH="1")
    made = subprocess.run([sys.executable, "-m", "appealdesk.cli.main", "--db", str(db), "demo", "--appeals",
                           str(appeals)], env=env, cwd=ROOT, capture_output=True, text=True)
    if made.returncode != 0:
        raise SystemExit(f"demo database failed: {made.stderr}")
    commands = {
        "source": [sys.executable, str(ROOT / "scripts" / "appealdesk_entry.py"), "--db", str(db)],
        "bundle": [str(_exe(bundle)), "--db", str(db)],
    }
    for cmd in commands.values():  # warm the disk cache (and Python's bytecode cache) once
        _one(cmd, env)
    runs_of: dict[str, list[dict]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, cmd in commands.items():  # alternating, side by side
            runs_of[name].append(_one(cmd, env))
    out: dict = {"runs": runs, "appeals": appeals}
    for name, rs in runs_of.items():
        out[name] = {
            "painted_median_ms": statistics.median(r["painted_ms"] for r in rs),
            "journal_filled_median_ms": statistics.median(r["journal_filled_ms"] for r in rs),
            "painted_ms": [r["painted_ms"] for r in rs],
        }
    out["bundle_not_slower"] = (
        out["bundle"]["painted_median_ms"] <= out["source"]["painted_median_ms"] * 1.05
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "AppealDesk"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--appeals", type=int, default=2000)
    ap.add_argument("--size-only", action="store_true")
    args = ap.parse_args(argv)
    bundle = Path(args.bundle)
    if not bundle.is_dir():
        raise SystemExit(f"no bundle at {bundle}: run scripts/build_bundle.sh first")
    result = {"size": sizes(bundle)}
    if not args.size_only:
        result["start"] = start_times(bundle, args.runs, args.appeals)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    ok = result["size"]["size_ok"] and result["size"]["compressed_ok"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
