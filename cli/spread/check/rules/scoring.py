"""Rules for how an instrument scores, whatever its kind: the band a critical breach caps at, the rule for
unrated items, and the levels its scores count as (every score in exactly one level, in order, agreeing with
the items' minimums)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spread.check.rules.common import at
from spread.errors import Problem, words
from spread.model.instrument import Item
from spread.model.levels import LEVELS, Levels
from spread.model.playbook import Playbook
from spread.model.scales import Point
from spread.model.scales import shown as point_text

SCORING = ("fidelity", "scoring")


def check_scoring(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    labels = [b.label for b in ins.bands]
    if ins.critical_cap is not None and ins.critical_cap not in labels:
        yield at(shown, doc, (*SCORING, "critical_cap"), "error", f"`critical_cap` names the band "
                 f"`{ins.critical_cap}`, which does not exist: use {words(labels)}", "critical-cap-unknown")
    yield from _missing(pb, shown)
    if ins.kind == "practice-profile":
        if ins.levels is not None:
            yield at(shown, doc, ("fidelity", "levels"), "error", "`levels` sorts the scores of anchored items, but "
                     "this playbook rates each core component on its practice profile, whose levels are its own: "
                     "remove `levels`, or add `items` on a scale", "levels-without-items")
        return
    if ins.levels is not None:
        yield from _levels(pb, shown, ins.levels, ("fidelity", "levels"), "the levels",
                           [i for i in ins.items if not i.own_levels])
    for index, item in enumerate(ins.items):
        if item.own_levels and item.levels is not None:
            yield from _levels(pb, shown, item.levels, ("fidelity", "items", index, "levels"),
                               f"item {item.id}'s levels", [item])


def _missing(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    where = (*SCORING, "missing")
    if ins.missing == "mean-of-rated" and ins.method != "mean":
        yield at(shown, doc, where, "error", "`mean-of-rated` only works with the mean method: use `missing: "
                 "incomplete`, or `method: mean`", "scoring-missing-rule")
    if ins.missing == "exclude":
        if ins.max_unrated is None:
            yield at(shown, doc, where, "error", "`missing: exclude` needs `max_unrated`, the most items an audit may "
                     "leave unrated and still be scored on the rest: add it, e.g. `max_unrated: 1`", "missing-exclude-max")
        if ins.band_on == "total" and ins.method != "mean":  # a mean instrument "on its total" bands its mean
            yield at(shown, doc, where, "error", "`missing: exclude` scores the rated items only, and their total "
                     "cannot be read against bands of the whole total: set `band_on: mean` or `band_on: percent`, "
                     "with bands to match", "missing-exclude-total")
    if ins.max_unrated is not None:
        if ins.missing != "exclude":
            yield at(shown, doc, (*SCORING, "max_unrated"), "error", "`max_unrated` only counts with `missing: "
                     "exclude`: remove it, or set `missing: exclude`", "missing-max-unused")
        elif ins.max_unrated >= len(ins.items):
            yield at(shown, doc, (*SCORING, "max_unrated"), "error", f"`max_unrated` is {ins.max_unrated}, but the "
                     f"instrument has {len(ins.items)} items and at least one must be rated: use at most "
                     f"{len(ins.items) - 1}", "missing-max-too-high")


def _levels(pb: Playbook, shown: str, levels: Levels, where: tuple[str | int, ...], whose: str,
            items: list[Item]) -> Iterator[Problem]:
    doc = pb.doc
    scale = sorted({v for item in items for v in item.scores})
    if not scale:
        return
    off = sorted(s for level in LEVELS for s in getattr(levels, level) if s not in scale)
    if off:
        yield at(shown, doc, where, "error", f"{whose} name {_scores(off)}, outside the scale {point_text(scale[0])}–"
                 f"{point_text(scale[-1])}: remove {'it' if len(off) == 1 else 'them'}", "levels-off-scale")
    for score in scale:
        found = [level for level in LEVELS if score in getattr(levels, level)]
        if len(found) > 1:
            yield at(shown, doc, where, "error", f"{whose} count score {score} as both {found[1]} and {found[0]}: "
                     "put each score in one level", "levels-overlap")
    missing = [s for s in scale if levels.of(s) is None]
    if missing:
        yield at(shown, doc, where, "error", f"{whose} leave out {_scores(missing)}: add "
                 f"{'it' if len(missing) == 1 else 'each'} to `expected`, `developmental` or `unacceptable`",
                 "levels-incomplete")
    order = [LEVELS.index(level) for s in scale if (level := levels.of(s)) is not None]
    if any(a < b for a, b in pairwise(order)):
        yield at(shown, doc, where, "error", f"{whose} must rise with the score, unacceptable lowest and expected "
                 f"highest; here {_reading(levels, scale)}", "levels-order")
    yield from _minimums(pb, shown, levels, items)


def _minimums(pb: Playbook, shown: str, levels: Levels, items: list[Item]) -> Iterator[Problem]:
    """The fidelity line two ways: an item's minimum, and where its levels turn unacceptable. They must agree."""
    for item in items:
        if item.min is None:
            continue
        index = pb.instrument.items.index(item)
        below = [s for s in item.scores if s < item.min and levels.of(s) not in (None, "unacceptable")]
        above = [s for s in item.scores if s >= item.min and levels.of(s) == "unacceptable"]
        if below:
            yield at(shown, pb.doc, ("fidelity", "items", index, "min"), "warning", f"item {item.id} has minimum "
                     f"{item.min}, but its levels count {_scores(below)} as {levels.of(below[0])}: a score below "
                     "the minimum is flagged, so count it as unacceptable, or lower the minimum", "levels-minimum")
        if above:
            yield at(shown, pb.doc, ("fidelity", "items", index, "min"), "warning", f"item {item.id} has minimum "
                     f"{item.min}, but its levels count {_scores(above)} as unacceptable: a score that meets the "
                     "minimum should count as developmental or expected, or raise the minimum", "levels-minimum")


def _scores(scores: list[Point]) -> str:
    return ("score " if len(scores) == 1 else "scores ") + ", ".join(map(point_text, scores))


def _reading(levels: Levels, scale: list[Point]) -> str:
    return ", ".join(f"{point_text(s)} is {levels.of(s)}" for s in scale if levels.of(s) is not None)

