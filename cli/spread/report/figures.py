"""Reach, outcomes and participant voice as the report's data: the JSON members and the rows of the CSV tables
(`--table figures`, `--table voice`), all from the same publishable data, so a suppressed figure is "fewer than 5"
everywhere and its numbers appear nowhere. `report.tables` words them for the terminal and writes the CSV."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from spread.report.measures import SiteMeasures
from spread.report.outcomes import Sites, across, gaps, reached
from spread.scoring.figures import FigureResult
from spread.scoring.numbers import plain
from spread.scoring.voice import ComponentVoice

if TYPE_CHECKING:
    from spread.report.rollup import RollUp

FIGURE_COLUMNS = ("playbook", "site", "period", "measure", "name", "kind", "unit", "figure", "value", "n", "numerator",
                  "denominator", "suppressed", "target", "better", "meets_target")
VOICE_COLUMNS = ("playbook", "site", "period", "component", "title", "site_level", "answered", "agree_percent",
                 "disagree_percent", "suppressed", "gap")


def sites_of(report: RollUp[Any]) -> Sites:
    """Each site's id and measures, from the report's summaries or the handbook's full site statuses."""
    return [(s.site if isinstance(s.site, str) else s.site.id, s.measures) for s in report.sites]


def this_year(today: date) -> str:
    return str(today.year)


def figure_data(figure: FigureResult) -> dict[str, Any]:
    return {"period": figure.period, "measure": figure.measure, "figure": figure.shown,
            "value": None if figure.number is None else plain(figure.number), "n": figure.n,
            "numerator": figure.numerator, "denominator": figure.denominator, "suppressed": figure.suppressed,
            "meets_target": figure.met}


def voice_data(voice: ComponentVoice) -> dict[str, Any]:
    return {"period": voice.period, "component": voice.component, "site_level": voice.level, "answered": voice.n,
            "agree_percent": None if voice.agree is None else plain(voice.agree),
            "disagree_percent": None if voice.disagree is None else plain(voice.disagree),
            "participants": voice.shown, "suppressed": voice.suppressed, "gap": voice.gap}


def site_data(measures: SiteMeasures) -> dict[str, Any]:
    """A site's members of the JSON report: every period's figures, the latest survey, people reached by year."""
    return {"figures": [figure_data(f) for f in measures.figures], "voice": [voice_data(v) for v in measures.voice],
            "people_reached": {year: {"shown": t.shown(), "value": t.exact} for year, t in measures.reached}}


def playbook_data(report: RollUp[Any], today: date) -> dict[str, Any]:
    """A playbook's measures across its sites, for the JSON report."""
    pb, sites, year = report.playbook, sites_of(report), this_year(today)
    total = reached(sites, year, pb.suppress_below)
    counted = any(m.headline for m in pb.measures)
    return {"people_reached": {"year": year, "shown": total.shown(), "value": total.exact} if counted else None,
            "measures": [{"measure": a.measure.id, "name": a.measure.name, "kind": a.measure.kind,
                          "unit": a.measure.unit, "target": a.measure.target, "better": a.measure.better,
                          "pooled": a.pooled, "pooled_meets_target": a.met, "sites_meeting_target": a.meeting,
                          "sites_with_a_figure": a.judged} for a in across(pb, sites)],
            "gaps": [{"site": site, "component": v.component, "site_level": v.level, "disagree_percent":
                      plain(v.disagree or "0")} for site, v in gaps(sites)]}


def figure_rows(report: RollUp[Any]) -> list[list[Any]]:
    """The `--table figures` rows of a playbook: one per site, period and measure (`FIGURE_COLUMNS`)."""
    pb = report.playbook
    names = {m.id: m for m in pb.measures}
    rows = []
    for site, measures in sites_of(report):
        for f in measures.figures:
            m = names.get(f.measure)
            rows.append([pb.id, site, f.period, f.measure, m and m.name, m and m.kind, m and m.unit,
                         f.shown, None if f.number is None else plain(f.number), f.n, f.numerator, f.denominator,
                         f.suppressed, m and m.target, m and m.better, f.met])
    return rows


def voice_rows(report: RollUp[Any]) -> list[list[Any]]:
    """The `--table voice` rows of a playbook: one per site and component at its latest survey (`VOICE_COLUMNS`)."""
    return [[report.playbook.id, site, c.period, c.component, c.title, c.level, c.n,
             None if c.agree is None else plain(c.agree), None if c.disagree is None else plain(c.disagree),
             c.suppressed, c.gap] for site, measures in sites_of(report) for c in measures.voice]
