"""A score as a terminal report a site coordinator can act on: band, total, sections, flags, the weakest items
with what the next level up looks like, goals, and the change since the previous audit."""

from __future__ import annotations

import textwrap

from spread.model.audit import a_review
from spread.model.instrument import SCORE_LEVELS
from spread.model.scales import Point
from spread.scoring import explain as explained
from spread.scoring import shown
from spread.scoring.results import Change, ItemResult, Score

WEAKEST = 3
WIDTH = 96


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _level(score: Score, value: Point) -> str:
    return SCORE_LEVELS.get(int(value), str(value)) if score.kind == "practice-profile" else str(value)


def _rated(score: Score, r: ItemResult) -> str:
    if score.kind == "practice-profile":
        return r.level or "not rated"
    return f"{r.score} of {r.item.top}"


def name(score: Score, r: ItemResult) -> str:
    """`PF1 Who leads circles`; a practice-profile item is its core component, so its title is enough."""
    return r.item.title if score.kind == "practice-profile" else f"{r.item.id} {r.item.title}"


def _notes(score: Score) -> list[str]:
    """The cap and unverified critical items, under the band they qualify."""
    lines = []
    if score.capped_by and score.uncapped is not None:
        lines.append(f"  Capped by a critical breach: {', '.join(score.capped_by)}; the score alone would be "
                     f"{score.uncapped.label}.")
    if score.unverified:
        names = score.components(score.unverified)
        lines.append(f"  Unverified: {', '.join(names)} not rated, so the band cannot vouch for "
                     f"{'it' if len(names) == 1 else 'them'} (a critical component).")
    return lines


def reviewed(score: Score) -> str:
    """`, from an independent review`: who rated, said beside the band."""
    regime = f" ({score.regime})" if score.regime else ""  # the review regime it followed (`model.regimes`)
    return f", from {a_review(score.review)}{regime}" if score.review else ""


def judged_by(score: Score) -> str:
    """What gives an instrument without bands its verdict, in a few words."""
    if not score.items:
        return "judged by its goals alone: the instrument rates no items"
    minimums = any(r.item.min is not None for r in score.items)
    what = " and ".join(w for w, on in (("item minimums", minimums), ("goals", score.goals_judged > 0)) if on)
    return f"the instrument has no bands: its {what} judge"


def headline(score: Score) -> list[str]:
    """Band and numbers: the lines a site reads first."""
    if score.band is None and score.verdict is not None:
        lines = [f"Verdict: {score.verdict}{reviewed(score)} ({judged_by(score)})."]
    elif score.band is None:
        why = ("the audit is incomplete" if score.banded is None
               else "its score falls in no band (run `spread check`)")
        lines = [f"Band: none, because {why} ({score.rated} of {score.count} items rated){reviewed(score)}."]
    else:
        desc = f" — {' '.join(score.band.description.split())}" if score.band.description else ""
        lines = [f"Band: {shown.band_range(score)}{reviewed(score)}{desc}"]
    lines += _notes(score)
    if score.total is not None:
        scored = score.count - score.rated
        lowest = f" ({scored} scored at their lowest)" if scored else ""
        means = " (the sum of the sections' means)" if _section_means(score) else ""
        lines.append(f"Total{means}: {shown.total(score.total, score)} of {shown.total(score.maximum)} "
                     f"({shown.percent(score)}), mean {shown.mean(score)} per item, {score.rated} of {score.count} items "
                     f"rated{lowest}.")
    elif score.mean is not None:
        share = f", {shown.percent(score)} of their maximum" if score.percent is not None else ""
        lines.append(f"Mean of the {score.rated} rated items: {shown.mean(score)} (of {score.count} items){share}.")
    return lines


def _sections(score: Score) -> list[str]:
    if not score.sections:
        return []
    width = max(len(s.section.title) for s in score.sections)
    lines = ["", "Sections"]
    for s in score.sections:
        total = f"{shown.total(s.total)} of {shown.total(s.maximum)}" if s.total is not None else "incomplete"
        mean = f"mean {shown.mean(score, s.mean)}" if s.mean is not None else ""
        lines.append(f"  {s.section.title:<{width}}  {total:<10}  {mean}".rstrip())
    return lines


