"""A scored audit as a site page shows it. Every number comes from `spread.scoring`, formatted as the command
line formats it, so `spread audit score` and the handbook always agree."""

from __future__ import annotations

from spread.bands import number, span
from spread.handbook.blocks import bullets, details, section, table
from spread.handbook.escaping import text
from spread.handbook.words import REVIEW, day, sentence
from spread.model import SCORE_LEVELS, Audit
from spread.scoretext import name, weakest
from spread.scoring import ItemResult, Score


def total_text(score: Score) -> str:
    """`44 of 50 (88%)`, or the mean when only a mean exists, or why there is no score."""
    if score.total is not None and score.percent is not None:
        return f"{number(score.total)} of {score.maximum} ({number(score.percent)}%)"
    if score.mean is not None:
        return f"mean {number(score.mean)} over the {score.rated} rated items"
    return f"no score: {score.rated} of {score.count} items rated"


def band_text(score: Score) -> str:
    return sentence(score.band.label) if score.band else "No band (incomplete audit)"


def _rated(score: Score, r: ItemResult) -> str:
    if score.kind == "practice-profile":
        return sentence(r.level) if r.level else "Not rated"
    return f"{r.score} of {r.item.top}" if r.score is not None else "Not rated"


def _level(score: Score, value: int) -> str:
    return sentence(SCORE_LEVELS.get(value, str(value))) if score.kind == "practice-profile" else str(value)


def _flags(score: Score) -> str:
    flags = [f"**Critical breach:** {text(name(score, r))} is rated {_rated(score, r).lower()}, the bottom of its "
             "scale." for r in score.breaches]
    flags += [f"**Below the minimum:** {text(name(score, r))} is {_rated(score, r).lower()}"
              + (f"; the lowest acceptable score is {r.item.min}." if score.kind == "anchored" else ".")
              for r in score.below_min if not r.critical_breach]
    if score.capped and score.uncapped is not None:
        flags.append(f"The band is capped because of a critical breach: the score alone would be "
                     f"{text(sentence(score.uncapped.label))}.")
    if not flags:
        return ""
    body = "\n".join(f"    {line}" for line in bullets(flags).splitlines())
    return f'!!! warning "Flagged whatever the total"\n\n{body}'


def _weakest(score: Score) -> str:
    rows = [[text(name(score, r)), _rated(score, r), text(r.anchor or ""),
             f"{_level(score, r.next_anchor[0])}: {text(r.next_anchor[1])}" if r.next_anchor else ""]
            for r in weakest(score)]
    if not rows:
        return ""
    return section("### Where to improve first", "The weakest items, and what the next level up looks like.",
                   table(["Item", "Rated", "What that looks like", "The next level up"], rows))


def _sections(score: Score) -> str:
    rows = [[text(s.section.title), f"{number(s.total)} of {s.maximum}" if s.total is not None else "Incomplete",
             number(s.mean) if s.mean is not None else ""] for s in score.sections]
    return table(["Section", "Score", "Mean per item"], rows) if rows else ""


def _goals(score: Score) -> str:
    rows = [[f"{text(g.goal.id)} · {text(g.goal.title)}", g.shown(),
             f"{'≥' if g.goal.op == '>=' else '≤'} {g.shown(g.goal.target)}", sentence(g.verdict)] for g in score.goals]
    return section(f"### Goals: {score.goals_summary}", table(["Goal", "Result", "Target", "Met?"], rows)) if rows else ""


def latest(score: Score, audit: Audit) -> str:
    unit = "%" if score.band and score.band_on == "percent" else ""
    band = (f"**{band_text(score)}** ({span(score.band)}{unit})" if score.band else f"**{band_text(score)}**")
    meaning = text(score.band.description) if score.band and score.band.description else ""
    done = f", completed {day(audit.completed)}" if audit.completed else ""
    return section(
        f"## Latest self-audit: {text(score.period)}",
        f"{sentence(REVIEW.get(audit.review, audit.review))} against version {text(score.version)}{done}.",
        f"Band: {band}. Score: **{total_text(score)}**.\n{{: .spread-score }}", meaning, _flags(score),
        _sections(score), _weakest(score), _goals(score),
        details("How this score was worked out", bullets(text(line) for line in score.explain)))
