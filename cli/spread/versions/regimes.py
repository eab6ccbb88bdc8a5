"""Changes to a playbook's review regimes (`spread.model.regimes`). A regime added or removed, a new rhythm or other
items is major: it changes which audits a site owes, when, and what they score; a regime's new title is wording."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.instrument import Regime
from spread.versions.changes import Change, paired


def _rhythm(r: Regime) -> str:
    return r.frequency if r.every == 1 else f"{r.frequency}, once in {r.every}"


def _items(r: Regime) -> str:
    return "every item" if r.items is None else ", ".join(f"`{i}`" for i in r.items)


def diff_regimes(old: tuple[Regime, ...], new: tuple[Regime, ...]) -> Iterator[Change]:
    for o, r in paired(old, new):
        if r is None:
            assert o is not None
            yield Change("regime-removed", "major", o.id, f"Review regime `{o.id}` ({o.title}) was removed: audits "
                         "that follow it must be reviewed.")
            continue
        if o is None:
            yield Change("regime-added", "major", r.id, f"New review regime `{r.id}` ({r.title}): {_rhythm(r)}, "
                         f"rating {_items(r)}.")
            continue
        if (o.frequency, o.every) != (r.frequency, r.every):
            yield Change("regime-rhythm-changed", "major", r.id, f"Review regime `{r.id}` is now {_rhythm(r)} (was "
                         f"{_rhythm(o)}).")
        if o.items != r.items:
            yield Change("regime-items-changed", "major", r.id, f"Review regime `{r.id}` now rates {_items(r)} (rated "
                         f"{_items(o)}).")
        if o.title != r.title:
            yield Change("regime-wording", "patch", r.id, f"Review regime `{r.id}` is now called {r.title}.")
