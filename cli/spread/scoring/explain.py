"""The arithmetic behind a score, in plain English, so every number a site sees can be traced to its ratings."""

from __future__ import annotations

from fractions import Fraction

from spread.model.instrument import Instrument
from spread.model.scales import shown as point_text
from spread.scoring import shown
from spread.scoring.bands import span
from spread.scoring.results import ItemResult, Score


def explain(score: Score) -> tuple[str, ...]:
    """Every step from the ratings to the band, in plain English. Asked for only where it is shown: a report
    scores every audit of every site but shows these lines for none of them."""
    return tuple(explain_lines(score, score.instrument)) if score.instrument is not None else ()


def term(result: ItemResult) -> str:
    """One item in a sum: `PF1 5`, `peer-led 2 (expected)` on a practice profile, `PF2 1 (not rated)`."""
    if result.score is None:
        return f"{result.item.id} not rated"
    if result.imputed:
        return f"{result.item.id} {point_text(result.score)} (not rated)"
    level = f" ({result.level})" if result.rating is not None and result.rating.level is not None else ""
    return f"{result.item.id} {point_text(result.score)}{level}"


def _sum(results: tuple[ItemResult, ...]) -> str:
    return " + ".join(term(r) for r in results)


def _rule(score: Score, ins: Instrument) -> str:
    """What the playbook's rule for missing data made of the unrated items."""
    unrated = score.count - score.rated
    if ins.missing == "lowest":
        return ("The playbook scores an unrated item at the bottom of its scale (`missing: lowest`), as if the "
                "evidence showed the lowest anchor.")
    if ins.missing == "exclude":
        most = ins.max_unrated or 0
        allowed = f"at most {most} item{'s' * (most != 1)}"
        if score.partial:
            return (f"The playbook scores the rated items when {allowed} {'is' if most == 1 else 'are'} not rated "
                    "(`missing: exclude`), so there is no total, only a mean and a percent of the rated items.")
        return (f"The playbook scores the rated items only when {allowed} {'is' if most == 1 else 'are'} not rated "
                f"(`missing: exclude`); {unrated} are, so the audit is incomplete: no total and no band.")
    if score.partial:
        return "The playbook scores the mean of the rated items (`missing: mean-of-rated`), so there is no total, only a mean."
    return ("The audit is incomplete, so it has no total and no band: missing items are never counted as zero or as "
            "full marks.")


def _rated(score: Score, ins: Instrument) -> list[str]:
    if not score.items:
        return ["The instrument rates no items (`items: []`): it is judged by its goals alone."]
    unrated = [f"{r.item.id} ({r.not_rated})" for r in score.items if r.not_rated is not None]
    if not unrated:
        return [f"Rated {score.rated} of {score.count} items."]
    return [f"Rated {score.rated} of {score.count} items; not rated: {', '.join(unrated)}.", _rule(score, ins)]


def _numbers(score: Score, ins: Instrument) -> list[str]:
    lines = []
    tops = {r.item.top for r in score.items}
    if score.total is not None and ins.method == "sum-of-section-means":
        total = shown.total(score.total, score)
        means = " + ".join(f"{s.section.title} {shown.mean(score, s.mean)}" for s in score.sections if s.mean is not None)
        lines.append(f"Total {total} = the sum of the sections' mean item scores: {means}")
        lines.append(f"Maximum {shown.total(score.maximum)} = the sum of the sections' mean top scores")
        points = sum((Fraction(r.score or 0) for r in score.items), Fraction(0))
        lines.append(f"Mean {shown.mean(score)} = {shown.total(points)} / {score.count} items")
        lines.append(f"Percent of maximum {shown.percent(score)} = {total} / {shown.total(score.maximum)}")
    elif score.total is not None:
        total = shown.total(score.total)
        lines.append(f"Total {total} = {_sum(score.items)}")
        each = (f"{len(score.items)} items × {point_text(tops.pop())}" if len(tops) == 1
                else "the top score of every item")
        lines.append(f"Maximum {shown.total(score.maximum)} = {each}")
        lines.append(f"Mean {shown.mean(score)} = {total} / {score.count} items")
        lines.append(f"Percent of maximum {shown.percent(score)} = {total} / {shown.total(score.maximum)}")
    elif score.mean is not None:
        rated = tuple(r for r in score.items if r.score is not None)
        rated_points = sum((Fraction(r.score or 0) for r in rated), Fraction(0))
        lines.append(f"Mean of rated items {shown.mean(score)} = ({_sum(rated)}) / {len(rated)}")
        lines.append(f"Percent of the rated items' maximum {shown.percent(score)} = {shown.total(rated_points)} / "
                     f"{shown.total(sum((Fraction(r.item.top) for r in rated), Fraction(0)))}")
    for s in score.sections:
        if s.total is not None and s.mean is not None:
            lines.append(f"Section {s.section.title}: total {shown.total(s.total)} = {_sum(s.items)}; "
                         f"mean {shown.mean(score, s.mean)} = {shown.total(s.total)} / {len(s.items)}")
        elif s.mean is not None:
            lines.append(f"Section {s.section.title}: mean of rated items {shown.mean(score, s.mean)}")
    return lines


def _verdict(score: Score) -> list[str]:
    """How an instrument without bands reaches its verdict."""
    if score.band is not None or score.bands or score.verdict is None:
        return []
    lines = []
    if any(r.item.min is not None for r in score.items):
        below = len(score.below_min)
        lines.append("No bands: the item minimums judge. " + (
            f"{below} item{'s' * (below != 1)} below {'their' if below != 1 else 'its'} minimum"
            if below else "Every item is at or above its minimum") + ".")
    if score.goals_judged and score.items:
        lines.append(f"{'No bands: t' if not lines else 'T'}he goals with a target judge: {score.goals_summary}.")
    return [*lines, f"Verdict: {score.verdict}"]


def _band(score: Score, ins: Instrument) -> list[str]:
    if score.banded is None:
        return []
    if score.uncapped is None:
        return [f"{shown.banded(score)} falls in no band: the playbook's bands leave a gap there (run `spread check`)."]
    return [f"{shown.banded(score)} is in band {score.uncapped.display} ({span(score.uncapped)})"]


def _breach(r: ItemResult) -> str:
    how = (f"is not rated, so scores {r.score} (`missing: lowest`)" if r.imputed else f"is rated {r.score}")
    return (f"Critical breach: {r.item.id} ({r.item.component}) {how}, which counts as unacceptable; flagged "
            "whatever the total.")


def explain_lines(score: Score, ins: Instrument) -> list[str]:
    """Every step from the ratings to the band, the flags and the goals."""
    lines = _rated(score, ins) + _numbers(score, ins) + _band(score, ins)
    lines += [_breach(b) for b in score.breaches]
    if score.capped and score.band is not None and score.uncapped is not None:
        lines.append(f"A critical breach caps the band at {ins.cap}: {score.uncapped.display} → {score.band.display}")
    lines += [f"Unverified: {r.item.id} ({r.item.component}) is critical and was not rated ({r.not_rated}); "
              "the band cannot vouch for it." for r in score.unverified]
    lines += [f"{r.item.id} is {r.score}, below its minimum of {r.item.min}: flagged whatever the total."
              for r in score.below_min]
    lines += [goal.explain() for goal in score.goals]
    if score.goals:
        areas = "; by area: " + ", ".join(shown.area_words(score)) if score.areas else ""
        lines.append(f"Goals: {score.goals_summary}{areas} (reported on their own, never added to the total).")
    return lines + _verdict(score)
