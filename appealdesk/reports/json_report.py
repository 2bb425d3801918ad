"""The report as data (``exchange_formats.md`` section 2): one JSON object, keys in the contract's order,
every vocabulary key present (zeros where nothing was counted), ``null`` where there is no comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .model import CONTRACT_SECTIONS, Figure, Report


def report_to_json(report: Report) -> dict:
    """The contract's object as Python values (dicts keep the contract's key order)."""
    sections: dict[str, object] = {}
    for key, grouped in CONTRACT_SECTIONS:
        value = report.sections[key]
        if grouped:
            assert isinstance(value, dict)
            sections[key] = {k: f.as_dict() for k, f in value.items()}
        else:
            assert isinstance(value, Figure)
            sections[key] = value.as_dict()
    return {
        "period": report.period.as_dict(),
        "previous": report.previous.as_dict() if report.previous is not None else None,
        "sections": sections,
    }


def report_json_text(report: Report) -> str:
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"


def write_report_json(report: Report, path: str | os.PathLike) -> Path:
    from ..private_files import make_private

    target = Path(path)
    target.write_text(report_json_text(report), encoding="utf-8")
    make_private(target)
    return target
