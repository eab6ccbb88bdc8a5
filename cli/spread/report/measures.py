"""A site's reach, outcomes and participant voice over its audits, as publishable data (`scoring.figures`,
`scoring.voice`, suppressed by `scoring.privacy`): every period's figures, the participants' view of each component
at the latest survey, and the people reached each year. Plain enough to be kept in the report cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spread.model.audit import Audit
from spread.model.playbook import Playbook
from spread.scoring.figures import FigureResult, audit_figures, people_in
from spread.scoring.privacy import Total, add_up, is_small
from spread.scoring.voice import ComponentVoice, component_voice

# One audit as the roll-up hands it over: its playbook version, the audit, and each core component's level then.
Audited = tuple[Playbook, Audit, dict[str, str]]


@dataclass(frozen=True)
class SiteMeasures:
    """`figures`: every period's figures, oldest first; `voice`: the latest survey's answers per component;
    `reached`: per year, the people counted by the playbook's headline measure (`Measure.headline`)."""

    figures: tuple[FigureResult, ...] = ()
    voice: tuple[ComponentVoice, ...] = ()
    reached: tuple[tuple[str, Total], ...] = ()

    def latest(self) -> dict[str, FigureResult]:
        """Each measure's most recent figure."""
        return {figure.measure: figure for figure in self.figures}

    def previous(self, measure: str) -> FigureResult | None:
        """The figure before a measure's latest one, for its direction of change."""
        found = [figure for figure in self.figures if figure.measure == measure]
        return found[-2] if len(found) > 1 else None

    def reached_in(self, year: str) -> Total | None:
        return dict(self.reached).get(year)

    @property
    def gaps(self) -> tuple[ComponentVoice, ...]:
        return tuple(voice for voice in self.voice if voice.gap)

    def plain(self) -> tuple[Any, ...]:
        return (tuple(f.plain() for f in self.figures), tuple(v.plain() for v in self.voice),
                tuple((year, (t.published, t.hidden, t.suppressed, t.threshold)) for year, t in self.reached))


def from_plain(plain: Any) -> SiteMeasures | None:
    """Kept measures, or None when they are not of the shape `SiteMeasures.plain` gives."""
    try:
        figures, voice, reached = plain
        return SiteMeasures(tuple(FigureResult(*f) for f in figures), tuple(ComponentVoice(*v) for v in voice),
                            tuple((year, Total(*t)) for year, t in reached))
    except (TypeError, ValueError):
        return None


def site_measures(audited: Sequence[Audited]) -> SiteMeasures:
    """A site's measures from its audits, oldest first."""
    figures = tuple(f for pb, audit, _ in audited for f in audit_figures(pb, audit))
    voiced = [(pb, audit, levels) for pb, audit, levels in audited if audit.voice and pb.voice is not None]
    voice = component_voice(*voiced[-1]) if voiced else ()
    years: dict[str, list[tuple[int, bool]]] = {}
    threshold = audited[-1][0].suppress_below if audited else 5
    for pb, audit, _ in audited:
        for measure in pb.measures:
            figure = audit.figures.get(measure.id)
            if measure.headline and figure is not None and figure.count is not None:
                small = is_small(people_in(measure, figure), pb.suppress_below)
                years.setdefault(audit.period[:4], []).append((figure.count, small))
    reached = tuple((year, add_up(parts, threshold)) for year, parts in sorted(years.items()))
    return SiteMeasures(figures, voice, reached)
