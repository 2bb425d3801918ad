"""The upload archive: one JSON file per request (``<GUID>.json``, UTF-8, indented), in ZIP parts of at
most 50 MB (``name.zip``, or ``name-001.zip``, ``name-002.zip``… when one part is not enough). Written
under temporary names and renamed at the end: a failure leaves no archive half-written."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
import zipfile
from collections.abc import Iterable
from pathlib import Path

PART_LIMIT = 50 * 1000 * 1000  # bytes of one ZIP part (the manual upload's limit)


def request_bytes(request: dict) -> bytes:
    return json.dumps(request, ensure_ascii=False, indent=2).encode("utf-8")


def write_parts(target: Path, requests: Iterable[bytes], limit: int = PART_LIMIT) -> list[Path]:
    """Write the requests into ZIP parts beside ``target``; returns the final paths."""
    from ..private_files import make_private

    stem, folder = target.stem, target.parent
    temps: list[Path] = []
    zf: zipfile.ZipFile | None = None
    raw = None

    def new_part() -> None:
        nonlocal zf, raw
        if zf is not None:
            zf.close()
        path = folder / f".{stem}-{len(temps) + 1:03d}.zip.partial"
        temps.append(path)
        raw = open(path, "wb")  # noqa: SIM115 (closed below, with the ZIP)
        zf = zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6)

    try:
        count = 0
        for data in requests:
            if zf is None or (count and raw.tell() + len(data) + 1024 > limit):
                if zf is not None:
                    zf.close()
                    raw.close()
                    zf = None
                new_part()
                count = 0
            zf.writestr(f"{uuid.uuid4()}.json", data)
            count += 1
        if zf is None:
            new_part()  # nothing to write: an empty archive still says "nothing this month"
        zf.close()
        raw.close()
        zf = None
        finals = [target] if len(temps) == 1 else [folder / f"{stem}-{n:03d}.zip" for n in range(1, len(temps) + 1)]
        for tmp, final in zip(temps, finals, strict=True):
            os.replace(tmp, final)
            make_private(final)
        return finals
    except BaseException:
        if zf is not None:
            with contextlib.suppress(Exception):
                zf.close()
        if raw is not None:
            with contextlib.suppress(Exception):
                raw.close()
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
