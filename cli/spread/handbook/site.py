"""The page for one site: its adoption record, its latest self-audit, its trend, its plan and its choices."""

from __future__ import annotations

from spread.handbook import paths
from spread.handbook.blocks import definitions, front_matter, section, table
from spread.handbook.charts import Point, figure, trend
from spread.handbook.components import option_label
from spread.handbook.escaping import long_text, paragraphs, text
from spread.handbook.score import band_text, latest, total_text
from spread.handbook.words import FRAME, FREQUENCY, STAGE_MEANING, STAGES, code, codes, day
from spread.model import Adaptation, Audit, LocalComponent, Playbook
from spread.report import SiteStatus


def _record(status: SiteStatus, runs: Playbook | None, page: str) -> str:
    s = status.site
    version = text(s.version)
    if status.behind and status.latest_version:
        version += (f": behind, version {text(status.latest_version)} is out "
                    f"([what changed]({paths.href(page, paths.playbook(s.playbook), 'version-history')}))")
    elif status.latest_version:
        version += ": the latest version"
    upgrades = "; ".join(f"from {text(u.from_version)} to {text(u.to_version)} on {day(u.date)}" for u in s.upgrades)
    frequency = FREQUENCY[runs.instrument.frequency] if runs else ""
    audits = f"{frequency}; " if frequency else ""
    audits += f"**overdue**: the audit for {text(status.due)} is not in yet" if status.overdue else "up to date"
    return section("## Adoption record", '<div class="spread-record" markdown>', definitions([
        ("Playbook version", version), ("Started", day(s.started)),
        ("Stage", f"{STAGES.get(s.stage, text(s.stage))}: {STAGE_MEANING.get(s.stage, '')}".rstrip(": ")),
        ("Host organisation", text(s.host) + (f" ({code(s.host_type)})" if s.host_type else "")),
        ("Area", text(s.area or "")), ("Contact", text(s.contact or "")), ("Upgrades", upgrades),
        ("Self-audits", audits)]), "</div>")


def _trend(status: SiteStatus) -> str:
    if not status.trend:
        return section("## Fidelity over time", "No self-audit has been recorded yet.")
    points = [Point(s.period, s.percent, band_text(s).split(" (")[0]) for s in status.trend]
    chart = trend(f"trend-{status.site.id}", f"Fidelity over time at {status.site.name}", points)
    rows = [[text(s.period), text(s.version), total_text(s), band_text(s)] for s in status.trend]
    return section("## Fidelity over time", "Each audit's score as a percentage of the most it could score, so "
                   "audits on different playbook versions can be compared.",
                   figure(chart, "Score at each self-audit, as a percentage of the maximum."),
                   table(["Period", "Version", "Score", "Band"], rows))


def _actions(audit: Audit | None, runs: Playbook | None) -> str:
    if audit is None or not audit.actions:
        return section("## Action plan", "The latest self-audit records no actions.")
    items = {i.id: f"{i.id} {i.title}" if i.id != i.component else i.title for i in runs.instrument.items} if runs else {}
    roles = {r.id: r.title for r in runs.roles} if runs else {}
    rows = [[text(items.get(a.item or "", a.item or "")), text(a.action or ""),
             text(roles.get(a.owner or "", a.owner or "")), day(a.due)] for a in audit.actions]
    return section("## Action plan", f"From the {text(audit.period)} self-audit.",
                   table(["Item", "Action", "Owner", "Due"], rows))


def _adaptation(a: Adaptation, runs: Playbook | None) -> str:
    component = runs.component(a.component) if runs else None
    title = component.title if component else a.component
    local = component if isinstance(component, LocalComponent) else None
    what = f": {text(option_label(local, a.choice))}" if a.choice else ""
    core = "" if component is None or local else "**A change to a core component.** "
    frame = [(FRAME[key], codes(value) if isinstance(value, tuple) else code(value))
             for key in FRAME if (value := getattr(a, key))]
    frame += [(label, value) for label, value in (("Approved by", text(a.approved_by or "")), ("Date", day(a.date)))
              if value]
    # One line, not a table: it reads as a sentence, and a large network has thousands of these.
    record = " · ".join(f"**{label}:** {value}" for label, value in frame)
    return section(f"### {text(title)}{what}", core + (text(a.description) if a.description else ""),
                   paragraphs(a.reason) if a.reason else "No reason recorded.",
                   f"{record}\n{{: .spread-frame }}" if record else "")


def site_page(status: SiteStatus, audits: list[Audit], runs: Playbook | None, playbook_title: str) -> str:
    s = status.site
    page = paths.site(s.playbook, s.id)
    where = f" in {text(s.area)}" if s.area else ""
    intro = (f"Runs [{text(playbook_title)}]({paths.href(page, paths.playbook(s.playbook))}){where}, hosted by "
             f"{text(s.host)}. See also the [network dashboard]({paths.href(page, paths.dashboard(s.playbook))}).")
    audit = next((a for a in reversed(audits) if status.score and a.period == status.score.period), None)
    adaptations = [_adaptation(a, runs) for a in s.adaptations]
    retired = [_adaptation(a, None) + (f"\n\nThe component was removed in version {text(a.retired_in)}."
                                       if a.retired_in else "") for a in s.retired]
    checklist = (f"[Printable blank checklist for version {text(s.version)}]"
                 f"({paths.href(page, paths.checklist(s.playbook, s.version))}) · [Blank audit file (YAML)]"
                 f"({paths.href(page, paths.audit_template(s.playbook, s.version))})")
    body = section(
        f"# {text(s.name)}", intro, _record(status, runs, page),
        latest(status.score, audit) if status.score and audit else "",
        _trend(status), _actions(audit, runs),
        section("## Local choices and adaptations", "What this site decided, and why, recorded with the FRAME "
                "dimensions so the network can learn from it.", *adaptations) if adaptations else "",
        section("## Earlier choices", "Choices about components that a later version of the playbook removed, "
                "kept for the record.", *retired) if retired else "",
        section("## Notes", long_text(s.notes)) if s.notes else "",
        section("## Next self-audit", checklist))
    return front_matter(s.name) + body + "\n"
