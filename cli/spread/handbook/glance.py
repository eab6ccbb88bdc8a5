"""The parts of a site's page that place it and sum it up: where it sits (playbook › dashboard › site), what a
reader needs first (band, score, flags, actions), and the site's own checklist (what it keeps, its rollout steps).

The summary is what a printed site page shows on its first page (`spread.css`); the checklist is the one
`spread site new` writes into the site's README.md, from the same data (`adopt.steps`).
"""

from __future__ import annotations

from spread.adopt.steps import site_steps
from spread.handbook import markup, paths
from spread.handbook.blocks import heading, section
from spread.handbook.components import anchor
from spread.handbook.markup import inline
from spread.handbook.score import total_text
from spread.handbook.sites import band_cell, flags
from spread.handbook.words import STAGES, day, plural
from spread.model.audit import Audit, review_words
from spread.model.playbook import Playbook
from spread.report.rollup import SiteStatus

# Printed, the page breaks here: what comes before it is the one-page summary.
PAGE_END = '<div class="spread-page-end" aria-hidden="true"></div>'


def crumbs(status: SiteStatus, playbook_title: str) -> str:
    """Where the page sits, as a breadcrumb trail: the playbook, its network dashboard, this site. It goes under
    the page's heading: before it, it would open a search entry of its own, titled from the front matter."""
    s = status.site
    page = paths.site(s.playbook, s.id)
    trail = [markup.a(paths.url(page, paths.playbook(s.playbook)), inline(playbook_title)),
             markup.a(paths.url(page, paths.dashboard(s.playbook)), "Network dashboard"),
             markup.a(paths.url(page, paths.sites(s.playbook)), "Sites")]
    items = "".join(f"<li>{link}</li>" for link in trail) + f'<li aria-current="page">{inline(s.name)}</li>'
    return f'<nav class="spread-crumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'


def _actions(audit: Audit | None) -> str:
    if audit is None or not audit.actions:
        return "None recorded"
    dues = sorted(a.due for a in audit.actions if a.due)
    first = f", the first due {inline(day(dues[0]))}" if dues else ""
    return f"{plural(len(audit.actions), 'action')} from the {inline(audit.period)} {review_words(audit.review)}{first}"


def summary(status: SiteStatus, audit: Audit | None) -> str:
    """The site at a glance: its band (a badge, marked where a critical breach caps it), score, flags by component
    name, and its action plan."""
    score = status.score
    page = paths.site(status.site.playbook, status.site.id)
    said = flags(status, page)
    pairs = [("Band", band_cell(status) + (f", from the {inline(score.period)} {review_words(score.review)}"
                                          if score else "")),
             ("Score", total_text(score) if score else ""), ("Flags", said or "None"),
             ("Action plan", _actions(audit))]
    return markup.record(pairs, "spread-record spread-summary")


def checklist(status: SiteStatus, runs: Playbook | None) -> str:
    """The site's own checklist: every core component it keeps (linked to its description), then the rollout steps
    stage by stage, those of the stages before the site's ticked."""
    if runs is None:
        return ""
    s = status.site
    page = paths.site(s.playbook, s.id)
    steps = site_steps(runs, s.stage)
    keep = [markup.a(paths.url(page, paths.playbook(s.playbook), anchor("core", k.id)), inline(k.title))
            + (" (critical)" if k.critical else "") + f": {inline(k.function)}" for k in steps.keep]
    parts = [heading(2, "This site's checklist", indexed=False),
             markup.para("What every site keeps, and the steps of rolling the programme out, stage by stage: the "
                         "stages before the one this site is in are ticked.")
             + markup.para("<strong>What every site keeps</strong>") + markup.bullets(keep)]
    for stage in steps.stages:
        here = " (where this site is now)" if stage.current else ""
        ticks = [f"{'☑' if stage.done else '☐'} {inline(step)}" for step in stage.steps]
        parts.append(markup.para(f"<strong>{STAGES.get(stage.stage, inline(stage.stage))}</strong>{here}")
                     + markup.bullets(ticks, "spread-ticks"))
    return section(*parts)
