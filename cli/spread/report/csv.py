"""A network report as CSV for commissioners' spreadsheets: one row per site, a header row, UTF-8 with a BOM so
Excel reads accents, no line breaks inside cells, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from spread.model.audit import review_words
from spread.report.data import DATED, site_row
from spread.report.learning import one_line
from spread.report.rollup import SiteStatus, dated
from spread.report.summary import Cell, NetworkSummary
from spread.scoring import shown

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("playbook", "site", "name", "stage", "version", "latest_version", "behind", "last_audit", "band", "review",
           "band_before_cap", "capped_by", "unverified", "complete", "total", "maximum", "percent", "overdue", "audit_due",
           "out_of_date", "audit_age_months", "critical_breaches", "below_minimum",
           "goals_met", "goals_by_area", "trend")
DATED_AT = COLUMNS.index(DATED[0])




def cell(value: Any) -> Cell:
    """A value as a safe, single-line cell. Numbers stay numbers (a negative number is not a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = one_line("; ".join(value) if isinstance(value, list) else str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def site_cells(status: SiteStatus) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
    """One site's row after the playbook column, whatever the date: the cells before and after the cells that depend
    on the date (`data.DATED`, see `dated_cells`)."""
    trend = [f"{s.period} {s.verdict or 'incomplete'}"
             + (f" ({shown.percent(s)})" if s.percent is not None else "")
             + (f", {review_words(s.review)}" if s.review else "") for s in status.trend]
    row = site_row(status) | {"trend": trend}
    return (tuple(cell(row[column]) for column in COLUMNS[1:DATED_AT]),
            tuple(cell(row[column]) for column in COLUMNS[DATED_AT + len(DATED):]))


def dated_cells(parts: Sequence[Sequence[Cell]], overdue: bool, due: str, stale: bool = False,
                age: int | None = None) -> list[Cell]:
    """A site's row from `site_cells`, with its cells for the report's date (`data.DATED`, from `rollup.dated`)."""
    before, after = parts
    return [*before, cell(overdue), cell(due), cell(stale), cell(age), *after]


def report_csv(report: NetworkSummary) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for playbook in report.playbooks:
        first = cell(playbook.playbook.id)
        writer.writerows([first, *dated_cells(site.csv, *dated(site.schedule, report.today))]
                         for site in playbook.sites)
    return BOM + out.getvalue()
