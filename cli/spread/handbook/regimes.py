"""A playbook's review regimes in words (`spread.model.regimes`): how often each comes round and what it rates, for
the playbook's audit section and a site's adoption record."""

from __future__ import annotations

from spread.handbook.escaping import text
from spread.handbook.markup import inline
from spread.handbook.words import FREQUENCY
from spread.model.instrument import Instrument, Regime

UNITS = {"monthly": "months", "quarterly": "quarters", "half-yearly": "half-years", "yearly": "years"}


def rhythm(regime: Regime) -> str:
    """`every year`, `once every 3 years`."""
    return FREQUENCY[regime.frequency] if regime.every == 1 else f"once every {regime.every} {UNITS[regime.frequency]}"


def schedule_words(ins: Instrument) -> str:
    """A site record's rhythm as HTML: `every quarter`, or each regime's title with its rhythm."""
    if not ins.regimes:
        return FREQUENCY[ins.frequency]
    return "; ".join(f"{inline(r.title)} {rhythm(r)}" for r in ins.regimes)


def regimes_text(ins: Instrument) -> str:
    """The playbook page's paragraph on its regimes (Markdown), or nothing without them."""
    if not ins.regimes:
        return ""
    titles = {item.id: item.title for item in ins.items}
    ways = [f"**{text(r.title)}**, {rhythm(r)}, rating " + ("every item" if r.items is None else
            ", ".join(text(titles.get(i, i)) for i in r.items)) for r in ins.regimes]
    return (f"Sites are reviewed in {len(ways)} way{'s' * (len(ways) != 1)}: " + "; ".join(ways) + ". An audit "
            "scores the items of its own regime, and one that rates every item of another regime also counts for it.")
