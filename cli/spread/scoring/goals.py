"""Numeric goals: computed exactly from an audit's counts, reported as met, not met or no data; a figure with no
target (an informational goal) is reported, never judged."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from spread.model.audit import GoalData
from spread.model.instrument import DEFAULT_DECIMALS, Decimals, Goal
from spread.scoring.numbers import ending, exact, fixed, written

Verdict = Literal["met", "not met", "no data", "reported"]
SIGN = {">=": "≥", "<=": "≤"}


def target_text(goal: Goal) -> str:
    """`≥ 80%`: the target as the playbook writes it; `no target` for an informational figure."""
    if goal.op is None or goal.target is None:
        return "no target"
    return f"{SIGN[goal.op]} {written(goal.target)}{'%' if goal.unit == 'percent' else ''}"


@dataclass(frozen=True)
class GoalResult:
    """One goal for one audit. `value` is None when there is no data (a missing count or a zero denominator)."""

    goal: Goal
    value: Fraction | None
    verdict: Verdict
    numerator: float | None = None
    denominator: float | None = None
    decimals: Decimals = DEFAULT_DECIMALS

    @property
    def met(self) -> bool:
        return self.verdict == "met"

    def shown(self) -> str:
        """The value with its unit, in the playbook's format, never rounded across the target: `63%`, `0.33`."""
        if self.value is None:
            return "no data"
        unit = self.goal.unit
        if unit == "count" and (text := ending(self.value)) is not None:
            return text
        places = self.decimals.percent if unit == "percent" else self.decimals.mean
        limits = () if self.goal.target is None else (exact(self.goal.target),)
        return fixed(self.value, places, limits) + ("%" if unit == "percent" else "")

    @property
    def judged(self) -> bool:
        """Whether the goal has a target (an informational figure is shown, never judged)."""
        return not self.goal.informational

    @property
    def target(self) -> str:
        return target_text(self.goal)

    def explain(self) -> str:
        g = self.goal
        if self.value is None:
            why = ("the denominator is 0" if self.denominator == 0 else "the audit gives no figures for it")
            if not self.judged:
                return f"{g.id}: no data ({why}); reported with no target, so never judged"
            return f"{g.id}: no data ({why}), so not counted as met; target {self.target}"
        if g.is_fraction:
            assert self.numerator is not None and self.denominator is not None
            sum_ = f"{written(self.numerator)} / {written(self.denominator)} = {self.shown()}"
        else:
            sum_ = self.shown()
        if not self.judged:
            return f"{g.id}: {sum_}, reported with no target, so never judged"
        return f"{g.id}: {sum_}, target {self.target} → {self.verdict}"


def evaluate(goal: Goal, data: GoalData | None, decimals: Decimals = DEFAULT_DECIMALS) -> GoalResult:
    data = data or GoalData()
    if goal.is_fraction:
        if data.numerator is None or not data.denominator:
            return GoalResult(goal, None, "no data", data.numerator, data.denominator, decimals)
        scale = 100 if goal.unit == "percent" else 1
        numerator, denominator = data.numerator, data.denominator
        value = (Fraction(numerator * scale, denominator) if type(numerator) is int and type(denominator) is int
                 else exact(numerator) * scale / exact(denominator))
    elif data.value is None:
        return GoalResult(goal, None, "no data", decimals=decimals)
    else:
        value = exact(data.value)
    if goal.op is None or goal.target is None:
        return GoalResult(goal, value, "reported", data.numerator, data.denominator, decimals)
    target = exact(goal.target)
    met = value >= target if goal.op == ">=" else value <= target
    return GoalResult(goal, value, "met" if met else "not met", data.numerator, data.denominator, decimals)
