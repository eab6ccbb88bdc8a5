"""The network dashboard for one playbook: how every site is doing, component by component.

The heat map writes the level in every cell, with a symbol, as well as colouring it: colour helps people who
see it, the words serve everyone else (and the printout).
"""

from __future__ import annotations

from datetime import date

from spread.handbook import markup, paths
from spread.handbook.approvals import deviations
from spread.handbook.blocks import front_matter, heading, section, table
from spread.handbook.charts import bars, figure
from spread.handbook.components import anchor, option_label
from spread.handbook.escaping import text
from spread.handbook.figures import heat_cell_note
from spread.handbook.markup import inline
from spread.handbook.outcomes import dashboard_section
from spread.handbook.palette import band_class, level_class
from spread.handbook.sites import nobody, site_link, sites_scores, version_cell
from spread.handbook.words import LEVEL_MARK, day, sentence
from spread.model import periods
from spread.model.adopters import capital
from spread.model.playbook import LocalComponent
from spread.report.rollup import NO_COMPONENT_LEVELS, PlaybookReport, component_levels, stale_words

NOT_RATED = "not rated"


def _cell(level: str | None, voice: str = "") -> str:
    """One heat-map cell: the level's step of the palette colours the cell, its symbol and word say the same to
    everyone; then what participants say of the component, where they were asked."""
    return (f'<td class="{level_class(level)}">{LEVEL_MARK.get(level or NOT_RATED, "–")} {sentence(level or NOT_RATED)}'
            f"{voice}</td>")


def heat_map(report: PlaybookReport, page: str) -> str:
    core = report.playbook.core
    if not report.playbook.instrument.items:
        return section(heading(2, "Core components at each site", indexed=False), NO_COMPONENT_LEVELS)
    header = "".join(f"<th>{markup.a(paths.url(page, paths.playbook(report.playbook.id), anchor('core', c.id)), inline(c.title))}</th>"
                     for c in core)
    rows = []
    for status in report.sites:
        levels = component_levels(status.score) if status.score else {}
        # A stale audit's levels are shown, marked as such: they are what the site last showed, not its practice now.
        stale = "" if status.age is None or status.score is None else \
            f'<br><span class="spread-stale">{inline(stale_words(status.score.period, status.age))}</span>'
        row = ' class="spread-out-of-date"' if stale else ""
        voice = heat_cell_note(status)
        rows.append(f"<tr{row}><td>{site_link(status, page)}{stale}</td>"
                    f"{''.join(_cell(levels.get(c.id), voice.get(c.id, '')) for c in core)}</tr>")
    key = " · ".join(f"{mark} {sentence(level)}" for level, mark in LEVEL_MARK.items() if level != "ideal")
    # Written here rather than with `markup.table`: every cell but the first carries its level's class.
    grid = (f'<div class="spread-heatmap spread-pinned"><table><thead><tr><th>Site</th>{header}</tr></thead><tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></div>")
    return section(heading(2, "Core components at each site", indexed=False),
                   "Each site's latest audit, component by component. Where a component has several items, "
                   "it shows the weakest. A site whose latest audit is out of date is marked so, with the audit's "
                   f"age: its levels are what it last showed, not its practice now. Where participants were asked, what "
                   "they say of the component is written under the level, with a gap flagged where the site rated "
                   f"it expected and most participants disagree. Key: {key} · – Not rated.",
                   grid if rows else nobody(report))


def _components(report: PlaybookReport) -> str:
    rows = []
    for c in report.components:
        counts = [c.count(level) for level in ("expected", "developmental", "unacceptable")]
        title = text(c.title) + (" (critical)" if c.critical else "")
        rows.append([title, *map(str, counts), str(len(report.sites) - sum(counts))])
    return table(["Core component", "Expected", "Developmental", "Unacceptable", "Not rated"], rows)


def _bands(report: PlaybookReport) -> str:
    bands = report.playbook.instrument.bands
    names = {band.label: band.name for band in bands}
    rows = [(names.get(label, sentence(label)), count, band_class(bands, label))
            for label, count in [*reversed([b for b in report.bands if b[0] in names]),
                                 *(b for b in report.bands if b[0] not in names)]]
    # Without bands, sites are counted by the verdict their minimums or goals give (never by a dummy band).
    word, each = ("band", "in each band") if names else ("verdict", "by verdict")
    chart = bars(f"bands-{report.playbook.id}", f"Sites {each} at their latest audit", rows)
    return section(f"## {word.capitalize()}s", figure(chart, f"Number of sites {each}, at their latest audit, best first."),
                   table([word.capitalize(), "Sites"], [[text(label), str(count)] for label, count, _ in rows]))


def _attention(report: PlaybookReport, page: str) -> str:
    overdue = [f"{site_link(s, page)}: the {inline(s.owed)} for {inline(s.due)} is not in yet (latest: "
               f"{inline(s.score.period) if s.score else 'none'}"
               f"{f', {periods.age_words(s.age)} ago' if s.age is not None else ''})" for s in report.sites if s.overdue]
    behind = [[site_link(s, page), version_cell(s)] for s in report.sites if s.behind]
    return section(heading(2, "Overdue self-audits", indexed=False),
                   markup.bullets(overdue) if overdue else "No site is overdue.",
                   heading(2, "Sites on older versions", indexed=False),
                   markup.table(["Site", "Version"], behind) if behind else "Every site is on the latest version.")


def _adaptations(report: PlaybookReport) -> str:
    parts = ["## What sites choose and change", ("What sites chose for each local component (among the options, or "
             "departing from them), most common first: what the adaptable part of the model looks like in practice; "
             "then any core component a site changed.")]
    for a in report.adaptations:
        kind = " (a core component some sites changed)" if a.core else ""
        component = report.playbook.component(a.component)
        local = component if isinstance(component, LocalComponent) else None
        rows = [[text(option_label(local, c.choice)), str(len(c.sites)), text(c.reasons[0]) if c.reasons else ""]
                for c in a.choices]
        parts += [f"### {text(a.title)}{kind}",
                  table(["Choice", "Sites", "One site's reason"], rows) if rows else "No site has recorded a choice yet."]
    return section(*parts)


def dashboard_page(report: PlaybookReport, today: date) -> str:
    pb = report.playbook
    page = paths.dashboard(pb.id)
    audited = sum(1 for s in report.sites if s.score is not None)
    intro = (f"The network of {text(pb.adopter.many)} running [{text(pb.title)}]"
             f"({paths.href(page, paths.playbook(pb.id))}), as of {day(today.isoformat())}: "
             f"{text(pb.adopter.count(len(report.sites)))}, {audited} with an audit.")
    body = section(f"# Network dashboard: {text(pb.title)}", intro, _bands(report),
                   section(heading(2, text(capital(pb.adopter.many)), "sites", indexed=False), sites_scores(report, page)), heat_map(report, page),
                   section("## Each component across the network", _components(report)) if pb.instrument.items else "",
                   dashboard_section(report, page, today),
                   _attention(report, page), deviations(report, page, today), _adaptations(report))
    return front_matter(f"Network dashboard: {pb.title}", "toc") + body + "\n"
