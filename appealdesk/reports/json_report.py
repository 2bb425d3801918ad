"""The report as data (``exchange_formats.md`` section 2 and its version-2 additions, 2.1): one JSON object,
keys in the contract's order, every vocabulary key present (zeros where nothing was counted), ``null`` where
there is no comparison. A district roll-up (section 3) adds ``by_organisation``."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .model import CONTRACT_SECTIONS, FORMAT_VERSION, NESTED_SECTIONS, Figure, Report


def sections_to_json(sections: dict) -> dict[str, object]:
    """The contract's ``sections`` object (without ``shares``) of counted sections."""
    out: dict[str, object] = {}
    for key, grouped in CONTRACT_SECTIONS:
        value = sections[key]
        if key in NESTED_SECTIONS:
            out[key] = {q: {k: f.as_dict() for k, f in group.items()} for q, group in value.items()}
        elif grouped:
            assert isinstance(value, dict)
            out[key] = {k: f.as_dict() for k, f in value.items()}
        else:
            assert isinstance(value, Figure)
            out[key] = value.as_dict()
    return out


def report_to_json(report: Report) -> dict:
    """The contract's object as Python values (dicts keep the contract's key order)."""
    sections = sections_to_json(report.sections)
    sections["shares"] = {name: dict(values) for name, values in report.shares.items()}
    out: dict[str, object] = {
        "format_version": FORMAT_VERSION,
        "organisation": {"name": report.organisation, "oktmo": report.oktmo, "inn": report.inn},
        "as_of": report.made_on.isoformat() if report.made_on else None,
        "period_complete": report.period_complete,
        "period": report.period.as_dict(),
        "previous": report.previous.as_dict() if report.previous is not None else None,
        "sections": sections,
    }
    if report.by_organisation is not None:
        out["by_organisation"] = report.by_organisation
    return out


def report_json_text(report: Report) -> str:
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"


def write_report_json(report: Report, path: str | os.PathLike) -> Path:
    from ..private_files import make_private

    target = Path(path)
    target.write_text(report_json_text(report), encoding="utf-8")
    make_private(target)
    return target
