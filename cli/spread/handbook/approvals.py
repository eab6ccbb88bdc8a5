"""Deviations as a site page and a dashboard show them: who approved a change to a core component, when, until when,
and the plan back to the model; an approval that has run out is marked (judged by `spread.model.deviations`)."""

from __future__ import annotations

from datetime import date

from spread.handbook import markup, paths
from spread.handbook.blocks import heading, section
from spread.handbook.markup import inline
from spread.handbook.words import day
from spread.model.deviations import Status, is_deviation, status
from spread.model.playbook import Playbook
from spread.model.site import Adaptation
from spread.report.rollup import PlaybookReport

# The order a dashboard lists deviations in: what needs the central team first.
ORDER: tuple[Status, ...] = ("expired", "unapproved", "incomplete", "approved")


def shows_approval(runs: Playbook | None, a: Adaptation) -> bool:
    """Whether the adaptation is a deviation (or one that has ended), so its approval is shown rather than a name."""
    return is_deviation(runs, a) or a.returned_on is not None


def approval(a: Adaptation, runs: Playbook | None, today: date) -> str:
    """Where a deviation's approval stands on `today`, with its dates and plan, as a paragraph (or nothing)."""
    if not shows_approval(runs, a):
        return ""
    state = status(a, today)
    given = (f" by {inline(a.approved_by)}" if a.approved_by else "") + (
        f" on {inline(day(a.approved_on))}" if a.approved_on else "")
    until = f", until {inline(day(a.review_by))}" if a.review_by else ""
    said = {
        "returned": f"Back to the model since {inline(day(a.returned_on))}."
                    + (f" The change was approved{given}{until}." if a.approved_by else ""),
        "approved": f"<strong>Approved deviation</strong>{given}{until}.",
        "expired": f"<strong>Approval expired</strong> on {inline(day(a.review_by))} (approved{given}): the network's "
                   "central team should review the change again.",
        "incomplete": f"Approved{given}{until}, but with no date to review it by: not yet a time-limited approval.",
        "unapproved": "<strong>Not approved</strong>: no approval is recorded, so the network's central team should "
                      "review this change.",
    }[state]
    plan = f" Plan back to the model: {inline(a.plan)}" if a.plan else ""
    return markup.para(said + plan, f"spread-approval spread-{state}")


def deviations(report: PlaybookReport, page: str, today: date) -> str:
    """The dashboard's list of every deviation not yet over, the ones needing the central team first."""
    found = [(ORDER.index(state), s.site.name, a, state, s) for s in report.sites for a in s.site.adaptations
             if is_deviation(report.playbook, a) and (state := status(a, today)) != "returned"]
    lines = []
    for _, _, a, state, s in sorted(found, key=lambda entry: entry[:2]):
        component = report.playbook.component(a.component)
        link = markup.a(paths.url(page, paths.site(s.site.playbook, s.site.id)), inline(s.site.name))
        title = inline(component.title if component else a.component)
        lines.append(f"{link}: {title}: " + {
            "expired": f"<strong>approval expired</strong> on {inline(day(a.review_by))}",
            "unapproved": "<strong>not approved</strong>",
            "incomplete": f"approved by {inline(a.approved_by)}, with no date to review it by",
            "approved": f"approved until {inline(day(a.review_by))}"}[state])
    return section(heading(2, "Deviations from the model", indexed=False),
                   "Changes to core components that the network's central team approves for a time, with a plan back "
                   "to the model.", markup.bullets(lines) if lines else "No site has an open deviation.")
