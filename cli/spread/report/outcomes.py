"""Reach, outcomes and participant voice across a playbook's sites: people reached in a year, each outcome's latest
figures pooled across sites and against its target, and the sites whose participants disagree with their rating.
Pure over each site's `SiteMeasures`, so `spread report`, the dashboards and the front page add up alike. Only
published figures are pooled: a suppressed one is never added back in (`scoring.privacy`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from spread.model.measures import Measure
from spread.model.playbook import Playbook
from spread.report.measures import SiteMeasures
from spread.scoring.figures import FigureResult, meets
from spread.scoring.numbers import exact, fixed
from spread.scoring.privacy import Total
from spread.scoring.voice import ComponentVoice

# (site id, its measures): what every roll-up here is worked out from.
Sites = Sequence[tuple[str, SiteMeasures]]


@dataclass(frozen=True)
class Across:
    """One measure at every site's latest figure: the figures, their pooled value in words (`58.9 points (n = 80)`),
    and how many sites meet its target of those with a published figure (`judged`)."""

    measure: Measure
    sites: tuple[tuple[str, FigureResult], ...]
    pooled: str
    met: bool | None
    meeting: int
    judged: int


def reached(sites: Sites, year: str, threshold: int) -> Total:
    """People reached in a year across sites: their headline counts added up, suppressed parts never added."""
    totals = [t for _, m in sites if (t := m.reached_in(year)) is not None]
    return Total(sum(t.published for t in totals), sum(t.hidden for t in totals), sum(t.suppressed for t in totals),
                 threshold)


def across(pb: Playbook, sites: Sites, kind: str | None = None) -> tuple[Across, ...]:
    """Each measure (of `kind`, or every one) at each site's latest figure, pooled."""
    found = []
    for measure in pb.measures:
        if kind is not None and measure.kind != kind:
            continue
        latest = tuple((site, figure) for site, m in sites if (figure := m.latest().get(measure.id)) is not None)
        if not latest:
            continue
        pooled, met = _pooled(pb, measure, [figure for _, figure in latest])
        judged = [figure.met for _, figure in latest if figure.met is not None]
        found.append(Across(measure, latest, pooled, met, sum(judged), len(judged)))
    return tuple(found)


def _pooled(pb: Playbook, measure: Measure, figures: list[FigureResult]) -> tuple[str, bool | None]:
    shown = [f for f in figures if not f.suppressed and f.number is not None]
    hidden = len(figures) - len(shown)
    note = f"; {hidden} site{'s' * (hidden != 1)} with too few people left out" if hidden else ""
    limits = () if measure.target is None else (exact(measure.target),)
    if not shown:
        return "no published figures", None
    if measure.figure == "count":
        value = Fraction(sum(int(f.number or 0) for f in shown))
        words = f"{value} {measure.unit} in all{note}"
    elif measure.figure == "mean":
        people = sum(f.n or 0 for f in shown)
        value = sum((Fraction(f.number or 0) * (f.n or 0) for f in shown), Fraction(0)) / people
        words = f"{fixed(value, pb.instrument.decimals.mean, limits)} {measure.unit} (n = {people}){note}"
    else:
        top, bottom = sum(f.numerator or 0 for f in shown), sum(f.denominator or 0 for f in shown)
        value = Fraction(top * 100, bottom)
        words = f"{top} of {bottom} {measure.unit} ({fixed(value, pb.instrument.decimals.percent, limits)}%){note}"
    return words, meets(measure, value)


def gaps(sites: Sites) -> tuple[tuple[str, ComponentVoice], ...]:
    """Every site and component where the site rated itself expected while most participants disagree."""
    return tuple((site, voice) for site, m in sites for voice in m.gaps)
