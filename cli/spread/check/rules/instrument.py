"""Rules for an instrument with its own items (or none, judged by goals alone): scales, items and anchors that fit
together, sections a sum of section means needs, and something that judges a score."""

from __future__ import annotations

from collections.abc import Iterator

from spread.check.rules.bands import check_bands
from spread.check.rules.common import at, duplicate_ids
from spread.check.rules.goals import check_goals
from spread.errors import Problem, words
from spread.model.instrument import Item
from spread.model.playbook import Playbook
from spread.model.scales import shown as point_text
from spread.model.scales import steps


def check_instrument(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    base = ("fidelity",)
    if ins.kind == "goals":
        if not any(not g.informational for g in ins.goals):
            yield at(shown, doc, (*base, "items"), "error", "`items: []` says this instrument rates no items, so it is "
                     "judged by its goals alone, but it has no goal with a target: add `goals` with `op` and `target`, "
                     "or add items", "instrument-empty")
        yield from check_goals(pb, shown)
        if ins.bands:
            yield at(shown, doc, (*base, "bands"), "error", "bands read the score of rated items, and this instrument "
                     "rates none (`items: []`): remove `bands`; its goals give the verdict", "bands-without-items")
        return
    if ins.scale_min is not None and ins.scale_max is not None and not steps(ins.scale_min, ins.scale_max, ins.scale_step):
        yield at(shown, doc, (*base, "scale"), "error", f"the scale runs from {point_text(ins.scale_min)} to "
                 f"{point_text(ins.scale_max)}{_step(ins.scale_step)}: the lowest score must be below the highest, "
                 "in steps that fit between them", "instrument-scale")
        return
    unscaled = [item.id for item in ins.items if not item.values and not item.own_scale]
    if unscaled:
        which = "no item has" if len(unscaled) == len(ins.items) else f"{words(unscaled, joiner='and')} have"
        yield at(shown, doc, base, "error", f"the instrument has no `scale` and {which} one of its own: add the "
                 "scale items are rated on under `fidelity`, e.g. `scale: {min: 1, max: 5}`, or give each item its "
                 "own `scale` or `values`", "item-scale-missing")
    core = {c.id for c in pb.core}
    yield from duplicate_ids(shown, doc, (((*base, "items", i), item.id) for i, item in enumerate(ins.items)), "item",
                             "item-id-duplicate")
    for i, item in enumerate(ins.items):
        if not item.component and core:
            yield at(shown, doc, (*base, "items", i), "error", f"item {item.id} does not say which core component it "
                     f"rates: add `component:` with one of {words(sorted(core))}", "item-component-missing", key=True)
        elif item.component and item.component not in core:
            yield at(shown, doc, (*base, "items", i, "component"), "error", f"item {item.id} rates `{item.component}`, "
                     f"which is not a core component of this playbook: use {words(sorted(core))}", "item-component-unknown")
        yield from _section(pb, shown, i, item)
        yield from _scale(pb, shown, i, item)
    for component in sorted(core - {item.component for item in ins.items}):
        index = next(i for i, c in enumerate(pb.core) if c.id == component)
        yield at(shown, doc, ("core", index, "id"), "error", f"core component `{component}` is not rated by any "
                 "fidelity item: add an item with `component: " + component + "`", "instrument-uncovered-component")
    if ins.method == "sum-of-section-means" and not ins.sections:
        yield at(shown, doc, (*base, "scoring", "method"), "error", "`sum-of-section-means` adds each section's mean, "
                 "but the instrument has no `sections`: add them, or use `sum` or `mean`", "section-means-without-sections")
    yield from check_bands(pb, shown)
    yield from check_goals(pb, shown)


def _section(pb: Playbook, shown: str, i: int, item: Item) -> Iterator[Problem]:
    ins, where = pb.instrument, ("fidelity", "items", i)
    sections = {s.id for s in ins.sections}
    if item.section is not None and item.section not in sections:
        yield at(shown, pb.doc, (*where, "section"), "error", f"item {item.id} is in section `{item.section}`, which is "
                 f"not listed under `sections`: use {words(sorted(sections))} or add it", "item-section-unknown")
    elif item.section is None and sections:
        means = ins.method == "sum-of-section-means"
        yield at(shown, pb.doc, where, "error" if means else "warning", f"item {item.id} has no section, so it is left "
                 f"out of {'the sum of section means' if means else 'section totals'}: add `section`", "item-no-section")


def _scale(pb: Playbook, shown: str, i: int, item: Item) -> Iterator[Problem]:
    doc, where = pb.doc, ("fidelity", "items", i)
    if not item.values:
        if item.own_scale:
            yield at(shown, doc, (*where, "scale"), "error", f"item {item.id}'s scale has no scores: the lowest score "
                     "must be below the highest, in steps that fit between them", "item-scale")
        return
    scale = f"{point_text(item.bottom)}–{point_text(item.top)}"
    ends = [s for s in (item.bottom, item.top) if s not in item.anchors]
    if ends:
        which = " and ".join(point_text(s) for s in ends)
        yield at(shown, doc, (*where, "anchors"), "error", f"item {item.id} has no anchor for score{'s' * (len(ends) == 2)} {which}, "
                 f"{'the ends' if len(ends) == 2 else 'an end'} of its scale {scale}: describe at least what earns the "
                 "lowest and the highest score (scores between two anchors need none)", "anchors-incomplete")
    extra = [s for s in sorted(item.anchors) if s not in item.values]
    if extra:
        yield at(shown, doc, (*where, "anchors"), "error", f"item {item.id} has an anchor for score "
                 f"{', '.join(map(point_text, extra))}, which is not one of its scores ({_values(item)}): remove it or "
                 "change the scale", "anchors-off-scale")
    if item.min is not None and not item.bottom <= item.min <= item.top:
        yield at(shown, doc, (*where, "min"), "error", f"item {item.id} has minimum {point_text(item.min)}, outside "
                 f"its scale {scale}", "item-min-off-scale")


def _values(item: Item) -> str:
    shown = [point_text(v) for v in item.values]
    return ", ".join(shown) if len(shown) <= 12 else f"{', '.join(shown[:3])}, … {shown[-1]}"


def _step(step: object) -> str:
    return "" if step is None else f" in steps of {step}"
