"""Tables of sites, shared by the playbook page and the network dashboard.

Each lists every site running a playbook, so they grow with the network (hundreds of rows): they are raw
HTML with one element per cell (see `markup`), and the sections holding them stay out of the search index,
which finds a site through its own page.
"""

from __future__ import annotations

from spread.handbook import markup, paths
from spread.handbook.blocks import front_matter, section
from spread.handbook.components import anchor
from spread.handbook.escaping import text
from spread.handbook.markup import inline
from spread.handbook.palette import badge
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
    """The latest band as a badge in the palette's colour, with what must be read with it: `Good`, `⚠ Low, capped by
    a critical breach: Safe club`, `Incomplete audit, unverified: Safe sessions not rated`, `Out of date (was
    High)`, `No audit yet`. A critical breach marks the badge itself."""
    score = status.score
    if score is None:
        return badge((), None, "No audit yet")
    said = inline(score.verdict_name) if score.verdict_name else "Incomplete audit"
    # A stale score is no evidence of today's practice: it never reads, or is coloured, as a band of its own.
    if status.age is not None:
        return f"{badge((), None, 'Out of date')} (was {said}{band_notes(score)})"
    label = score.band.label if score.band else None
    return badge(score.bands, label, said, breach=bool(score.breaches)) + band_notes(score)


def version_cell(status: SiteStatus) -> str:
    behind = f" (behind: {inline(status.latest_version)} is out)" if status.behind and status.latest_version else ""
    return inline(status.site.version) + behind


def component_link(playbook_id: str, component_id: str, title: str, page: str) -> str:
    """A core component by its title, linked to its description on the playbook's page."""
    return markup.a(paths.url(page, paths.playbook(playbook_id), anchor("core", component_id)), inline(title))


def flags(status: SiteStatus, page: str) -> str:
    """What to look at first, by the playbook's own names, each component linked to its description: `Critical
    breach: Circles are led by trained peers; Below the minimum: Supervision and debriefs` (an item by its title,
    linked to the component it rates)."""
    score, flags = status.score, []
    if status.age is not None and status.score is not None:
        flags.append(inline(stale_words(status.score.period, status.age))
                     + (f" ({inline(status.owed)} for {inline(status.due)} overdue)" if status.overdue else ""))
    elif status.overdue:
        flags.append(f"{inline(status.owed)} for {inline(status.due)} overdue")
    if score is not None:
        pid = status.site.playbook
        breached = dict.fromkeys(r.item.component for r in score.breaches)
        if breached:
            flags.append("Critical breach: " + ", ".join(component_link(pid, c, score.titles.get(c, c), page)
                                                         for c in breached))
        below = [r for r in score.below_min if not r.critical_breach]
        if below:
            flags.append("Below the minimum: " + ", ".join(component_link(pid, r.item.component, r.item.title, page)
                                                           for r in below))
    return "; ".join(flags)


def sites_scores(report: PlaybookReport, page: str) -> str:
    """Every site with its latest score and trend: the table `spread report` prints, for readers."""
    if not report.sites:
        return nobody(report)
    regulator = report.playbook.regulator
    # The regulator's rating sits beside the self-rated band, in a column of its own: never mixed into it.
    rows = [[site_link(s, page), version_cell(s), inline(s.score.period) if s.score else "None", band_cell(s),
             review_cell(s), *([rating_cell(s.site, regulator, s.today)] if regulator else []),
             total_text(s.score) if s.score else "", trend_text(s.trend), flags(s, page)] for s in report.sites]
    rated = [f"{inline(regulator.called)} rating"] if regulator else []
    band = "Band" if report.playbook.instrument.bands else "Verdict"
    return pinned(markup.table([inline(capital(report.playbook.adopter.one)), "Version", "Latest audit", band,
                                "Review", *rated, "Score", "Trend (%)", "Flags"], rows))


def sites_table(report: PlaybookReport, page: str) -> str:
    adopter = report.playbook.adopter
    if not report.sites:
        return nobody(report)
    rows = [[site_link(s, page), inline(s.site.area or ""), version_cell(s),
             STAGES.get(s.site.stage, inline(s.site.stage)), inline(s.score.period) if s.score else "None",
             band_cell(s), review_cell(s)] for s in report.sites]
    band = "Band" if report.playbook.instrument.bands else "Verdict"
    return pinned(markup.table([inline(capital(adopter.one)), inline(capital(adopter.area_words)), "Version", "Stage",
                                "Latest audit", band, "Review"], rows))


def pinned(table: str) -> str:
    """A table of sites whose first column (the site) stays in view while the rest scrolls sideways on a narrow
    screen (`spread.css`); the scrolling box itself is made a labelled, focusable region (`spread.js`)."""
    return f'<div class="spread-pinned">{table}</div>'


def nobody(report: PlaybookReport) -> str:
    """What a table of sites says when there is none, in the playbook's words: `No site runs this playbook yet.`"""
    return f"No {text(report.playbook.adopter.one)} runs this playbook yet."


def review_cell(status: SiteStatus) -> str:
    """Who rated the latest audit, beside its band: `Independent review`, `Self-audit`; empty without an audit."""
    return review_title(status.score.review) if status.score and status.score.review else ""


def sites_page(report: PlaybookReport) -> str:
    """Every site of a playbook on one page, reached from the navigation (which lists no site itself)."""
    pb = report.playbook
    page = paths.sites(pb.id)
    many = capital(pb.adopter.many)
    intro = (f"Every {text(pb.adopter.one)} running [{text(pb.title)}]({paths.href(page, paths.playbook(pb.id))}), "
             f"with its latest audit. The [network dashboard]({paths.href(page, paths.dashboard(pb.id))}) shows how "
             "each one is doing, component by component.")
    return front_matter(f"{many}: {pb.title}", "toc") + section(
        f"# {text(many)}: {text(pb.title)}", intro, sites_table(report, page)) + "\n"
