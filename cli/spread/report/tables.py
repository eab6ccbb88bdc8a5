"""Reach, outcomes and participant voice for people: the text report's sections, and the CSV tables of
`spread report --format csv --table figures|voice` (the handbook's downloads are the same bytes)."""

from __future__ import annotations

import csv
import io
from datetime import date

from spread.report.csv import BOM, cell, report_csv
from spread.report.figures import FIGURE_COLUMNS, VOICE_COLUMNS, figure_rows, sites_of, this_year, voice_rows
from spread.report.outcomes import across, gaps, reached
from spread.report.summary import NetworkSummary, PlaybookSummary
from spread.report.text import table
from spread.scoring.figures import direction, target_words
from spread.scoring.voice import gap_words

TABLES = ("sites", "figures", "voice")


def playbook_lines(report: PlaybookSummary, today: date) -> list[str]:
    """A playbook's reach, outcomes and participant voice in the text report (nothing without measures or voice)."""
    pb, sites = report.playbook, sites_of(report)
    lines: list[str] = []
    rows = [["Site", "Measure", "Period", "Figure", "Change", "Target"]]
    for site, measures in sites:
        for measure in pb.measures:
            latest = measures.latest().get(measure.id)
            if latest is not None:
                before = measures.previous(measure.id)
                met = "" if latest.met is None else "met" if latest.met else "not met"
                rows.append([site, measure.name, latest.period, latest.shown,
                             direction(measure, before, latest) if before else "", met])
    if len(rows) > 1:
        year = this_year(today)
        lines += ["", f"Reach and outcomes at each site's latest figures (a figure about fewer than "
                  f"{pb.suppress_below} people is not shown):", *("  " + r for r in table(rows))]
        headline = next((m for m in pb.measures if m.headline), None)
        if headline is not None:
            lines.append(f"  People reached in {year} ({headline.name}): "
                         f"{reached(sites, year, pb.suppress_below).shown(headline.unit)}.")
        for a in across(pb, sites, "outcome"):
            target = target_words(a.measure)
            lines.append(f"  {a.measure.name}, all sites: {a.pooled}"
                         + (f"; {target}: {a.meeting} of {a.judged} sites meet it" if target else "") + ".")
    voiced = [(site, v) for site, m in sites for v in m.voice]
    if voiced:
        rows = [["Site", "Component", "Period", "Site's level", "Participants", "Gap"]]
        rows += [[site, v.title, v.period, v.level or "not rated", v.shown, "GAP" if v.gap else ""] for site, v in voiced]
        lines += ["", "Participant voice at each site's latest survey:", *("  " + r for r in table(rows))]
        lines += [f"  {site}: {gap_words(v)}" for site, v in gaps(sites)]
    return lines


def table_csv(report: NetworkSummary, which: str) -> str:
    """The figures or voice table of every playbook in the report, as CSV (the sites table is `report_csv`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIGURE_COLUMNS if which == "figures" else VOICE_COLUMNS)
    for playbook in report.playbooks:
        rows = figure_rows(playbook) if which == "figures" else voice_rows(playbook)
        writer.writerows([cell(value) for value in row] for row in rows)
    return BOM + out.getvalue()


def csv_text(report: NetworkSummary, which: str = "sites") -> str:
    """`spread report --format csv --table WHICH`, exactly: the handbook's downloads are these bytes."""
    return report_csv(report) if which == "sites" else table_csv(report, which)
