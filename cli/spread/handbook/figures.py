"""Reach, outcomes and participant voice on a site's page, and participants' view beside each level in the
dashboard's heat map. Every number comes from `report.measures` (publishable: a small group is "fewer than 5")."""

from __future__ import annotations

from spread.handbook import markup, paths
from spread.handbook.blocks import heading, section
from spread.handbook.components import anchor
from spread.handbook.markup import inline
from spread.handbook.words import sentence
from spread.model.playbook import Playbook
from spread.report.rollup import SiteStatus
from spread.scoring.figures import direction, target_words
from spread.scoring.voice import ComponentVoice, gap_words

GAP = "⚠ Gap"
SMALL_NOTE = ("A figure about fewer than {n} people is shown as \u201cfewer than {n}\u201d, so that no one in a small "
              "group can be picked out.")


def met_words(met: bool | None) -> str:
    return "" if met is None else "✓ met" if met else "✗ not met"


def voice_words(voice: ComponentVoice) -> str:
    """Participants' view in a cell: `85% agree, 4% disagree (n = 26)`, with the gap flag where there is one."""
    flag = f" <strong>{GAP}:</strong> most participants disagree" if voice.gap else ""
    return inline(voice.shown) + flag


def heat_cell_note(status: SiteStatus) -> dict[str, str]:
    """What participants say of each component, for the heat map's cells beside the site's own level."""
    return {v.component: f'<br><span class="spread-voice">Participants: {voice_words(v)}</span>'
            for v in status.measures.voice}


def _figures(status: SiteStatus, runs: Playbook) -> str:
    m = status.measures
    rows = []
    for measure in runs.measures:
        latest = m.latest().get(measure.id)
        if latest is None:
            continue
        before = m.previous(measure.id)
        change = direction(measure, before, latest) if before else ""
        since = f" since {inline(before.period)}" if before and change else ""
        history = "; ".join(f"{inline(f.period)}: {inline(f.shown)}" for f in m.figures if f.measure == measure.id)
        rows.append([inline(measure.name) + f'<br><span class="spread-kind">{sentence(measure.kind)}</span>',
                     f"{inline(latest.shown)}<br>{inline(latest.period)}", inline(change) + since,
                     inline(target_words(measure)) + (f"<br>{met_words(latest.met)}" if latest.met is not None else ""),
                     history])
    if not rows:
        return markup.para("No reach or outcome figures recorded yet.")
    reached = [f"{inline(year)}: {inline(total.shown())}" for year, total in m.reached]
    headline = next((x for x in runs.measures if x.headline), None)
    lines = markup.para(f"People reached ({inline(headline.name.lower())}), by year: {'; '.join(reached)}.") \
        if headline and reached else ""
    return (markup.table(["Measure", "Latest", "Change", "Target", "Every period"], rows) + lines
            + markup.para(SMALL_NOTE.format(n=runs.suppress_below)))


def _voice(status: SiteStatus, runs: Playbook, page: str) -> str:
    voice = status.measures.voice
    if not voice:
        return ""
    rows = [[markup.a(paths.url(page, paths.playbook(runs.id), anchor("core", v.component)), inline(v.title)),
             inline(sentence(v.level or "not rated")), voice_words(v)] for v in voice]
    gaps = [inline(gap_words(v)) for v in voice if v.gap]
    period = voice[0].period
    intro = markup.para(f"The {inline(period)} participant survey, beside the site's own rating of each core "
                        "component at the same audit. A gap is flagged where the site rated a component expected "
                        "while most participants' answers disagree.")
    flagged = markup.note("warning", "Participants disagree with the site's rating", markup.bullets(gaps)) if gaps \
        else ""
    return section(heading(3, "What participants say", indexed=False),
                   intro + flagged + markup.table(["Core component", "Site's own level", "Participants"], rows))


def site_section(status: SiteStatus, runs: Playbook | None) -> str:
    """The site page's section on reach, outcomes and voice; nothing when its playbook has neither."""
    if runs is None or (not runs.measures and runs.voice is None):
        return ""
    page = paths.site(status.site.playbook, status.site.id)
    return section(heading(2, "Reach, outcomes and what participants say", indexed=False), _figures(status, runs),
                   _voice(status, runs, page))
