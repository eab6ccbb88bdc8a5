"""Which scores of an item count as expected, developmental and unacceptable practice (the practice-profile words).

A playbook may say so for its whole instrument or for one item (`levels`), following its anchors' own words. Without
it, the rule below decides, the same rule a practice profile's 0-2 scale follows (unacceptable 0, developmental 1,
expected 2), so anchored and profile instruments read alike in reports, heat maps and flags.
"""

from __future__ import annotations

from dataclasses import dataclass

from spread.model.scales import Point

# The words from the strongest to the weakest: a component is only as strong as its weakest item.
LEVELS = ("expected", "developmental", "unacceptable")


@dataclass(frozen=True)
class Levels:
    """The scores at each level. A check makes sure every score of the scale is in exactly one, in order."""

    expected: frozenset[Point]
    developmental: frozenset[Point]
    unacceptable: frozenset[Point]

    def of(self, score: Point) -> str | None:
        """The level a score is at, or None for a score the levels leave out."""
        if score in self.expected:
            return "expected"
        if score in self.developmental:
            return "developmental"
        return "unacceptable" if score in self.unacceptable else None

    def scores(self, level: str) -> tuple[Point, ...]:
        return tuple(sorted(getattr(self, level)))


def default_levels(values: tuple[Point, ...], minimum: Point | None) -> Levels:
    """The levels of a scale without declared ones. The fidelity line is the item's minimum (without one, or with
    one at the bottom, the score above the bottom): below it is unacceptable. Of the scores at or above the line,
    the upper half, rounded up, is expected and the rest developmental, so expected is never only the top score
    when three or more scores clear the line: on 1-5 with minimum 3, 4 and 5 are expected and 3 developmental;
    on 1-5 without a minimum, 1 is unacceptable, 2 and 3 developmental, 4 and 5 expected; on 0-2 (a practice
    profile, minimum 1), 0, 1 and 2 in turn. `values` are the item's scores, lowest first."""
    bottom = values[0]
    line = minimum if minimum is not None and minimum > bottom else values[min(1, len(values) - 1)]
    above = [v for v in values if v >= line] or [values[-1]]
    expected = above[len(above) // 2:]
    return Levels(frozenset(expected), frozenset(above[:len(above) // 2]), frozenset(v for v in values if v < above[0]))
