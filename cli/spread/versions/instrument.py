"""Changes to the fidelity instrument. Anything that can change a site's score, band, flags or goals is major:
an audit made under one version must not quietly mean something else under the next."""

from __future__ import annotations

from collections.abc import Iterator

from spread.model.instrument import Band, Goal, Instrument
from spread.model.scales import shown as point_text
from spread.versions.changes import Change, and_list, changed_fields, paired
from spread.versions.items import HEAD, items_and_levels
from spread.versions.regimes import diff_regimes

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


def _scale(ins: Instrument) -> str:
    """`1 to 5`, `1 to 4 in steps of 0.5`, or `each item on its own scale`."""
    if ins.scale_min is None or ins.scale_max is None:
        return "each item on its own scale"
    step = "" if ins.scale_step is None else f" in steps of {point_text(ins.scale_step)}"
    return f"{point_text(ins.scale_min)} to {point_text(ins.scale_max)}{step}"


def _places(count: int) -> str:
    return f"{count} decimal place{'s' * (count != 1)}"


def _goal(goal: Goal, counts: bool = False) -> str:
    unit = {"percent": "%", "ratio": " (a ratio)", "count": ""}[goal.unit]
    how = (", from counts" if goal.is_fraction else ", as one number") if counts else ""
    if goal.op is None or goal.target is None:
        return f"reported with no target{how}"
    return f"{'at least' if goal.op == '>=' else 'at most'} {_num(goal.target)}{unit}{how}"


def _area(area: str | None) -> str:
    return "no area" if area is None else f"area {area}"


def diff_instrument(o: Instrument, n: Instrument) -> Iterator[Change]:
    if o.kind != n.kind:
        how = {"anchored": "anchored items on a scale", "practice-profile": "each core component on its practice profile",
               "goals": "no items and are judged by their goals alone"}
        yield Change("instrument-kind-changed", "major", "fidelity", f"{HEAD} sites now rate {how[n.kind]} "
                     f"(they rated {how[o.kind]}).")
    if o.frequency != n.frequency:
        yield Change("instrument-frequency-changed", "major", "fidelity", f"{HEAD} self-audits are now {n.frequency} "
                     f"(were {o.frequency}).")
    yield from diff_regimes(o.regimes, n.regimes)
    # Practice-profile items are the core components themselves: their changes are reported there.
    if o.kind == n.kind == "anchored":
        if (o.scale_min, o.scale_max, o.scale_step) != (n.scale_min, n.scale_max, n.scale_step):
            yield Change("instrument-scale-changed", "major", "fidelity", f"{HEAD} items are now rated {_scale(n)} "
                         f"(were {_scale(o)}).")
        yield from _sections(o, n)
        yield from items_and_levels(o, n)
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
        yield Change("instrument-bands-changed", "major", "fidelity", f"{HEAD} the bands are now "
                     f"{_bands(n.bands) or 'none'} (were {_bands(o.bands) or 'none'}).")
    else:
        if [b.description for b in o.bands] != [b.description for b in n.bands]:
            wording.append("band descriptions")
        if [b.title for b in o.bands] != [b.title for b in n.bands]:
            wording.append("band labels")
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


def _goals(o: Instrument, n: Instrument) -> Iterator[Change]:
    wording = []
    for old, goal in paired(o.goals, n.goals):
        if goal is None:
            assert old is not None
            yield Change("goal-removed", "major", old.id, f"{HEAD} goal `{old.id}` ({old.title}) was removed.")
        elif old is None:
            yield Change("goal-added", "major", goal.id, f"{HEAD} new goal `{goal.id}` ({goal.title}): {_goal(goal)}.")
        elif (old.op, old.target, old.unit, old.is_fraction) != (goal.op, goal.target, goal.unit, goal.is_fraction):
            counts = old.is_fraction != goal.is_fraction
            yield Change("goal-changed", "major", goal.id, f"{HEAD} goal `{goal.id}` ({goal.title}) is now "
                         f"{_goal(goal, counts)} (was {_goal(old, counts)}).")
        elif old.area != goal.area:
            yield Change("goal-area-changed", "major", goal.id, f"{HEAD} goal `{goal.id}` ({goal.title}) now counts in "
                         f"{_area(goal.area)} (it counted in {_area(old.area)}); goals met per area change.")
        elif changed_fields(old, goal, {"title": "", "metric": "", "numerator": "", "denominator": ""}):
            wording.append(f"`{goal.id}`")
    if wording:
        yield Change("goal-wording", "patch", "fidelity", f"{HEAD} new wording for goal{'s' * (len(wording) > 1)} "
                     f"{and_list(wording)}.")
