"""Review regimes (issue 20): a light-touch check beside an intensive audit, each at its own rhythm.

A playbook may declare several ways a site is reviewed (`fidelity.regimes`), e.g. an annual registration check of
a handful of items and a full audit every third year. An audit names the regime it follows (`regime:`); it rates
that regime's items and is scored on them alone. An audit counts for every regime whose items it covers (a full
audit is also that year's light check), and each regime falls due at its own frequency, so "due" and "overdue" are
honest for both. Without `regimes`, there is one: every item, at the instrument's frequency.
"""

from __future__ import annotations

import dataclasses

from spread.model.instrument import Instrument, Regime
from spread.model.periods import FREQUENCY_MONTHS
from spread.model.playbook import Playbook

FULL = Regime("full", "Self-audit", "quarterly")


def regimes(ins: Instrument) -> tuple[Regime, ...]:
    """The regimes a site is reviewed under: the declared ones, or one for every item at the instrument's frequency."""
    return ins.regimes or (dataclasses.replace(FULL, frequency=ins.frequency),)


def regime_of(ins: Instrument, name: str | None) -> Regime | None:
    """The regime an audit follows: the one it names (None when there is no such regime), else the regime that rates
    every item, else the first."""
    found = regimes(ins)
    if name is not None:
        return next((r for r in found if r.id == name), None)
    return next((r for r in found if r.items is None), found[0])


def covers(done: Regime, due: Regime) -> bool:
    """Whether an audit under `done` also counts as one under `due`: it rates every item `due` rates."""
    return done.items is None or (due.items is not None and set(due.items) <= set(done.items))


def months(regime: Regime) -> int:
    """How many months one round of the regime spans: 36 for yearly every third year."""
    return FREQUENCY_MONTHS[regime.frequency] * regime.every


def for_regime(pb: Playbook, name: str | None) -> Playbook:
    """The playbook as an audit under regime `name` is rated and scored: only that regime's items (the same playbook
    when the regime rates every item, or is not one the playbook declares: `spread check` reports that)."""
    regime = regime_of(pb.instrument, name) if pb.instrument.regimes else None
    if regime is None or regime.items is None:
        return pb
    wanted = set(regime.items)
    items = tuple(item for item in pb.instrument.items if item.id in wanted)
    return dataclasses.replace(pb, instrument=dataclasses.replace(pb.instrument, items=items))
