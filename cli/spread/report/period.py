"""One audit's reach, outcomes and participant voice, for `spread audit score`: the same figures, words and
suppression as the report and the site's page (`scoring.figures`, `scoring.voice`), with the change since the audit
before where both have a figure."""

from __future__ import annotations

from typing import Any

from spread.model.audit import Audit
from spread.model.playbook import Playbook
from spread.report.figures import figure_data, voice_data
from spread.report.rollup import component_levels
from spread.report.text import table
from spread.scoring.figures import FigureResult, audit_figures, direction, target_words
from spread.scoring.results import Score
from spread.scoring.voice import ComponentVoice, component_voice, gap_words

Before = tuple[Playbook, Audit] | None


def _figures(pb: Playbook, audit: Audit, before: Before) -> list[tuple[FigureResult, FigureResult | None]]:
    earlier = {f.measure: f for f in audit_figures(*before)} if before else {}
    return [(f, earlier.get(f.measure)) for f in audit_figures(pb, audit)]


def _voice(pb: Playbook, audit: Audit, score: Score) -> tuple[ComponentVoice, ...]:
    return component_voice(pb, audit, component_levels(score))


def period_lines(pb: Playbook, audit: Audit, score: Score, before: Before) -> list[str]:
    """The period's figures as a table, then the participants' view of each component; nothing when the audit
    gives neither."""
    lines: list[str] = []
    measures = {m.id: m for m in pb.measures}
    rows = [["Measure", "Figure", "Change", "Target"]]
    for now, then in _figures(pb, audit, before):
        m = measures[now.measure]
        target = target_words(m)
        met = "" if now.met is None else f"{target}: {'met' if now.met else 'not met'}"
        rows.append([m.name, now.shown, direction(m, then, now) if then else "", met or target])
    if len(rows) > 1:
        lines += ["", f"Reach and outcomes in {audit.period} (a figure about fewer than {pb.suppress_below} people "
                  "is not shown):", *("  " + r for r in table(rows))]
    voiced = _voice(pb, audit, score)
    if voiced:
        rows = [["Component", "Site's level", "Participants", "Gap"]]
        rows += [[v.title, v.level or "not rated", v.shown, "GAP" if v.gap else ""] for v in voiced]
        lines += ["", "What participants said:", *("  " + r for r in table(rows))]
        lines += [f"  {gap_words(v)}" for v in voiced if v.gap]
    return lines


def period_data(pb: Playbook, audit: Audit, score: Score, before: Before) -> dict[str, Any]:
    """The same for `--format json`: each figure as the report gives it, with its change, and the voice."""
    measures = {m.id: m for m in pb.measures}
    return {"figures": [figure_data(now) | {"change": (direction(measures[now.measure], then, now) if then else "") or None}
                        for now, then in _figures(pb, audit, before)],
            "voice": [voice_data(v) for v in _voice(pb, audit, score)]}
