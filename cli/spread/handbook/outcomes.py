"""A playbook's reach, outcomes and participant voice on its network dashboard: each site's latest figures, people
reached this year, each outcome across sites against its target with a chart of fidelity against it, the sites
whose participants disagree with their rating, and every table as a CSV download (the bytes of `spread report`)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from spread.handbook import markup, paths
from spread.handbook.blocks import heading, section
from spread.handbook.charts import figure
from spread.handbook.escaping import text
from spread.handbook.figures import SMALL_NOTE, met_words
from spread.handbook.markup import inline
from spread.handbook.scatter import Dot, scatter
from spread.handbook.sites import site_link
from spread.report.figures import sites_of, this_year
from spread.report.outcomes import Across, across, gaps, reached
from spread.report.rollup import PlaybookReport
from spread.scoring import shown
from spread.scoring.figures import target_words
from spread.scoring.numbers import exact


def downloads(report: PlaybookReport, page: str) -> str:
    """Links to the dashboard's tables as CSV, each the same bytes `spread report <id> --format csv` writes."""
    pid = report.playbook.id
    links = [markup.a(paths.url(page, paths.csv_file(pid, which)), label) + f" (<code>spread report {pid} --format "
             f"csv{'' if which == 'sites' else ' --table ' + which}</code>)"
             for which, label in (("sites", "Sites (CSV)"), ("figures", "Reach and outcome figures (CSV)"),
                                  ("voice", "Participant voice (CSV)"))]
    return markup.para("Download these tables: " + " · ".join(links), "spread-downloads")


def _chart(report: PlaybookReport, a: Across) -> str:
    statuses = {s.site.id: s for s in report.sites}
    dots, rows = [], []
    for site_id, latest in a.sites:
        status = statuses[site_id]
        score = status.score
        fidelity = None if score is None or score.percent is None else float(score.percent)
        if fidelity is not None and latest.number is not None:
            dots.append(Dot(status.site.name, fidelity, Fraction(latest.number), latest.shown))
        percent = shown.percent(score) if score is not None and score.percent is not None else "no score"
        rows.append([inline(status.site.name), inline(percent), inline(latest.shown), inline(latest.period)])
    m = a.measure
    target = None if m.target is None else exact(m.target)
    chart = scatter(f"outcome-{report.playbook.id}-{m.id}", f"Fidelity against {m.name}", m.unit, dots, target,
                    target_words(m))
    return section(heading(3, text(m.name), f"outcome-{m.id}", indexed=False),
                   figure(chart, "Each site's latest figure against its fidelity at the latest audit; the same "
                          "numbers are in the table.")
                   + markup.table(["Site", "Fidelity", inline(m.name), "Period"], rows))


def dashboard_section(report: PlaybookReport, page: str, today: date) -> str:
    pb = report.playbook
    if not pb.measures and pb.voice is None:
        return ""
    sites, year = sites_of(report), this_year(today)
    names = {s.site.id: s for s in report.sites}
    parts = [heading(2, "Reach and outcomes", "reach-and-outcomes", indexed=False), downloads(report, page)]
    headline = next((m for m in pb.measures if m.headline), None)
    if headline is not None:
        total = reached(sites, year, pb.suppress_below)
        parts.append(markup.para(f"<strong>People reached in {year}</strong> ({inline(headline.name.lower())}): "
                                 f"{inline(total.shown(headline.unit))}."))
    rows = [[inline(a.measure.name), inline(a.pooled), inline(target_words(a.measure)),
             f"{a.meeting} of {a.judged}" if a.judged else "", met_words(a.met)] for a in across(pb, sites)]
    if rows:
        parts.append(markup.table(["Measure", "All sites (latest figures)", "Target", "Sites meeting it",
                                   "Network"], rows))
    site_rows = [[site_link(names[site], page), *(inline(m.latest()[x.id].shown) if x.id in m.latest() else "–"
                                                  for x in pb.measures)] for site, m in sites if m.figures]
    if site_rows:
        parts.append(markup.table(["Site", *(inline(x.name) for x in pb.measures)], site_rows))
    parts += [_chart(report, a) for a in across(pb, sites, "outcome")]
    found = gaps(sites)
    if pb.voice is not None:
        listed = [f"{site_link(names[site], page)}: {inline(v.title)}: rated {inline(v.level or '')} by the site, "
                  f"{inline(v.shown)}" for site, v in found]
        parts += [heading(3, "Where participants disagree with a site's rating", "participant-gaps", indexed=False),
                  markup.bullets(listed) or markup.para("No site rated a component expected while most of its "
                                                        "participants disagree.")]
    parts.append(markup.para(SMALL_NOTE.format(n=pb.suppress_below)))
    return section(*parts)
