"""Rules for who rated an audit, and what they saw: an independent review is by people from outside the site's host
organisation, a peer review by people from another site of the network, and a rating at the unacceptable level or
below its item's minimum says what it is based on.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model.audit import Audit, Rater
from spread.model.playbook import Playbook
from spread.model.site import Site
from spread.network.repo import Network
from spread.scoring.score import score_audit

SAY_WHAT = "say what you saw, so the coaching agenda can start from it (`evidence:`)"


def check(network: Network) -> Iterator[Problem]:
    for key, audits in network.audits.items():
        site = network.sites.get(key)
        for audit in audits:
            shown = network.path_of(audit.doc)
            if site is not None and audit.review == "independent":
                yield from _independent(site, audit, shown)
            elif site is not None and audit.review == "peer":
                yield from _peer(network, key[0], audit, shown)
            pb = network.playbook_version(audit.playbook, audit.version)
            if pb is not None:
                yield from _evidence(pb, audit, shown)


def same_organisation(one: str, other: str) -> bool:
    """Whether two names are one organisation's, whatever the case, spacing or a leading "the"."""
    def plain(name: str) -> str:
        words = name.casefold().split()
        return " ".join(words[1:] if words[:1] == ["the"] else words)
    return plain(one) == plain(other)


def _independent(site: Site, audit: Audit, shown: str) -> Iterator[Problem]:
    for rater in audit.raters:
        where = ("raters", rater.index)
        if rater.organisation is not None and same_organisation(rater.organisation, site.host):
            yield at(shown, audit.doc, (*where, "organisation"), "warning", f"this independent review has a rater from "
                     f"{site.host}, the site's own host organisation: independent reviewers come from outside it, so "
                     "name them, or call the review `guided` (the site's team with a coach)",
                     "audit-independent-own-organisation")
        elif rater.site == audit.site or (rater.site is None and rater.role.startswith("site-")):
            yield at(shown, audit.doc, (*where, "site" if rater.site else "role"), "warning", f"this independent "
                     f"review has a rater from the site itself (`{rater.role}`): independent reviewers come from "
                     "outside the site, so name them, or call the review `guided`; someone from another site of the "
                     "network says which in `site:`", "audit-independent-site-role")
    unplaced = sum(r.organisation is None for r in audit.raters)
    if unplaced or not audit.raters:
        yield at(shown, audit.doc, ("raters",) if audit.raters else ("review",), "warning", f"this independent review "
                 f"does not say {_who(unplaced, len(audit.raters))}: give each rater's `organisation`, so readers can "
                 f"see the review is from outside {site.host}", "audit-independent-unplaced")


def _who(unplaced: int, raters: int) -> str:
    if not raters:
        return "who rated"
    if raters == 1:
        return "which organisation its rater comes from"
    some = f"its {raters} raters" if unplaced == raters else f"{unplaced} of its {raters} raters"
    return f"which organisation {some} come{'s' * (unplaced == 1)} from"


def _peer(network: Network, playbook: str, audit: Audit, shown: str) -> Iterator[Problem]:
    named = [r for r in audit.raters if r.site is not None]
    if not named:
        yield at(shown, audit.doc, ("raters",) if audit.raters else ("review",), "warning", "this peer review does not "
                 "say which site its reviewers come from: give each peer reviewer's `site` (the id of their site in "
                 "this network)", "audit-peer-site-missing")
    known = sorted(site for pb, site in network.site_folders if pb == playbook)
    for rater in named:
        yield from _peer_site(network, playbook, audit, rater, known, shown)


def _peer_site(network: Network, playbook: str, audit: Audit, rater: Rater, known: list[str],
               shown: str) -> Iterator[Problem]:
    where = ("raters", rater.index, "site")
    if rater.site == audit.site:
        yield at(shown, audit.doc, where, "warning", f"`{rater.site}` is this site itself: a peer review is done by "
                 "people from another site of the network; if the site's own team rated, call the review `self` or "
                 "`guided`", "audit-peer-own-site")
    elif rater.site not in known and not network.is_broken(f"fidelity/{playbook}/{rater.site}"):
        others = [site for site in known if site != audit.site]
        close = difflib.get_close_matches(rater.site or "", others, n=1)
        fix = (f"did you mean `{close[0]}`?" if close else f"its other sites are {words(others, joiner='and')}"
               if others else "it has no other site yet, so check the id")
        yield at(shown, audit.doc, where, "warning", f"there is no site `{rater.site}` in the `{playbook}` network: "
                 f"{fix}", "audit-peer-site-unknown")


def _evidence(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    """A rating at the unacceptable level, or below its item's minimum, that does not say what it is based on."""
    for r in score_audit(pb, audit).items:
        rating = r.rating
        if rating is None or r.score is None or (rating.evidence or "").strip():
            continue
        if not (r.below_min or r.level == "unacceptable"):
            continue
        what = "score" if rating.score is not None else "level"
        said = "is rated unacceptable" if rating.score is None else f"is scored {rating.score}, " + (
            f"below its minimum of {r.item.min}," if r.below_min else "at the unacceptable level,")
        has = "evidence" in (audit.doc.data.get("ratings") or {}).get(r.item.id, {})
        yield at(shown, audit.doc, ("ratings", r.item.id, "evidence" if has else what), "warning", f"{r.item.id} {said} "
                 f"with no evidence: {SAY_WHAT}", "audit-evidence-missing")
