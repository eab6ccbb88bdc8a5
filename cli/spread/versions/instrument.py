"""Changes to the fidelity instrument. Anything that can change a site's score, band, flags or goals is major:
an audit made under one version must not quietly mean something else under the next."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.instrument import Band, Goal, Instrument, Item
from spread.model.levels import LEVELS, Levels
from spread.versions.changes import Change, and_list, changed_fields

HEAD = "Fidelity instrument:"
# `cap` is the band a breach caps at, declared or by default the lowest: what a site gets is what changes.
SCORING = {"method": "scoring method", "band_on": "number the bands are read against",
           "missing": "rule for unrated items", "max_unrated": "most unrated items an audit may leave and be scored",
           "cap": "band cap when a critical component is breached"}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _value(value: object) -> str:
    return "none" if value is None else f"`{value}`"


def _bands(bands: tuple[Band, ...]) -> str:
    return ", ".join(f"{b.label} {_num(b.min)}–{_num(b.max)}" for b in bands)


def levels_text(levels: Levels | None) -> str:
    """`expected 4, 5; developmental 2, 3; unacceptable 1`, or `the default rule`."""
    if levels is None:
        return "the default rule"
    return "; ".join(f"{level} {', '.join(map(str, levels.scores(level))) or 'none'}" for level in LEVELS)


def _places(count: int) -> str:
    return f"{count} decimal place{'s' * (count != 1)}"


def _goal(goal: Goal, counts: bool = False) -> str:
    unit = {"percent": "%", "ratio": " (a ratio)", "count": ""}[goal.unit]
    how = (", from counts" if goal.is_fraction else ", as one number") if counts else ""
    return f"{'at least' if goal.op == '>=' else 'at most'} {_num(goal.target)}{unit}{how}"


def diff_instrument(o: Instrument, n: Instrument) -> Iterator[Change]:
    if o.kind != n.kind:
        how = {"anchored": "anchored items on a scale", "practice-profile": "each core component on its practice profile"}
        yield Change("instrument-kind-changed", "major", "fidelity", f"{HEAD} sites now rate {how[n.kind]} "
                     f"(they rated {how[o.kind]}).")
    if o.frequency != n.frequency:
        yield Change("instrument-frequency-changed", "major", "fidelity", f"{HEAD} self-audits are now {n.frequency} "
                     f"(were {o.frequency}).")
    # Practice-profile items are the core components themselves: their changes are reported there.
    if o.kind == n.kind == "anchored":
        if (o.scale_min, o.scale_max) != (n.scale_min, n.scale_max):
            yield Change("instrument-scale-changed", "major", "fidelity", f"{HEAD} items are now rated {n.scale_min} to "
                         f"{n.scale_max} (were {o.scale_min} to {o.scale_max}).")
        yield from _sections(o, n)
        yield from _levels(o, n)
        yield from _items(o, n)
    for attr, name in SCORING.items():
        if getattr(o, attr) != getattr(n, attr):
            yield Change("instrument-scoring-changed", "major", "fidelity", f"{HEAD} the {name} is now "
                         f"{_value(getattr(n, attr))} (was {_value(getattr(o, attr))}).")
    if o.decimals != n.decimals:
        yield Change("instrument-decimals-changed", "patch", "fidelity", f"{HEAD} percentages now show "
                     f"{_places(n.decimals.percent)} and means {_places(n.decimals.mean)} (were "
                     f"{_places(o.decimals.percent)} and {_places(o.decimals.mean)}); scores do not change.")
    wording = []
    if [(b.label, b.min, b.max) for b in o.bands] != [(b.label, b.min, b.max) for b in n.bands]:
        yield Change("instrument-bands-changed", "major", "fidelity", f"{HEAD} the bands are now {_bands(n.bands)} "
                     f"(were {_bands(o.bands)}).")
    elif [b.description for b in o.bands] != [b.description for b in n.bands]:
        wording.append("band descriptions")
    yield from _goals(o, n)
    titles = {s.id: s.title for s in o.sections}
    if any(titles.get(s.id, s.title) != s.title for s in n.sections):
        wording.append("section titles")
    if wording:
        yield Change("instrument-wording", "patch", "fidelity", f"{HEAD} new wording for the {and_list(wording)}.")


def _sections(o: Instrument, n: Instrument) -> Iterator[Change]:
    before, after = [s.id for s in o.sections], [s.id for s in n.sections]
    added, removed = [s for s in after if s not in before], [s for s in before if s not in after]
    if added or removed:
        parts = ([f"added {and_list([f'`{s}`' for s in added])}"] if added else []) + \
                ([f"removed {and_list([f'`{s}`' for s in removed])}"] if removed else [])
        yield Change("instrument-sections-changed", "major", "fidelity", f"{HEAD} sections {' and '.join(parts)}; "
                     "section totals change.")


def _levels(o: Instrument, n: Instrument) -> Iterator[Change]:
    """The instrument's levels, when they change what some item's scores count as (declaring what the default
    rule already gives changes nothing)."""
    before = {i.id: i.scale_levels for i in o.items}
    if o.levels != n.levels and any(not i.own_levels and before.get(i.id, i.scale_levels) != i.scale_levels
                                    for i in n.items):
        yield Change("instrument-levels-changed", "major", "fidelity", f"{HEAD} scores now count as "
                     f"{levels_text(n.levels)} (was {levels_text(o.levels)}).")


def _items(o: Instrument, n: Instrument) -> Iterator[Change]:
    before = {i.id: i for i in o.items}
    for item in n.items:
        old = before.get(item.id)
        if old is None:
            yield Change("item-added", "major", item.id, f"{HEAD} new item `{item.id}` ({item.title}), rating "
                         f"`{item.component}`.")
        else:
            yield from _item(old, item)
    for old in o.items:
        if n.item(old.id) is None:
            yield Change("item-removed", "major", old.id, f"{HEAD} item `{old.id}` ({old.title}) was removed.")


def _item(o: Item, n: Item) -> Iterator[Change]:
    head = f"Fidelity item `{n.id}` ({n.title}):"
    if o.component != n.component:
        yield Change("item-component-changed", "major", n.id, f"{head} it now rates `{n.component}` "
                     f"(it rated `{o.component}`).")
    if o.min != n.min:
        yield Change("item-min-changed", "major", n.id, f"{head} the minimum score is now "
                     f"{'none' if n.min is None else n.min} (was {'none' if o.min is None else o.min}).")
    if o.section != n.section:
        yield Change("item-section-changed", "major", n.id, f"{head} it now counts in section `{n.section}` "
                     f"(it counted in `{o.section}`).")
    if (o.own_levels or n.own_levels) and o.scale_levels != n.scale_levels:
        yield Change("item-practice-levels-changed", "major", n.id, f"{head} its scores now count as "
                     f"{levels_text(n.scale_levels)} (they counted as {levels_text(o.scale_levels)}).")
    if sorted(o.anchors) != sorted(n.anchors):
        yield Change("item-levels-changed", "major", n.id, f"{head} it now has anchors for "
                     f"{and_list([str(k) for k in sorted(n.anchors)])} (had {and_list([str(k) for k in sorted(o.anchors)])}).")
    wording = changed_fields(o, n, {"title": "title", "description": "description"})
    if sorted(o.anchors) == sorted(n.anchors) and o.anchors != n.anchors:
        wording.append("anchors")
    if wording:
        yield Change("item-wording", "patch", n.id, f"{head} new wording for the {and_list(wording)}.")


def _goals(o: Instrument, n: Instrument) -> Iterator[Change]:
    before = {g.id: g for g in o.goals}
    after = {g.id for g in n.goals}
    wording = []
    for goal in n.goals:
        old = before.get(goal.id)
        if old is None:
            yield Change("goal-added", "major", goal.id, f"{HEAD} new goal `{goal.id}` ({goal.title}): {_goal(goal)}.")
        elif (old.op, old.target, old.unit, old.is_fraction) != (goal.op, goal.target, goal.unit, goal.is_fraction):
            counts = old.is_fraction != goal.is_fraction
            yield Change("goal-changed", "major", goal.id, f"{HEAD} goal `{goal.id}` ({goal.title}) is now "
                         f"{_goal(goal, counts)} (was {_goal(old, counts)}).")
        elif changed_fields(old, goal, {"title": "", "metric": "", "numerator": "", "denominator": ""}):
            wording.append(f"`{goal.id}`")
    for old in o.goals:
        if old.id not in after:
            yield Change("goal-removed", "major", old.id, f"{HEAD} goal `{old.id}` ({old.title}) was removed.")
    if wording:
        yield Change("goal-wording", "patch", "fidelity", f"{HEAD} new wording for goal{'s' * (len(wording) > 1)} "
                     f"{and_list(wording)}.")
