"""A score's numbers and band as every report shows them (terminal, JSON, CSV, the handbook): the playbook's
decimal places, never a number shown across the band boundary its verdict was decided on, and the notes that
must be read with the band (the cap, unverified critical items)."""

from __future__ import annotations

from fractions import Fraction

from spread.scoring.bands import bounds, span
from spread.scoring.numbers import ending, fixed
from spread.scoring.results import Score


def _limits(score: Score, kind: str) -> tuple[Fraction, ...]:
    return bounds(score.bands) if score.band_on == kind else ()


def percent(score: Score, value: Fraction | None = None) -> str:
    """`58%`: the audit's percent of the maximum (or `value`, another percent of the same audit)."""
    limits = _limits(score, "percent") if value is None else ()
    value = score.percent if value is None else value
    return "" if value is None else fixed(value, score.decimals.percent, limits) + "%"


def mean(score: Score, value: Fraction | None = None) -> str:
    """`2.96`: the audit's mean item score (or `value`, a section's mean)."""
    limits = _limits(score, "mean") if value is None else ()
    value = score.mean if value is None else value
    return "" if value is None else fixed(value, score.decimals.mean, limits)


def total(value: Fraction, score: Score | None = None) -> str:
    """A total as it is: whole, or with its half points (`37.5`); a sum of section means that does not end within
    four places shows with the playbook's places for means, never across a band bound the score was banded on."""
    text = ending(value)
    if text is not None:
        return text
    limits = _limits(score, "total") if score is not None and value == score.total else ()
    return fixed(value, score.decimals.mean if score is not None else 2, limits)


def banded(score: Score) -> str:
    """The number the bands were read against, as shown with them: `45`, `58%`, `2.96`."""
    if score.banded is None:
        return ""
    if score.band_on == "percent":
        return percent(score)
    return mean(score) if score.band_on == "mean" else total(score.banded, score)


def points(score: Score, change: Fraction) -> str:
    """A change in percentage points, signed, never shown as 0 when it is not: `+10`, `-0.4`."""
    text = fixed(change, score.decimals.percent, (Fraction(0),))
    return text if text.startswith("-") else "+" + text


def band_range(score: Score) -> str:
    """`low (0–50%)`, or an empty string when there is no band."""
    if score.band is None:
        return ""
    return f"{score.band.display} ({span(score.band)}{'%' if score.band_on == 'percent' else ''})"


def band_word(score: Score, none: str = "incomplete") -> str:
    """The band with what must be read with it: `low (capped by a critical breach: Safe club)`."""
    label = score.band.display if score.band else score.verdict or none
    return f"{label} ({'; '.join(score.notes)})" if score.notes else label


def area_words(score: Score) -> list[str]:
    """`Recruitment 2 of 3`, one for each goal area, in the playbook's order: goals met of those with a target."""
    return [f"{area} {met} of {judged}" for area, met, judged in score.areas]
