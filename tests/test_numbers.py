"""Exact boundaries and one number format: hand-worked fractions at every edge, and shown numbers that never
contradict the verdict they sit beside."""

from __future__ import annotations

from fractions import Fraction

import pytest

from spread.model.audit import GoalData, Rating
from spread.model.instrument import Band, Goal
from spread.scoring.bands import band_for, span
from spread.scoring.data import score_data
from spread.scoring.explain import explain
from spread.scoring.goals import evaluate
from spread.scoring.numbers import exact, fixed, rounded, written
from spread.scoring.score import score_audit
from spread.scoring.text import score_text
from test_scoring import ANCHORED, IDS, audit, playbook, scored


def items(count: int) -> str:
    return "\n".join(f"    - {{id: I{n}, component: lead, title: Item {n}, anchors: *a}}" for n in range(2, count + 1))


def instrument(count: int, scoring: str, bands: str) -> str:
    """A playbook of `count` items on 1–5, one core component, with these scoring rules and bands."""
    return f"""
id: exact
title: Exact
version: 1.0.0
status: active
summary: Boundaries decided exactly.
core:
  - {{id: lead, title: Led by peers, function: f, practice: {{expected: e, developmental: d, unacceptable: u}}}}
fidelity:
  scale: {{min: 1, max: 5}}
  items:
    - {{id: I1, component: lead, title: Item 1, anchors: &a {{1: one, 2: two, 3: three, 4: four, 5: five}}}}
{items(count)}
  scoring: {scoring}
  bands:
{bands}
"""


@pytest.mark.parametrize(("value", "places", "limits", "text"), [
    (Fraction(71, 24), 2, [3], "2.96"),                    # 2.9583…, below 3: two places say so
    (Fraction(11990, 4000), 2, [3], "2.998"),              # 2.9975 would round to 3.00, onto the bound: one more place
    (Fraction(796, 10), 0, [80], "79.6"),                  # 79.6% is not 80%
    (Fraction(58), 0, [58], "58"),                         # on the bound, shown on it
    (exact(2.9583) - Fraction(4, 100000), 2, [exact(2.9583)], "2.958"),  # 2.95826: 2.96 is above the bound
    (Fraction(-1, 5), 0, [0], "-0.2"),                     # a fall is never shown as no change
    (Fraction(5, 2), 0, [], "3"),                          # halves round away from zero
    (Fraction(-5, 2), 0, [], "-3"),
    (Fraction(1, 8), 2, [], "0.13"),
    (Fraction(2), 2, [], "2.00"),                          # one style: a mean always has its places
])
def test_a_number_is_shown_with_its_places_or_more_never_across_a_threshold(
        value: Fraction, places: int, limits: list[Fraction], text: str) -> None:
    assert fixed(value, places, limits) == text


def test_bounds_are_read_as_written() -> None:
    assert exact(2.9583) == Fraction(29583, 10000) and exact(0.1) == Fraction(1, 10) and exact(58) == 58
    assert [written(v) for v in (2.9583, 58.0, 58, 1e-05)] == ["2.9583", "58", "58", "0.00001"]
    assert span(Band("not-the-model", 1, 2.9583)) == "1–2.9583"
    assert rounded(Fraction(-1, 5), 0) == "0"


def test_7_of_100_meets_a_goal_of_at_most_7_percent() -> None:
    goal = Goal("E2", "Early drop-out", "<=", 7, numerator="left", denominator="joined")
    assert 7 / 100 * 100 > 7  # the floating-point sum that said "not met"
    result = evaluate(goal, GoalData(numerator=7, denominator=100))
    assert (result.value, result.verdict, result.shown(), result.target) == (7, "met", "7%", "≤ 7%")
    assert evaluate(goal, GoalData(numerator=71, denominator=1000)).shown() == "7.1%"  # not met, so not "7%"


def test_29_of_50_is_in_a_band_starting_at_58_percent() -> None:
    assert 29 / 50 * 100 < 58  # the floating-point sum that fell in the band below
    text = instrument(10, "{method: sum, band_on: percent}",
                      "    - {label: fair, min: 0, max: 58}\n    - {label: good, min: 58, max: 100}")
    score = score_audit(playbook(text), audit({f"I{n}": Rating(f"I{n}", score=3 if n < 10 else 2)
                                               for n in range(1, 11)}))
    assert (score.total, score.percent) == (29, 58)
    assert score.band is not None and score.band.label == "good"
    assert "58% is in band good (58–100)" in explain(score)
    assert score_text(score)[1:3] == ["Band: good (58–100%), from a self-audit",
                                      "Total: 29 of 50 (58%), mean 2.90 per item, 10 of 10 items rated."]
    assert score_data(score)["percent"] == 58


def test_a_mean_just_above_a_written_bound_is_shown_on_its_side() -> None:
    """71/24 = 2.958333… is above the bound 2.9583, so in fair; two places (2.96) already say so, and the band
    range is printed as written, never as 1–2.96."""
    assert band_for((Band("not-the-model", 1, 2.9583), Band("fair", 2.9583, 5)), Fraction(71, 24)).label == "fair"
    text = instrument(24, "{method: mean}", "    - {label: not-the-model, min: 1, max: 2.9583}\n"
                                            "    - {label: fair, min: 2.9583, max: 5}")
    score = score_audit(playbook(text), audit({f"I{n}": Rating(f"I{n}", score=3 if n > 1 else 2)
                                               for n in range(1, 25)}))
    assert score.mean == Fraction(71, 24) and score.band is not None and score.band.label == "fair"
    assert "2.96 is in band fair (2.9583–5)" in explain(score)
    below = score_audit(playbook(text), audit({f"I{n}": Rating(f"I{n}", score=3 if n > 2 else 2)
                                               for n in range(1, 25)}))
    assert below.band is not None and below.band.label == "not-the-model"
    assert "2.92 is in band not-the-model (1–2.9583)" in explain(below)


def test_the_playbook_chooses_its_places_for_percentages_and_means() -> None:
    text = ANCHORED.replace("  scoring: {method: sum, critical_cap: fair}",
                            "  scoring: {method: sum, critical_cap: fair}\n  decimals: {percent: 2, mean: 1}")
    score = score_audit(playbook(text), audit({i: Rating(i, score=s) for i, s in zip(IDS, (4, 3, 5, 4, 2, 3, 5, 4))}))
    assert "Mean 3.8 = 30 / 8 items" in explain(score) and "Percent of maximum 75.00% = 30 / 40" in explain(score)
    default = scored(4, 3, 5, 4, 2, 3, 5, 4)
    assert "Mean 3.75 = 30 / 8 items" in explain(default) and "Percent of maximum 75% = 30 / 40" in explain(default)
    assert score_data(default)["mean"] == 3.75 and score_data(default)["percent"] == 75
