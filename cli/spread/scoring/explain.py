"""The arithmetic behind a score, in plain English, so every number a site sees can be traced to its ratings."""

from __future__ import annotations

from spread.model.instrument import Instrument
from spread.scoring.bands import number, span
from spread.scoring.results import ItemResult, Score


def explain(score: Score) -> tuple[str, ...]:
    """Every step from the ratings to the band, in plain English. Asked for only where it is shown: a report
    scores every audit of every site but shows these lines for none of them."""
    return tuple(explain_lines(score, score.instrument, score.banded)) if score.instrument is not None else ()


def term(result: ItemResult) -> str:
    """One item in a sum: `PF1 5`, or `peer-led 2 (expected)` on a practice profile."""
    if result.score is None:
        return f"{result.item.id} not rated"
    level = f" ({result.level})" if result.rating is not None and result.rating.level is not None else ""
    return f"{result.item.id} {result.score}{level}"


def _sum(results: tuple[ItemResult, ...]) -> str:
    return " + ".join(term(r) for r in results)


def _rated(score: Score, ins: Instrument) -> list[str]:
    unrated = [f"{r.item.id} ({r.not_rated})" for r in score.items if r.score is None]
    if not unrated:
        return [f"Rated {score.rated} of {score.count} items."]
    line = f"Rated {score.rated} of {score.count} items; not rated: {', '.join(unrated)}."
    if score.mean is not None:
        return [line, ("The playbook scores the mean of the rated items (`missing: mean-of-rated`), so there is "
                       "no total, only a mean.")]
    return [line, ("The audit is incomplete, so it has no total and no band: missing items are never counted as "
                   "zero or as full marks.")]


def _numbers(score: Score) -> list[str]:
    lines = []
    tops = {r.item.top for r in score.items}
    if score.total is not None:
        lines.append(f"Total {number(score.total)} = {_sum(score.items)}")
        each = f"{len(score.items)} items × {tops.pop()}" if len(tops) == 1 else "the top score of every item"
        lines.append(f"Maximum {score.maximum} = {each}")
        lines.append(f"Mean {number(score.mean or 0)} = {number(score.total)} / {score.count} items")
        lines.append(f"Percent of maximum {number(score.percent or 0)}% = {number(score.total)} / {score.maximum}")
    elif score.mean is not None:
        rated = tuple(r for r in score.items if r.score is not None)
        total = sum(r.score or 0 for r in rated)
        lines.append(f"Mean of rated items {number(score.mean)} = ({_sum(rated)}) / {len(rated)}")
        lines.append(f"Percent of the rated items' maximum {number(score.percent or 0)}% = {total} / "
                     f"{sum(r.item.top for r in rated)}")
    for s in score.sections:
        if s.total is not None and s.mean is not None:
            lines.append(f"Section {s.section.title}: total {number(s.total)} = {_sum(s.items)}; "
                         f"mean {number(s.mean)} = {number(s.total)} / {len(s.items)}")
        elif s.mean is not None:
            lines.append(f"Section {s.section.title}: mean of rated items {number(s.mean)}")
    return lines


def _band(score: Score, ins: Instrument, banded: float | None) -> list[str]:
    if banded is None:
        return []
    shown = number(banded) + ("%" if ins.band_on == "percent" else "")
    if score.uncapped is None:
        return [f"{shown} falls in no band: the playbook's bands leave a gap there (run `spread check`)."]
    return [f"{shown} is in band {score.uncapped.label} ({span(score.uncapped)})"]


def explain_lines(score: Score, ins: Instrument, banded: float | None) -> list[str]:
    """Every step from the ratings to the band, the flags and the goals."""
    lines = _rated(score, ins) + _numbers(score) + _band(score, ins, banded)
    lines += [f"Critical breach: {b.item.id} ({b.item.component}) is rated {b.score}, its bottom level; "
              "flagged whatever the total." for b in score.breaches]
    if score.capped and score.band is not None and score.uncapped is not None:
        lines.append(f"A critical breach caps the band at {ins.critical_cap}: {score.uncapped.label} → "
                     f"{score.band.label}")
    lines += [f"{r.item.id} is {r.score}, below its minimum of {r.item.min}: flagged whatever the total."
              for r in score.below_min]
    lines += [goal.explain() for goal in score.goals]
    if score.goals:
        lines.append(f"Goals: {score.goals_summary} (reported on their own, never added to the total).")
    return lines
