"""Rules for an anchored fidelity instrument: items, anchors, sections, bands and goals that fit together."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model.instrument import Band, Instrument
from spread.model.playbook import Playbook


def score_range(ins: Instrument) -> tuple[float, float, bool]:
    """The lowest and highest score the bands must cover, and whether scores are whole numbers."""
    if ins.band_on == "percent":
        return 0, 100, False
    low = sum(item.bottom for item in ins.items)
    high = sum(item.top for item in ins.items)
    if ins.band_on == "mean" or ins.method == "mean":
        count = max(len(ins.items), 1)
        return low / count, high / count, False
    return low, high, True


def check_instrument(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    assert ins.scale_min is not None and ins.scale_max is not None
    base = ("fidelity",)
    if ins.scale_min >= ins.scale_max:
        yield at(shown, doc, (*base, "scale"), "error", f"the scale runs from {ins.scale_min} to {ins.scale_max}: "
                 "the lowest score must be below the highest", "instrument-scale")
        return
    core = {c.id for c in pb.core}
    sections = {s.id for s in ins.sections}
    seen: set[str] = set()
    for i, item in enumerate(ins.items):
        where = (*base, "items", i)
        if item.id in seen:
            yield at(shown, doc, (*where, "id"), "error", f"the item id `{item.id}` is used twice: give each item its own id",
                     "item-id-duplicate")
        seen.add(item.id)
        if item.component not in core:
            yield at(shown, doc, (*where, "component"), "error", f"item {item.id} rates `{item.component}`, which is not a "
                     f"core component of this playbook: use {words(sorted(core))}", "item-component-unknown")
        if item.section is not None and item.section not in sections:
            yield at(shown, doc, (*where, "section"), "error", f"item {item.id} is in section `{item.section}`, which is "
                     f"not listed under `sections`: use {words(sorted(sections))} or add it", "item-section-unknown")
        elif item.section is None and sections:
            yield at(shown, doc, where, "warning", f"item {item.id} has no section, so it is left out of section "
                     "totals: add `section`", "item-no-section")
        levels = set(range(ins.scale_min, ins.scale_max + 1))
        missing = sorted(levels - set(item.anchors))
        extra = sorted(set(item.anchors) - levels)
        if missing:
            yield at(shown, doc, (*where, "anchors"), "error", f"item {item.id} has no anchor for score "
                     f"{', '.join(map(str, missing))}: describe what earns every score from {ins.scale_min} to "
                     f"{ins.scale_max}", "anchors-incomplete")
        if extra:
            yield at(shown, doc, (*where, "anchors"), "error", f"item {item.id} has an anchor for score "
                     f"{', '.join(map(str, extra))}, outside the scale {ins.scale_min}–{ins.scale_max}: remove it or "
                     "widen the scale", "anchors-off-scale")
        if item.min is not None and not ins.scale_min <= item.min <= ins.scale_max:
            yield at(shown, doc, (*where, "min"), "error", f"item {item.id} has minimum {item.min}, outside the scale "
                     f"{ins.scale_min}–{ins.scale_max}", "item-min-off-scale")
    for component in sorted(core - {item.component for item in ins.items}):
        index = next(i for i, c in enumerate(pb.core) if c.id == component)
        yield at(shown, doc, ("core", index, "id"), "error", f"core component `{component}` is not rated by any "
                 "fidelity item: add an item with `component: " + component + "`", "instrument-uncovered-component")
    yield from _bands(pb, shown)
    yield from _goals(pb, shown)


def _bands(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    where = ("fidelity", "bands")
    if not ins.bands:
        yield at(shown, doc, ("fidelity",), "error", "this instrument has items but no `bands`: add named score ranges "
                 "so sites know what their score means", "bands-missing")
        return
    low, high, whole = score_range(ins)
    order = sorted(range(len(ins.bands)), key=lambda i: (ins.bands[i].min, ins.bands[i].max))
    labels = [b.label for b in ins.bands]
    for i in order:
        band = ins.bands[i]
        if band.min > band.max:
            yield at(shown, doc, (*where, i), "error", f"band `{band.label}` runs from {band.min} down to {band.max}: "
                     "swap them", "band-reversed")
    for prev_i, next_i in pairwise(order):
        prev, nxt = ins.bands[prev_i], ins.bands[next_i]
        step = 1 if whole else 0
        if nxt.min < prev.max + step:
            yield at(shown, doc, (*where, next_i, "min"), "error", f"bands `{prev.label}` ({_r(prev)}) and "
                     f"`{nxt.label}` ({_r(nxt)}) overlap: a score must fall in exactly one band", "bands-overlap")
        elif nxt.min > prev.max + step:
            if not whole:
                gap = f"scores between {_n(prev.max)} and {_n(nxt.min)}"
            elif prev.max + 1 == nxt.min - 1:
                gap = f"a score of {_n(prev.max + 1)}"
            else:
                gap = f"scores {_n(prev.max + 1)}–{_n(nxt.min - 1)}"
            yield at(shown, doc, (*where, next_i, "min"), "error", f"no band covers {gap}: widen "
                     f"`{prev.label}` or `{nxt.label}`", "bands-gap")
    first, last = ins.bands[order[0]], ins.bands[order[-1]]
    if first.min > low:
        yield at(shown, doc, (*where, order[0], "min"), "error", f"the lowest possible score is {_n(low)} but the "
                 f"lowest band starts at {_n(first.min)}: lower `{first.label}`", "bands-not-covering")
    if last.max < high:
        yield at(shown, doc, (*where, order[-1], "max"), "error", f"the highest possible score is {_n(high)} but "
                 f"the highest band ends at {_n(last.max)}: raise `{last.label}`", "bands-not-covering")
    if len(set(labels)) != len(labels):
        yield at(shown, doc, where, "error", "two bands have the same label: give each band its own", "band-label-duplicate")


def _goals(pb: Playbook, shown: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, goal in enumerate(pb.instrument.goals):
        where = ("fidelity", "goals", i)
        if goal.id in seen:
            yield at(shown, pb.doc, (*where, "id"), "error", f"the goal id `{goal.id}` is used twice", "goal-id-duplicate")
        seen.add(goal.id)
        if goal.is_fraction and (goal.numerator is None or goal.denominator is None):
            yield at(shown, pb.doc, where, "error", f"goal {goal.id} needs both a `numerator` and a `denominator` "
                     "(or neither, for a goal measured as a single value)", "goal-fraction")


def _r(band: Band) -> str:
    return f"{_n(band.min)}–{_n(band.max)}"


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
