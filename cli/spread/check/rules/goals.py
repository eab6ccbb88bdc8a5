"""Rules for an instrument's numeric goals: ids used once, a fraction with both its parts, a target that can be
met (a count is never negative; a share never passes 100%)."""

from __future__ import annotations

from collections.abc import Iterator

from spread.check.rules.common import at, duplicate_ids
from spread.errors import Problem
from spread.model.playbook import Playbook
from spread.scoring.numbers import written


def check_goals(pb: Playbook, shown: str) -> Iterator[Problem]:
    goals = pb.instrument.goals
    yield from duplicate_ids(shown, pb.doc, ((("fidelity", "goals", i), g.id) for i, g in enumerate(goals)), "goal",
                             "goal-id-duplicate")
    for i, goal in enumerate(goals):
        where = ("fidelity", "goals", i)
        if goal.is_fraction and (goal.numerator is None or goal.denominator is None):
            yield at(shown, pb.doc, where, "error", f"goal {goal.id} needs both a `numerator` and a `denominator` "
                     "(or neither, for a goal measured as a single value)", "goal-fraction")
        if goal.target is None:
            continue
        if goal.unit == "count" and goal.target < 0:
            yield at(shown, pb.doc, (*where, "target"), "error", f"goal {goal.id} counts something, so its target "
                     f"cannot be {written(goal.target)}: a count is never below 0", "goal-target-negative")
        elif goal.unit == "percent" and goal.is_fraction and (goal.target < 0 or goal.target > 100):
            yield at(shown, pb.doc, (*where, "target"), "error", f"goal {goal.id} is a share of its denominator, so its "
                     f"target must be from 0 to 100%, not {written(goal.target)}%", "goal-target-off-share")
