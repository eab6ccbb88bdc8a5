"""Rules for an instrument's bands: present where nothing else judges a score, in order, meeting without gaps or
overlaps, and covering every score the instrument can give (which need not start at 0: 20% is the floor of a
1–5 scale)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from itertools import pairwise

from spread.check.rules.common import at
from spread.errors import Problem
from spread.model.instrument import Band, Instrument
from spread.model.playbook import Playbook
from spread.scoring.numbers import ending, exact, rounded, written


def _mean(values: list[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / max(len(values), 1)


def score_range(ins: Instrument) -> tuple[Fraction, Fraction, Fraction]:
    """The lowest and highest score the bands are read against, and the step between two possible scores
    (0 where any number between can occur, as for a mean or a percent, whose bands share their boundaries)."""
    bottoms = [Fraction(item.bottom) for item in ins.items]
    tops = [Fraction(item.top) for item in ins.items]
    if ins.method == "sum-of-section-means":
        low = sum((_mean([Fraction(i.bottom) for i in ins.items if i.section == s.id]) for s in ins.sections), Fraction(0))
        high = sum((_mean([Fraction(i.top) for i in ins.items if i.section == s.id]) for s in ins.sections), Fraction(0))
    else:
        low, high = sum(bottoms, Fraction(0)), sum(tops, Fraction(0))
    if ins.band_on == "percent":
        return (low * 100 / high if high else Fraction(0)), Fraction(100), Fraction(0)
    if ins.band_on == "mean" or ins.method == "mean":
        return _mean(bottoms), _mean(tops), Fraction(0)
    if ins.method == "sum-of-section-means":
        return low, high, Fraction(0)
    return low, high, _unit(ins)


def _unit(ins: Instrument) -> Fraction:
    """The step between two possible totals: every total is a multiple of it (1 for whole scores, ½ with halves)."""
    values = [Fraction(v) for item in ins.items for v in item.scores]
    top = math.gcd(*(v.numerator for v in values)) or 1
    return Fraction(top, math.lcm(*(v.denominator for v in values)))


def check_bands(pb: Playbook, shown: str) -> Iterator[Problem]:
    ins, doc = pb.instrument, pb.doc
    where = ("fidelity", "bands")
    if not ins.bands:
        if not ins.judged:
            yield at(shown, doc, ("fidelity",), "error", "nothing judges this instrument's scores: it has no `bands`, no "
                     "item with a `min` and no goal with a target. Add named score ranges (`bands`), or a `min` on the "
                     "items that carry the judgment", "bands-missing")
        return
    low, high, step = score_range(ins)
    order = sorted(range(len(ins.bands)), key=lambda i: (exact(ins.bands[i].min), exact(ins.bands[i].max)))
    for i in order:
        band = ins.bands[i]
        if band.min > band.max:
            yield at(shown, doc, (*where, i), "error", f"band `{band.label}` runs from {written(band.min)} down to "
                     f"{written(band.max)}: swap them", "band-reversed")
    for prev_i, next_i in pairwise(order):
        prev, nxt = ins.bands[prev_i], ins.bands[next_i]
        if exact(nxt.min) < exact(prev.max) + step:
            yield at(shown, doc, (*where, next_i, "min"), "error", f"bands `{prev.label}` ({_r(prev)}) and "
                     f"`{nxt.label}` ({_r(nxt)}) overlap: a score must fall in exactly one band", "bands-overlap")
        elif exact(nxt.min) > exact(prev.max) + step:
            yield at(shown, doc, (*where, next_i, "min"), "error", f"no band covers {_gap(prev, nxt, step)}: widen "
                     f"`{prev.label}` or `{nxt.label}`", "bands-gap")
    first, last = ins.bands[order[0]], ins.bands[order[-1]]
    if exact(first.min) > low:
        yield at(shown, doc, (*where, order[0], "min"), "error", f"the lowest possible score is {_n(low, ins)} but the "
                 f"lowest band starts at {written(first.min)}: lower `{first.label}`", "bands-not-covering")
    if exact(last.max) < high:
        yield at(shown, doc, (*where, order[-1], "max"), "error", f"the highest possible score is {_n(high, ins)} but "
                 f"the highest band ends at {written(last.max)}: raise `{last.label}`", "bands-not-covering")
    ids = [b.label for b in ins.bands]
    if len(set(ids)) != len(ids):
        yield at(shown, doc, where, "error", "two bands have the same id: give each band its own", "band-label-duplicate")


def _gap(prev: Band, nxt: Band, step: Fraction) -> str:
    if not step:
        return f"scores between {written(prev.max)} and {written(nxt.min)}"
    first, last = exact(prev.max) + step, exact(nxt.min) - step
    return f"a score of {_plain(first)}" if first == last else f"scores {_plain(first)}–{_plain(last)}"


def _r(band: Band) -> str:
    return f"{written(band.min)}–{written(band.max)}"


def _plain(value: Fraction) -> str:
    return ending(value) or rounded(value, 2)


def _n(value: Fraction, ins: Instrument) -> str:
    """A possible score, exactly where it ends within four places, else to the playbook's places for means."""
    text = _plain(value)
    text = text if Fraction(text) == value else rounded(value, ins.decimals.mean)
    return text + "%" if ins.band_on == "percent" else text
