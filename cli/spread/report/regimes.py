"""A site's audit deadlines under its playbook's review regimes (`spread.model.regimes`): for each regime, the latest
audit that counts for it (one under that regime, or under one that rates all its items: a full audit is also a
light check), with the regime's frequency and `every`. The most frequent regime comes first: the site's latest
audit is out of date when that regime is overdue; the site is overdue when any regime is."""

from __future__ import annotations

from collections.abc import Sequence

from spread.model import periods
from spread.model.audit import Audit
from spread.model.playbook import Playbook
from spread.model.regimes import covers, months, regime_of, regimes

Deadline = tuple[str, str | None, str, int]  # the regime's title, its latest covering audit's period, frequency, every


def deadlines(runs: Playbook, audits: Sequence[Audit]) -> list[Deadline]:
    """Each regime's deadline, the most frequent first (then in the playbook's order)."""
    ins = runs.instrument
    done = [(regime_of(ins, a.regime), a.period) for a in audits]
    found: list[Deadline] = []
    for regime in sorted(regimes(ins), key=months):
        counted = [period for r, period in done if r is not None and covers(r, regime)]
        last = max(counted, key=periods.sort_key, default=None)
        found.append((regime.title, last, regime.frequency, regime.every))
    return found
