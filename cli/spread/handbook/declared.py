"""What a playbook asks sites to count and to ask participants, on its page: each measure with its instrument,
how and when it is collected, its target and guidance; the participant survey, statement by core component; and
the latest figures across sites, from the same roll-up as the dashboard (`report.outcomes`)."""

from __future__ import annotations

from spread.handbook import paths
from spread.handbook.blocks import bullets, heading, section, table
from spread.handbook.escaping import text
from spread.handbook.words import sentence
from spread.model.playbook import Playbook
from spread.report.figures import sites_of
from spread.report.outcomes import across
from spread.report.rollup import PlaybookReport
from spread.scoring.figures import target_words

FIGURES = {"count": "a count", "mean": "a mean, with n", "share": "a share (numerator of denominator)"}


def _measures(pb: Playbook, report: PlaybookReport) -> str:
    """One entry per measure (a list, not a wide table: it reads on a phone and needs no scrolling)."""
    latest = {a.measure.id: a for a in across(pb, sites_of(report))}
    entries = []
    for m in pb.measures:
        facts = [f"{sentence(m.kind)}; {FIGURES[m.figure]}, in {m.unit}; {m.better} is better",
                 "T" + target_words(m)[1:] if m.target is not None else "",
                 f"Instrument: {m.instrument}" if m.instrument else "", f"How and when: {m.collected}" if m.collected
                 else "", f"Guidance: {m.guidance}" if m.guidance else "",
                 f"Latest, all sites: {latest[m.id].pooled}" if m.id in latest else "No figures yet"]
        entries.append(f"**{text(m.name)}**" + (" (people reached)" if m.headline else "") + ". "
                       + " ".join(text(fact.rstrip(".") + ".") for fact in facts if fact))
    return bullets(entries)


def _survey(pb: Playbook) -> str:
    if pb.voice is None:
        return ""
    titles = {c.id: c.title for c in pb.core}
    scale = ", ".join(f"{a.label} ({a.means})" for a in pb.voice.answers)
    rows = [[text(s.id), text(s.text), text(titles.get(s.component, s.component))] for s in pb.voice.statements]
    return section(heading(3, "What participants are asked", "participant-survey"),
                   text(f"People the site serves answer each statement: {scale}. " + (pb.voice.collected or "")),
                   table(["", "Statement", "Core component"], rows),
                   "Sites record only how many people gave each answer, never who gave which; the dashboard and "
                   "each site page show the answers beside the site's own rating of the component.")


def measures_section(pb: Playbook, report: PlaybookReport) -> str:
    """The playbook page's section on measures and voice; nothing when it has neither."""
    if not pb.measures and pb.voice is None:
        return ""
    page = paths.playbook(pb.id)
    return section(heading(2, "Reach, outcomes and participants' view", "measures"),
                   f"What every site counts each period, beside its self-audit. The figures across sites are on the "
                   f"[network dashboard]({paths.href(page, paths.dashboard(pb.id), 'reach-and-outcomes')}). A figure "
                   f"about fewer than {pb.suppress_below} people is never published.",
                   _measures(pb, report) if pb.measures else "", _survey(pb))
