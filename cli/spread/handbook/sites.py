"""Tables of sites, shared by the playbook page and the network dashboard.

Each lists every site running a playbook, so they grow with the network (hundreds of rows): they are raw
HTML with one element per cell (see `markup`), and the sections holding them stay out of the search index,
which finds a site through its own page.
"""

from __future__ import annotations

from spread.handbook import markup, paths
from spread.handbook.markup import inline
from spread.handbook.regulator import rating_cell
from spread.handbook.score import band_notes, review_title, total_text
from spread.handbook.words import STAGES
from spread.model.adopters import capital
from spread.report.rollup import PlaybookReport, SiteStatus, stale_words
from spread.report.text import trend_text


def site_link(status: SiteStatus, page: str) -> str:
    site = status.site
    return markup.a(paths.url(page, paths.site(site.playbook, site.id)), inline(site.name))


def band_cell(status: SiteStatus) -> str:
    """The latest band in words, with what must be read with it: `Good`, `Low, capped by a critical breach: Safe
    club`, `Incomplete audit, unverified: Safe sessions not rated`, `Out of date (was High)`, `No audit yet`."""
    if status.score is None:
        return "No audit yet"
    band = (inline(status.score.verdict_name) if status.score.verdict_name else "Incomplete audit") \
        + band_notes(status.score)
    # A stale score is no evidence of today's practice: it never reads as a band of its own.
    return band if status.age is None else f"Out of date (was {band})"


def version_cell(status: SiteStatus) -> str:
    behind = f" (behind: {inline(status.latest_version)} is out)" if status.behind and status.latest_version else ""
    return inline(status.site.version) + behind


def _flags(status: SiteStatus) -> str:
    score, flags = status.score, []
    if status.age is not None and status.score is not None:
        flags.append(inline(stale_words(status.score.period, status.age))
                     + (f" ({inline(status.owed)} for {inline(status.due)} overdue)" if status.overdue else ""))
    elif status.overdue:
        flags.append(f"{inline(status.owed)} for {inline(status.due)} overdue")
    if score is not None:
        flags += [f"critical breach: {inline(c)}" for c in sorted({r.item.component for r in score.breaches})]
        flags += ["below minimum: " + ", ".join(inline(r.item.id) for r in score.below_min)] if score.below_min else []
    return "; ".join(flags)


def sites_scores(report: PlaybookReport, page: str) -> str:
    """Every site with its latest score and trend: the table `spread report` prints, for readers."""
    if not report.sites:
        return nobody(report)
    regulator = report.playbook.regulator
    # The regulator's rating sits beside the self-rated band, in a column of its own: never mixed into it.
    rows = [[site_link(s, page), version_cell(s), inline(s.score.period) if s.score else "None", band_cell(s),
             review_cell(s), *([rating_cell(s.site, regulator, s.today)] if regulator else []),
             total_text(s.score) if s.score else "", trend_text(s.trend), _flags(s)] for s in report.sites]
    rated = [f"{inline(regulator.called)} rating"] if regulator else []
    band = "Band" if report.playbook.instrument.bands else "Verdict"
    return markup.table([inline(capital(report.playbook.adopter.one)), "Version", "Latest audit", band, "Review",
                         *rated, "Score", "Trend (%)", "Flags"], rows)


def sites_table(report: PlaybookReport, page: str) -> str:
    adopter = report.playbook.adopter
    if not report.sites:
        return nobody(report)
    rows = [[site_link(s, page), inline(s.site.area or ""), version_cell(s),
             STAGES.get(s.site.stage, inline(s.site.stage)), inline(s.score.period) if s.score else "None",
             band_cell(s), review_cell(s)] for s in report.sites]
    band = "Band" if report.playbook.instrument.bands else "Verdict"
    return markup.table([inline(capital(adopter.one)), inline(capital(adopter.area_words)), "Version", "Stage",
                         "Latest audit", band, "Review"], rows)


def nobody(report: PlaybookReport) -> str:
    """What a table of sites says when there is none, in the playbook's words: `No site runs this playbook yet.`"""
    return f"No {inline(report.playbook.adopter.one)} runs this playbook yet."


def review_cell(status: SiteStatus) -> str:
    """Who rated the latest audit, beside its band: `Independent review`, `Self-audit`; empty without an audit."""
    return review_title(status.score.review) if status.score and status.score.review else ""
