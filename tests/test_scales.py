"""The scores an item takes (model/scales.py): exact half points, value sets, and how they are told and shown."""

from __future__ import annotations

from decimal import Decimal

from spread.model.instrument import Item
from spread.model.levels import default_levels
from spread.model.scales import point, ranges, shown, steps, told


def test_a_score_is_exactly_what_its_author_wrote() -> None:
    assert point(2.5) == Decimal("2.5") and isinstance(point(2.5), Decimal)
    assert point(4.0) == 4 and isinstance(point(4.0), int)
    assert point("2.50") == Decimal("2.5") and shown(point("2.50")) == "2.5"
    assert point(0.1) == Decimal("0.1")  # not the binary float nearest to it


def test_steps_of_a_scale() -> None:
    assert steps(1, 5) == (1, 2, 3, 4, 5)
    assert steps(1, 3, 0.5) == (1, Decimal("1.5"), 2, Decimal("2.5"), 3)
    assert steps(5, 1) == () and steps(1, 5, 0) == () and steps(0, 1, 0.0001) == ()


def test_scores_as_a_rater_is_told_them() -> None:
    assert told(steps(1, 5)) == "1 to 5"
    assert told(steps(1, 4, 0.5)) == "1 to 4 in half points"
    assert told(steps(0, 1, 0.25)) == "0 to 1 in steps of 0.25"
    assert told((1, 4)) == "1 or 4"
    assert told((0, 1)) == "0 to 1"
    assert told((1, 2, 5)) == "1, 2 or 5"


def test_unanchored_scores_run_between_the_anchors() -> None:
    item = Item("Q1", "c", "Q", {1: "none", 10: "all"}, values=steps(1, 10))
    assert item.anchor_rows() == (((1,), "none"), (tuple(range(2, 10)), None), ((10,), "all"))
    assert item.between == "2–9"
    half = Item("S1", "c", "S", {1: "a", 3: "b", 5: "c"}, values=steps(1, 5, 0.5))
    assert ranges(half.unanchored, half.scores) == "1.5–2.5, 3.5–4.5"


def test_default_levels_on_half_points() -> None:
    """1–3 in half points with minimum 2: 1 and 1.5 below the line; of 2, 2.5 and 3 the upper half is expected."""
    levels = default_levels(steps(1, 3, 0.5), 2)
    assert levels.scores("unacceptable") == (1, Decimal("1.5"))
    assert levels.scores("developmental") == (2,)
    assert levels.scores("expected") == (Decimal("2.5"), 3)
    assert default_levels((1, 4), None).of(4) == "expected" and default_levels((1, 4), None).of(1) == "unacceptable"
