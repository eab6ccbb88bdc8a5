"""Rules for deviations (`spread.model.deviations`): a change to a core component is approved for a time, with a plan
back to the model; an approval runs out; and what an adaptation says agrees with how the latest audit rates it.

Judged on a day: today, or the day `spread check --today` works from.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from spread.check.rules.common import at
from spread.errors import Problem
from spread.model import deviations, periods
from spread.model.audit import Audit
from spread.model.playbook import CoreComponent, Playbook
from spread.model.site import Adaptation, Site
from spread.network.repo import Network
from spread.scoring.score import score_audit

ASK = ("record who approved it (`approved_by`), when (`approved_on`), until when (`review_by`) and the plan back to "
       "the model (`plan`)")
WHAT = {"approved_on": "`approved_on` (the day it was approved)", "review_by": "`review_by` (until when it holds)",
        "plan": "`plan` (the way back to the model)"}


def check(network: Network, today: date | None = None) -> Iterator[Problem]:
    today = today or date.today()
    for site in network.sites.values():
        pb = network.playbook_version(site.playbook, site.version)
        if pb is None:  # the site rules report it
            continue
        shown = network.path_of(site.doc)
        audits = network.site_audits(site)
        for a in site.adaptations:
            if deviations.is_deviation(pb, a):
                yield from _approval(pb, site, a, shown, today)
            yield from _against_audit(network, pb, site, a, shown, audits[-1] if audits else None)


def _approval(pb: Playbook, site: Site, a: Adaptation, shown: str, today: date) -> Iterator[Problem]:
    where = ("adaptations", a.index)
    component = pb.component(a.component)
    assert isinstance(component, CoreComponent)
    state = deviations.status(a, today)
    if state == "unapproved":
        kind = "critical core component" if component.critical else "core component"
        what = {"inconsistent": "the change is fidelity-inconsistent",
                "unknown": "it is not known whether the change keeps its function"}.get(a.fidelity or "",
                                                                                        "the change removes elements")
        yield at(shown, site.doc, (*where, "fidelity" if a.fidelity else "nature"), "warning", f"{kind} "
                 f"`{component.id}` was changed and {what}, so the network's central team should review it: {ASK}",
                 "adaptation-critical-inconsistent" if component.critical else "adaptation-core-inconsistent")
    elif state == "incomplete":
        lacking = [WHAT[name] for name in deviations.missing(a)]
        add = ", ".join(lacking[:-1]) + f" and {lacking[-1]}" if len(lacking) > 1 else "".join(lacking)
        yield at(shown, site.doc, (*where, "approved_by"), "warning", f"the change to `{component.id}` names who "
                 f"approved it but not for how long: approved deviations are time-limited, so add {add}",
                 "adaptation-approval-incomplete")
    elif state == "expired":
        yield at(shown, site.doc, (*where, "review_by"), "warning", f"the approval of the change to `{component.id}` "
                 f"ran out on {a.review_by}: the central team should review it again and set a new `review_by`, or "
                 "record the day the site returned to the model in `returned_on`", "adaptation-approval-expired")
    if a.approved_on and a.review_by and a.review_by < a.approved_on:
        yield at(shown, site.doc, (*where, "review_by"), "warning", f"`review_by` ({a.review_by}) is before "
                 f"`approved_on` ({a.approved_on}): give the day the approval runs until", "adaptation-approval-dates")


def _against_audit(network: Network, pb: Playbook, site: Site, a: Adaptation, shown: str,
                   audit: Audit | None) -> Iterator[Problem]:
    """An adaptation that calls a change to a core component inconsistent while the latest audit rates the
    component expected, or consistent while it rates it unacceptable: one of the two files is wrong."""
    if audit is None or a.fidelity not in ("inconsistent", "consistent") \
            or not isinstance(pb.component(a.component), CoreComponent):
        return
    try:
        _, end = periods.bounds(audit.period)
    except ValueError:
        return
    made, returned = periods.real_date(a.date), periods.real_date(a.returned_on)
    if (made is not None and made > end) or (returned is not None and returned <= end):
        return  # the audit rates practice before the change, or after the site went back to the model
    rated = network.playbook_version(audit.playbook, audit.version)
    if rated is None:
        return
    results = [r for r in score_audit(rated, audit).items if r.item.component == a.component and r.level]
    if not results:
        return
    worst = next((r for r in results if r.level == "unacceptable"), None)
    if a.fidelity == "inconsistent" and all(r.level in ("expected", "ideal") for r in results):
        found, level, fix = results[0], "expected", "or record the day the site returned to the model (`returned_on`)"
    elif a.fidelity == "consistent" and worst is not None:
        found, level, fix = worst, "unacceptable", "or, if the change broke the component, record it as `inconsistent`"
    else:
        return
    field = "score" if found.score is not None and found.rating and found.rating.score is not None else "level"
    line, col = audit.doc.at(("ratings", found.item.id, field))
    yield at(shown, site.doc, ("adaptations", a.index, "fidelity"), "warning", f"this records the change to "
             f"`{a.component}` as fidelity-{a.fidelity}, but the latest audit, {network.path_of(audit.doc)}:{line}:"
             f"{col}, rates it {level}: correct the adaptation or the audit, {fix}", "adaptation-audit-mismatch")