def _flags(score: Score) -> list[str]:
    lines: list[str] = []
    if score.breaches:
        lines += ["", "Critical breaches (flagged whatever the total)"]
        lines += [f"  {name(score, r)}{'' if r.item.id == r.item.component else f' ({r.item.component})'}: "
                  f"{_rated(score, r)}" for r in score.breaches]
    if score.below_min:
        if score.kind == "practice-profile":
            lines += ["", "Below the fidelity line (flagged whatever the total)"]
            lines += [f"  {name(score, r)}: {r.level}" for r in score.below_min]
        else:
            lines += ["", "Below their minimum (flagged whatever the total)"]
            lines += [f"  {name(score, r)}: {r.score}, minimum {r.item.min}" for r in score.below_min]
    unrated = [r for r in score.items if r.not_rated is not None]
    if unrated:
        rule = " (scored at the bottom of the scale, `missing: lowest`)" if any(r.imputed for r in unrated) else ""
        lines += ["", f"Not rated{rule}"]
        lines += [f"  {name(score, r)}: {r.not_rated}{' (critical: unverified)' if r.critical else ''}"
                  for r in unrated]
    return lines


def weakest(score: Score, count: int = WEAKEST) -> list[ItemResult]:
    """The rated items furthest from the top of their scale, in the instrument's order when tied."""
    below = [r for r in score.items if r.score is not None and not r.imputed and r.score < r.item.top]
    return sorted(below, key=lambda r: (r.score or 0) - r.item.bottom)[:count] if below else []


def _weakest(score: Score) -> list[str]:
    lines = []
    for r in weakest(score):
        lines.append(f"  {name(score, r)}: {_rated(score, r)}")
        if r.anchor or score.kind == "anchored":
            lines += _wrap(f"now ({_level(score, r.score or 0)}): {r.anchor or 'between the anchors'}", "      ")
        if r.next_anchor:
            lines += _wrap(f"next ({_level(score, r.next_anchor[0])}): {r.next_anchor[1]}", "      ")
    return ["", "Weakest items, and what the next level up looks like"] + lines if lines else []


def _section_means(score: Score) -> bool:
    return score.instrument is not None and score.instrument.method == "sum-of-section-means"


def _goals(score: Score) -> list[str]:
    if not score.goals:
        return []
    lines = ["", f"Goals: {score.goals_summary}" + (f" ({', '.join(shown.area_words(score))})" if score.areas else "")]
    for g in score.goals:
        area = f" [{g.goal.area}]" if g.goal.area else ""
        if g.judged:
            lines.append(f"  {g.goal.id} {g.goal.title}{area}: {g.shown()} (target {g.target}) — {g.verdict}")
        else:
            lines.append(f"  {g.goal.id} {g.goal.title}{area}: {g.shown()} (reported, no target)")
    return lines


def change_line(change: Change) -> str:
    parts = []
    if change.total is not None:
        parts.append(f"total {'+' * (change.total >= 0)}{shown.total(change.total)}")
    if change.percent is not None:
        parts.append(f"{shown.points(change.current, change.percent)} percentage points")
    before, after = change.band_before or "no band", change.band_after or "no band"
    what = "band" if change.current.bands else "verdict"
    parts.append(f"{what} {after} (unchanged)" if before == after else f"{what} {before} → {after}")
    version = "" if change.previous.version == change.current.version else f", on version {change.previous.version}"
    return f"Change since {change.previous.period}{version}: {', '.join(parts)}."


def score_text(score: Score, change: Change | None = None, explain: bool = False) -> list[str]:
    lines = [f"{score.playbook} {score.version} · site {score.site} · {score.period}"] + headline(score)
    lines += _sections(score) + _flags(score) + _weakest(score) + _goals(score)
    lines += ["", change_line(change)] if change else ["", "No earlier audit to compare with."]
    if explain:
        lines += ["", "How this was worked out"] + [f"  {line}" for line in explained.explain(score)]
    return lines
