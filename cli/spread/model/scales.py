"""The scores an item can take: whole numbers on a scale, a scale in steps (half points), or a set of values.

A score is a `Point`: an `int` when whole, else the exact `Decimal` its author wrote (2.5, never the float
nearest to it), so sums and means stay exact and a score prints as written. `Decimal(4) == 4` and both hash
alike, so levels and anchors keyed by whole numbers read either.
"""

from __future__ import annotations

from decimal import Decimal

Point = int | Decimal
# Past this many scores a scale is certainly a mistake (a step of 0.0001), and listing them would cost too much.
MOST_VALUES = 1000


def point(value: float | str | Point) -> Point:
    """A number from YAML (or an anchor's key) as a score: `4` → 4, `2.5` → Decimal("2.5"), `4.0` → 4."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():  # `.inf` in YAML: kept as it is, for `spread check` to refuse
        return number
    return int(number) if number == number.to_integral_value() else number.normalize()


def steps(low: float | Point, high: float | Point, step: float | Point | None = None) -> tuple[Point, ...]:
    """Every score from `low` to `high` in `step`s (whole numbers without one); empty for a scale that makes no
    sense (reversed, a step of zero, or too many scores), which `spread check` reports."""
    first, last, size = Decimal(point(low)), Decimal(point(high)), Decimal(point(step if step is not None else 1))
    if size <= 0 or last < first or (last - first) / size > MOST_VALUES:
        return ()
    count = int((last - first) // size)
    return tuple(point(first + size * i) for i in range(count + 1))


def shown(value: Point) -> str:
    """A score as its author writes it: `4`, `2.5`."""
    return str(value) if isinstance(value, int) else format(value, "f")


def ranges(values: tuple[Point, ...], within: tuple[Point, ...]) -> str:
    """Runs of consecutive scores of a scale as `2–4, 6`, for saying which points are left unanchored."""
    runs: list[list[Point]] = []
    for value in values:
        if runs and within.index(value) == within.index(runs[-1][-1]) + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(shown(r[0]) if len(r) == 1 else f"{shown(r[0])}–{shown(r[-1])}" for r in runs)


def told(values: tuple[Point, ...]) -> str:
    """The scores an item takes as a rater is told them: `1 to 5`, `1 to 4 in half points`, `1 or 4`."""
    if len(values) < 2:
        return ", ".join(map(shown, values))
    step = values[1] - values[0]
    if len(values) == 2 and step != 1:
        return f"{shown(values[0])} or {shown(values[1])}"
    if steps(values[0], values[-1], step) == values:
        how = "" if step == 1 else " in half points" if step == Decimal("0.5") else f" in steps of {shown(step)}"
        return f"{shown(values[0])} to {shown(values[-1])}{how}"
    return ", ".join(map(shown, values[:-1])) + f" or {shown(values[-1])}"
