"""Changes to a fidelity instrument's items and to what their scores count as (the levels). Every one changes
how audits score, so every one is major, but new wording of an item, which is a patch."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.instrument import Instrument, Item
from spread.model.levels import LEVELS, Levels
from spread.model.scales import shown as point_text
from spread.model.scales import told
from spread.versions.changes import Change, and_list, changed_fields, paired

HEAD = "Fidelity instrument:"


def levels_text(levels: Levels | None) -> str:
    """`expected 4, 5; developmental 2, 3; unacceptable 1`, or `the default rule`."""
    if levels is None:
        return "the default rule"
    return "; ".join(f"{level} {', '.join(map(point_text, levels.scores(level))) or 'none'}" for level in LEVELS)


def items_and_levels(o: Instrument, n: Instrument) -> Iterator[Change]:
    """What changed in the items of two anchored instruments, and in their levels."""
    yield from _levels(o, n)
    yield from _items(o, n)


def _levels(o: Instrument, n: Instrument) -> Iterator[Change]:
    """The instrument's levels, when they change what some item's scores count as (declaring what the default
    rule already gives changes nothing)."""
    before = {i.id: i.scale_levels for i in o.items}
    if o.levels != n.levels and any(not i.own_levels and before.get(i.id, i.scale_levels) != i.scale_levels
                                    for i in n.items):
        yield Change("instrument-levels-changed", "major", "fidelity", f"{HEAD} scores now count as "
                     f"{levels_text(n.levels)} (was {levels_text(o.levels)}).")


def _items(o: Instrument, n: Instrument) -> Iterator[Change]:
    for old, item in paired(o.items, n.items):
        if item is None:
            assert old is not None
            yield Change("item-removed", "major", old.id, f"{HEAD} item `{old.id}` ({old.title}) was removed.")
        elif old is None:
            yield Change("item-added", "major", item.id, f"{HEAD} new item `{item.id}` ({item.title}), rating "
                         f"`{item.component}`.")
        else:
            yield from _item(old, item)


def _item(o: Item, n: Item) -> Iterator[Change]:
    head = f"Fidelity item `{n.id}` ({n.title}):"
    if o.component != n.component:
        yield Change("item-component-changed", "major", n.id, f"{head} it now rates `{n.component}` "
                     f"(it rated `{o.component}`).")
    if o.min != n.min:
        yield Change("item-min-changed", "major", n.id, f"{head} the minimum score is now "
                     f"{'none' if n.min is None else point_text(n.min)} (was {'none' if o.min is None else point_text(o.min)}).")
    if o.section != n.section:
        yield Change("item-section-changed", "major", n.id, f"{head} it now counts in section `{n.section}` "
                     f"(it counted in `{o.section}`).")
    if (o.own_levels or n.own_levels) and o.scale_levels != n.scale_levels:
        yield Change("item-practice-levels-changed", "major", n.id, f"{head} its scores now count as "
                     f"{levels_text(n.scale_levels)} (they counted as {levels_text(o.scale_levels)}).")
    if o.scores != n.scores and (o.own_scale or n.own_scale):  # the instrument's own scale is reported once
        yield Change("item-scale-changed", "major", n.id, f"{head} it is now scored {told(n.scores)} "
                     f"(was {told(o.scores)}).")
    if sorted(o.anchors) != sorted(n.anchors):
        # Describing one more score between two anchors (or one fewer) changes no score a site can give.
        same = o.scores == n.scores and {o.bottom, o.top} <= set(n.anchors) and {n.bottom, n.top} <= set(o.anchors)
        yield Change("item-anchors-changed" if same else "item-levels-changed", "minor" if same else "major", n.id,
                     f"{head} it now has anchors for {and_list([point_text(k) for k in sorted(n.anchors)])} "
                     f"(had {and_list([point_text(k) for k in sorted(o.anchors)])}).")
    wording = changed_fields(o, n, {"title": "title", "description": "description"})
    if sorted(o.anchors) == sorted(n.anchors) and o.anchors != n.anchors:
        wording.append("anchors")
    if wording:
        yield Change("item-wording", "patch", n.id, f"{head} new wording for the {and_list(wording)}.")
