"""Local choices that older site files recorded as adaptations, moved to `choices:` by `spread site upgrade`.

Choosing among the options a playbook offers is configuring the model as designed, not adapting it: such a record
(one of the options, or own words where the component has no options, with nothing said about how the site departs
in `description`) belongs under `choices:`, without FRAME's details. Its reason and date move with it; its comments
too. Everything else stays an adaptation.
"""

from __future__ import annotations

from collections.abc import Collection

from spread.model.choices import allows, departs
from spread.model.playbook import LocalComponent, Playbook
from spread.model.site import Site

HEADING = ("Local choices recorded as adaptations (moved to `choices:`, without FRAME details: choosing among the "
           "options the playbook offers is configuration, not adaptation)")
# What a moved record keeps.
KEPT = ("component", "choice", "reason", "date")


def configured(site: Site, playbook: Playbook, retired: Collection[int] = ()) -> tuple[int, ...]:
    """The indexes of the site's adaptations that are local choices on this playbook version (none that is retired)."""
    moves = []
    for a in site.adaptations:
        local = playbook.component(a.component)
        if (isinstance(local, LocalComponent) and a.choice is not None and a.description is None
                and a.index not in retired and allows(local, a.choice) and not departs(local, a.choice)):
            moves.append(a.index)
    return tuple(moves)


def moved_lines(site: Site, moves: Collection[int]) -> list[str]:
    """The preview's section for the records that move, one line each."""
    if not moves:
        return []
    return ["", f"{HEADING}:", *(f"  - {a.component}: {a.choice}" for a in site.adaptations if a.index in moves)]
