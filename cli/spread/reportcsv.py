"""A network report as CSV for commissioners' spreadsheets: one row per site, a header row, UTF-8 with a BOM so
Excel reads accents, no line breaks inside cells, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from typing import Any

from spread.bands import number
from spread.learning import one_line
from spread.report import NetworkReport
from spread.reportdata import site_row

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("playbook", "site", "name", "stage", "version", "latest_version", "behind", "last_audit", "band",
           "complete", "total", "maximum", "percent", "overdue", "audit_due", "critical_breaches", "below_minimum",
           "goals_met", "trend")


def cell(value: Any) -> str | int | float:
    """A value as a safe, single-line cell. Numbers stay numbers (a negative number is not a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = one_line("; ".join(value) if isinstance(value, list) else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def report_csv(report: NetworkReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for playbook in report.playbooks:
        for status in playbook.sites:
            trend = [f"{s.period} {s.band.label if s.band else 'incomplete'}"
                     + (f" ({number(s.percent)}%)" if s.percent is not None else "") for s in status.trend]
            row = site_row(status) | {"playbook": playbook.playbook.id, "trend": trend}
            writer.writerow([cell(row[column]) for column in COLUMNS])
    return BOM + out.getvalue()
