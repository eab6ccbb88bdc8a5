"""Rules about principles (core components of kind `principle`): a principle prescribes no form, and each site
running the model describes how it makes every principle its own (`principles:` in site.yaml), which is
configuration, not a departure, so it needs no FRAME record."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.network.repo import Network

# A site still deciding or getting ready has not made the principles its own yet.
DESCRIBED_FROM = ("initial-implementation", "full-implementation", "paused", "closed")


def check(network: Network) -> Iterator[Problem]:
    for pb in network.playbook_files:
        shown = network.path_of(pb.doc)
        for i, c in enumerate(pb.core):
            if c.principle and c.form:
                yield at(shown, pb.doc, ("core", i, "form"), "warning", f"`{c.id}` is a principle, which each site makes "
                         "its own, so it prescribes no form: say how a site shows it under `evidence`, and remove "
                         "`form` (or make it `kind: practice`)", "principle-form")
    for site in network.sites.values():
        runs = network.playbook_version(site.playbook, site.version)
        if runs is None:
            continue
        shown = network.path_of(site.doc)
        principles = [c.id for c in runs.core if c.principle]
        seen: set[str] = set()
        for e in site.principles:
            where = ("principles", e.index, "principle")
            component = runs.component(e.principle)
            if e.principle in seen:
                yield at(shown, site.doc, where, "error", f"the principle `{e.principle}` is described twice: keep one "
                         "description", "principle-duplicate")
            elif component is None or e.principle not in principles:
                close = difflib.get_close_matches(e.principle, principles, n=1)
                what = "has no component" if component is None else "has no principle"
                fix = (f"did you mean `{close[0]}`?" if close else f"its principles are {words(principles, joiner='and')}"
                       if principles else "it has none: record choices under `choices`, departures under `adaptations`")
                yield at(shown, site.doc, where, "error", f"version {runs.version} of `{runs.id}` {what} "
                         f"`{e.principle}`: {fix}", "principle-unknown")
            seen.add(e.principle)
        if site.stage in DESCRIBED_FROM:
            for missing in (p for p in principles if p not in seen):
                yield at(shown, site.doc, ("principles",) if site.principles else ("stage",), "warning",
                         f"the site does not say how it makes the principle `{missing}` its own: add it under "
                         f"`principles:` (`- principle: {missing}` and `how:` in the site's words)",
                         "principle-not-described", key=True)
        for a in site.adaptations:
            if a.component in principles and a.fidelity == "consistent":
                yield at(shown, site.doc, ("adaptations", a.index, "component"), "warning", f"`{a.component}` is a "
                         "principle each site makes its own: how this site enacts it is not a departure, so describe "
                         "it under `principles:` without a FRAME record, and keep `adaptations` for a change to the "
                         "principle itself", "adaptation-principle-enacted")
