"""A period's reach and outcome figures, as they may be published: each measure's figure with its n, against the
target in the measure's direction, or "fewer than 5" (`scoring.privacy`). Pure over a playbook version and an audit,
so the report and the handbook show the same words and numbers."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from spread.model.audit import Audit
from spread.model.measures import Figure, Measure
from spread.model.playbook import Playbook
from spread.scoring.numbers import exact, fixed, written
from spread.scoring.privacy import fewer_than, is_small


@dataclass(frozen=True)
class FigureResult:
    """One measure's figure for one period, publishable. A suppressed figure keeps no number (`value`, `n`,
    `numerator` and `denominator` are None); `shown` is its words (`24 people`, `58.5 points (n = 20)`,
    `9 of 15 people (60%)`, `fewer than 5`, `no data`); `number` the shown value as text (`58.5`, `60`), `met`
    whether it reaches the target in the measure's direction (None: no target, suppressed or no data)."""

    measure: str
    period: str
    shown: str
    number: str | None
    n: int | None
    numerator: int | None
    denominator: int | None
    suppressed: bool
    met: bool | None

    def plain(self) -> tuple[str, str, str, str | None, int | None, int | None, int | None, bool, bool | None]:
        return (self.measure, self.period, self.shown, self.number, self.n, self.numerator, self.denominator,
                self.suppressed, self.met)


def people_in(measure: Measure, figure: Figure) -> int | None:
    """How many people a figure is based on: a count of people, a mean's n, a share's denominator."""
    if measure.figure == "count":
        return figure.count if measure.people else None
    return figure.n if measure.figure == "mean" else figure.denominator


def value_of(measure: Measure, figure: Figure) -> Fraction | None:
    """The figure's exact value (a share as a percent); None without data."""
    if measure.figure == "count":
        return None if figure.count is None else Fraction(figure.count)
    if measure.figure == "mean":
        return None if figure.mean is None else exact(figure.mean)
    if not figure.denominator or figure.numerator is None:
        return None
    return Fraction(figure.numerator * 100, figure.denominator)


def meets(measure: Measure, value: Fraction) -> bool | None:
    if measure.target is None:
        return None
    target = exact(measure.target)
    return value >= target if measure.better == "higher" else value <= target


def figure_result(pb: Playbook, measure: Measure, figure: Figure, period: str) -> FigureResult:
    people = people_in(measure, figure)
    if is_small(people, pb.suppress_below):
        return FigureResult(measure.id, period, fewer_than(pb.suppress_below), None, None, None, None, True, None)
    value = value_of(measure, figure)
    if value is None:
        return FigureResult(measure.id, period, "no data", None, people, figure.numerator, figure.denominator, False,
                            None)
    limits = () if measure.target is None else (exact(measure.target),)
    decimals = pb.instrument.decimals
    if measure.figure == "count":
        number = str(figure.count)
        shown = f"{number} {measure.unit}"
    elif measure.figure == "mean":
        number = fixed(value, decimals.mean, limits)
        shown = f"{number} {measure.unit} (n = {figure.n})"
    else:
        number = fixed(value, decimals.percent, limits)
        shown = f"{figure.numerator} of {figure.denominator} {measure.unit} ({number}%)"
    return FigureResult(measure.id, period, shown, number, people, figure.numerator, figure.denominator, False,
                        meets(measure, value))


def audit_figures(pb: Playbook, audit: Audit) -> tuple[FigureResult, ...]:
    """The audit's figures for the measures its playbook version has, in the playbook's order."""
    return tuple(figure_result(pb, m, audit.figures[m.id], audit.period) for m in pb.measures if m.id in audit.figures)


def target_words(measure: Measure) -> str:
    """`target 60 or more`, `target 48 or less`, or an empty string."""
    if measure.target is None:
        return ""
    unit = "%" if measure.figure == "share" else f" {measure.unit}"
    return f"target {written(measure.target)}{unit} or {'more' if measure.better == 'higher' else 'less'}"


def direction(measure: Measure, before: FigureResult, after: FigureResult) -> str:
    """How a figure moved between two periods, in words that say whether that is better: `up, better`,
    `down, worse`, `no change`; empty when either is suppressed or has no number."""
    if before.number is None or after.number is None:
        return ""
    old, new = Fraction(before.number), Fraction(after.number)
    if old == new:
        return "no change"
    up = new > old
    better = up == (measure.better == "higher")
    return f"{'up' if up else 'down'}, {'better' if better else 'worse'}"
