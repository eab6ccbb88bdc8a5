"""Rules about review regimes (`spread.model.regimes`): each regime has its own id and rates items the instrument
has; one that rates only some items is banded on a percent or a mean (bands on a total are written for every item);
an audit names a regime its playbook version declares."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from spread.check.rules.common import at, duplicate_ids
from spread.errors import Problem, words
from spread.model.audit import Audit
from spread.model.playbook import Playbook
from spread.network.repo import Network


def check(network: Network) -> Iterator[Problem]:
    for pb in network.playbook_files:
        yield from _playbook(pb, network.path_of(pb.doc))
    for audits in network.audits.values():
        for audit in audits:
            rated = network.playbook_version(audit.playbook, audit.version)
            if rated is not None and audit.regime is not None:
                yield from check_regime(rated, audit, network.path_of(audit.doc))


def _playbook(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins = pb.instrument
    ids = [item.id for item in ins.items]
    yield from duplicate_ids(shown, pb.doc, ((("fidelity", "regimes", i), r.id) for i, r in enumerate(ins.regimes)),
                             "regime", "regime-id-duplicate")
    for i, regime in enumerate(ins.regimes):
        where = ("fidelity", "regimes", i)
        for n, item in enumerate(regime.items or ()):
            if item not in ids:
                close = difflib.get_close_matches(item, ids, n=1)
                fix = f"did you mean `{close[0]}`?" if close else f"its items are {words(ids, joiner='and')}"
                yield at(shown, pb.doc, (*where, "items", n), "error", f"the regime `{regime.id}` rates `{item}`, which "
                         f"is not an item of this playbook's instrument: {fix}", "regime-item-unknown")
        if regime.items is not None and set(regime.items) != set(ids) and ins.band_on == "total" and ins.bands:
            yield at(shown, pb.doc, (*where, "items"), "error", f"the regime `{regime.id}` rates {len(regime.items)} of "
                     f"the {len(ids)} items, but the bands are on the total of every item, which its audits cannot "
                     "reach: band on a percent or a mean (`scoring: band_on`), or let the regime rate every item",
                     "regime-bands-total", key=True)


def check_regime(pb: Playbook, audit: Audit, shown: str) -> Iterator[Problem]:
    """An audit's `regime` is one its playbook version declares."""
    known = [r.id for r in pb.instrument.regimes]
    if audit.regime in known:
        return
    if not known:
        yield at(shown, audit.doc, ("regime",), "error", f"version {pb.version} of `{pb.id}` declares no review "
                 "regimes, so every audit is its full self-audit: remove `regime`", "audit-regime-unknown")
        return
    close = difflib.get_close_matches(audit.regime or "", known, n=1)
    fix = f"did you mean `{close[0]}`?" if close else f"its regimes are {words(known, joiner='and')}"
    yield at(shown, audit.doc, ("regime",), "error", f"version {pb.version} of `{pb.id}` has no review regime "
             f"`{audit.regime}`: {fix}", "audit-regime-unknown")
