"""Numeric goals: computed from an audit's counts, compared unrounded, reported as met, not met or no data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spread.model.audit import GoalData
from spread.model.instrument import Goal
from spread.scoring.bands import number

Verdict = Literal["met", "not met", "no data"]
SIGN = {">=": "≥", "<=": "≤"}


@dataclass(frozen=True)
class GoalResult:
    """One goal for one audit. `value` is None when there is no data (a missing count or a zero denominator)."""

    goal: Goal
    value: float | None
    verdict: Verdict
    numerator: float | None = None
    denominator: float | None = None

    @property
    def met(self) -> bool:
        return self.verdict == "met"

    def shown(self, value: float | None = None) -> str:
        """The value (or the target) with its unit, to 2 decimals: `63.33%`."""
        value = self.value if value is None else value
        return "no data" if value is None else number(value) + ("%" if self.goal.unit == "percent" else "")

    def explain(self) -> str:
        g = self.goal
        target = f"{SIGN[g.op]} {self.shown(g.target)}"
        if self.value is None:
            why = ("the denominator is 0" if self.denominator == 0 else "the audit gives no figures for it")
            return f"{g.id}: no data ({why}), so not counted as met; target {target}"
        if g.is_fraction:
            assert self.numerator is not None and self.denominator is not None
            sum_ = f"{number(self.numerator)} / {number(self.denominator)} = {self.shown()}"
        else:
            sum_ = self.shown()
        return f"{g.id}: {sum_}, target {target} → {self.verdict}"


def evaluate(goal: Goal, data: GoalData | None) -> GoalResult:
    data = data or GoalData()
    if goal.is_fraction:
        if data.numerator is None or not data.denominator:
            return GoalResult(goal, None, "no data", data.numerator, data.denominator)
        value = data.numerator / data.denominator * (100 if goal.unit == "percent" else 1)
    elif data.value is None:
        return GoalResult(goal, None, "no data")
    else:
        value = data.value
    met = value >= goal.target if goal.op == ">=" else value <= goal.target
    return GoalResult(goal, value, "met" if met else "not met", data.numerator, data.denominator)
