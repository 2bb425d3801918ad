"""The published reports on the work with appeals: figures counted in SQL (``aggregate``), the JSON of
``exchange_formats.md`` section 2 (``json_report``), the PDF (``pdf``) and XLSX (``xlsx``) documents, and
the journal / overdue lists of a period (``lists``). No Qt; reportlab and openpyxl are imported only by the
modules that write those files."""

from __future__ import annotations

from .aggregate import build_report
from .document import SECTION_TITLES, ReportOptions
from .json_report import report_to_json, write_report_json
from .model import Figure, Report
from .periods import Period, half_year, nine_months, quarter, whole_year
from .reception import ReceptionFigures, ReceptionLine

__all__ = [
    "SECTION_TITLES",
    "Figure",
    "Period",
    "ReceptionFigures",
    "ReceptionLine",
    "Report",
    "ReportOptions",
    "build_report",
    "half_year",
    "nine_months",
    "quarter",
    "report_to_json",
    "whole_year",
    "write_report_json",
]
