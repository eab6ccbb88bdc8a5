"""The network at a glance, for commissioners, at the top of the home page: dated, and every figure linked to the
dashboard or site page it comes from. Sites by playbook and stage, people reached this year, the share of sites
with a current audit, the sites with a critical breach by name, and each outcome against its target."""

from __future__ import annotations

from datetime import date

from spread.handbook import paths
from spread.handbook.blocks import heading, section, table
from spread.handbook.escaping import text
from spread.handbook.words import STAGES, day, plural
from spread.report.figures import sites_of, this_year
from spread.report.outcomes import across, reached
from spread.report.rollup import PlaybookReport, SiteStatus
from spread.scoring.figures import target_words
from spread.scoring.privacy import Total

PAGE = paths.HOME


def current(status: SiteStatus) -> bool:
    """Whether a site's latest audit is current: there is one, it is not out of date, and none is overdue."""
    return status.score is not None and status.age is None and not status.overdue


def chased(reports: list[PlaybookReport]) -> list[SiteStatus]:
    """The sites expected to audit (not paused or closed, nor still preparing without an audit)."""
    return [s for r in reports for s in r.sites if s.schedule.chased]


def breaches(reports: list[PlaybookReport]) -> list[SiteStatus]:
    return [s for r in reports for s in r.sites if s.score is not None and s.score.breaches]


def _link(label: str, target: str, anchor: str = "") -> str:
    return f"[{label}]({paths.href(PAGE, target, anchor)})"


def _stages(reports: list[PlaybookReport]) -> str:
    stages = [stage for stage in STAGES if any(s.site.stage == stage for r in reports for s in r.sites)]
    rows = [[_link(text(r.playbook.title), paths.dashboard(r.playbook.id)),
             *(str(sum(s.site.stage == stage for s in r.sites)) for stage in stages),
             _link(str(len(r.sites)), paths.dashboard(r.playbook.id), "sites")] for r in reports]
    total = sum(len(r.sites) for r in reports)
    rows.append(["All playbooks", *(str(sum(s.site.stage == stage for r in reports for s in r.sites))
                                    for stage in stages), str(total)])
    return table(["Playbook", *(STAGES[stage] for stage in stages), "Sites"], rows)


def _reached(reports: list[PlaybookReport], year: str) -> str:
    rows, totals = [], []
    for r in reports:
        headline = next((m for m in r.playbook.measures if m.headline), None)
        if headline is None:
            continue
        total = reached(sites_of(r), year, r.playbook.suppress_below)
        totals.append(total)
        rows.append([_link(text(r.playbook.title), paths.dashboard(r.playbook.id), "reach-and-outcomes"),
                     text(headline.name), _link(text(total.shown(headline.unit)), paths.dashboard(r.playbook.id),
                                                "reach-and-outcomes")])
    if not rows:
        return "No playbook counts the people it reaches yet."
    network = Total(sum(t.published for t in totals), sum(t.hidden for t in totals),
                    sum(t.suppressed for t in totals), min(t.threshold for t in totals))
    return section(f"**People reached in {year}: {text(network.shown('people'))}**, across "
                   f"{plural(len(rows), 'playbook')} that count them.", table(["Playbook", "Counted as", year], rows))


def _audits(reports: list[PlaybookReport]) -> str:
    due = chased(reports)
    fresh = sum(current(s) for s in due)
    share = f"{round(100 * fresh / len(due))}%" if due else "no site is due an audit yet"
    links = ", ".join(_link(text(r.playbook.title), paths.dashboard(r.playbook.id), "overdue-self-audits")
                      for r in reports if r.sites)
    return (f"**Sites with a current self-audit: {fresh} of {len(due)} ({share})**, counting the sites due to audit "
            f"(not those still preparing, paused or closed). Overdue audits by playbook: {links}.")


def _breaches(reports: list[PlaybookReport]) -> str:
    found = breaches(reports)
    if not found:
        return "**Sites with a critical breach: none** at their latest audit."
    names = [f"{_link(text(s.site.name), paths.site(s.site.playbook, s.site.id))} "
             f"({text(', '.join(sorted({r.item.component for r in (s.score.breaches if s.score else ())})))})"
             for s in found]
    return f"**Sites with a critical breach at their latest audit: {len(found)}**: " + "; ".join(names) + "."


def _outcomes(reports: list[PlaybookReport]) -> str:
    rows = []
    for r in reports:
        for a in across(r.playbook, sites_of(r), "outcome"):
            verdict = "" if a.met is None else "met" if a.met else "not met"
            rows.append([_link(text(r.playbook.title), paths.dashboard(r.playbook.id)),
                         _link(text(a.measure.name), paths.dashboard(r.playbook.id), f"outcome-{a.measure.id}"),
                         text(a.pooled), text(target_words(a.measure)), verdict,
                         f"{a.meeting} of {a.judged}" if a.judged else ""])
    if not rows:
        return "No outcome figures yet."
    return table(["Playbook", "Outcome", "All sites (latest figures)", "Target", "Network", "Sites meeting it"], rows)


def network_glance(reports: list[PlaybookReport], today: date) -> str:
    """The home page's opening section."""
    year = this_year(today)
    csv = " · ".join(f"[{label} (CSV)]({paths.href(PAGE, paths.csv_file(None, which))})"
                     for which, label in (("sites", "Every site"), ("figures", "Every figure"),
                                          ("voice", "Participant voice")))
    return section(heading(2, "The network at a glance", "at-a-glance"),
                   f"As of {day(today.isoformat())}. Each figure links to the dashboard or page it comes from; a "
                   "figure about fewer than 5 people is never shown.",
                   heading(3, "Sites by playbook and stage", "by-stage"), _stages(reports),
                   heading(3, "Reach", "reach"), _reached(reports, year),
                   heading(3, "Fidelity", "fidelity"), _audits(reports), _breaches(reports),
                   heading(3, "Outcomes against target", "outcomes"), _outcomes(reports),
                   f"Download the tables: {csv}, the same as `spread report --format csv`.")
