"""The report wizard of the desktop (issue 6): ``open_report_wizard(desk, parent)``; the district's roll-up
of its settlements' reports: ``ui.reports.rollup.open_rollup(desk, parent)``."""

from __future__ import annotations

from .wizard import ReportWizard, open_report_wizard

__all__ = ["ReportWizard", "open_report_wizard"]
