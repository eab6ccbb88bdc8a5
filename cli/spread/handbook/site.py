"""The page for one site: its adoption record, its latest self-audit, its trend, its plan and its choices.

A large network has thousands of these pages, so each is written to be cheap to build: the sections are
Markdown headings (they make the table of contents) over raw HTML blocks with as few elements as the content
needs (see `markup`), and only the title and the opening summary go into the search index.
"""

from __future__ import annotations

import re
from datetime import date

from spread.handbook import markup, paths
from spread.handbook.approvals import approval, shows_approval
from spread.handbook.blocks import front_matter, heading, section
from spread.handbook.charts import Point, figure, trend
from spread.handbook.components import option_label
from spread.handbook.escaping import prose, text
from spread.handbook.figures import site_section
from spread.handbook.glance import PAGE_END, crumbs, summary
from spread.handbook.glance import checklist as glance_checklist
from spread.handbook.markup import inline
from spread.handbook.palette import band_class
from spread.handbook.regimes import schedule_words
from spread.handbook.regulator import rating_record
from spread.handbook.score import band_text, latest, latest_words, total_text
from spread.handbook.words import FRAME, HOST_TYPES, STAGE_MEANING, STAGES, code, codes, day
from spread.model import periods
from spread.model.adopters import Adopter, capital
from spread.model.audit import Audit, review_words
from spread.model.playbook import LocalComponent, Playbook
from spread.model.regulator import standing
from spread.model.site import Adaptation, LocalChoice
from spread.report.rollup import SiteStatus
from spread.report.text import version_break
from spread.scoring import shown


def _record(status: SiteStatus, runs: Playbook | None, page: str) -> str:
    s = status.site
    version = inline(s.version)
    if status.behind and status.latest_version:
        changed = markup.a(paths.url(page, paths.playbook(s.playbook), "version-history"), "what changed")
        version += f": behind, version {inline(status.latest_version)} is out ({changed})"
    elif status.latest_version:
        version += ": the latest version"
    upgrades = "; ".join(f"from {inline(u.from_version)} to {inline(u.to_version)} on {inline(day(u.date))}"
                         for u in s.upgrades)
    frequency = schedule_words(runs.instrument) if runs else ""
    audits = f"{frequency}; " if frequency else ""
    if status.age is not None and status.score is not None:
        audits += (f"<strong>out of date</strong>: the latest audit, {inline(status.score.period)}, is "
                   f"{periods.age_words(status.age)} old" + (f", and the {inline(status.owed)} for {inline(status.due)} is not in "
                                                              "yet" if status.overdue else ""))
    else:
        audits += (f"<strong>overdue</strong>: the {inline(status.owed)} for {inline(status.due)} is not in yet" if status.overdue
                   else "up to date")
    stage = f"{STAGES.get(s.stage, inline(s.stage))}: {STAGE_MEANING.get(s.stage, '')}".rstrip(": ")
    adopter = runs.adopter if runs else Adopter()
    return section(heading(2, "Adoption record", indexed=False), markup.record([
        ("Playbook version", version), ("Started", inline(day(s.started))), ("Stage", stage),
        (inline(capital(adopter.host_words)), inline(s.host) + (f" ({host_type(s.host_type)})" if s.host_type else "")),
        (inline(capital(adopter.area_words)), inline(s.area or "")), *_pair(s.pair, runs), ("Contact", inline(s.contact or "")),
        ("Upgrades", upgrades), ("Self-audits", audits), *rating_record(s, runs.regulator if runs else None,
                                                                         status.today)]))


def host_type(value: str) -> str:
    """`an NHS organisation`: the kind of host in the site file's own words, never made from its code."""
    return HOST_TYPES.get(value) or f"<code>{inline(value)}</code>"


def _pair(pair: tuple[str, str] | None, runs: Playbook | None) -> list[tuple[str, str]]:
    """A mentoring pair's two members, by role (the playbook's title for it where it names one) and background."""
    if pair is None:
        return []
    titles = {r.id: r.title for r in runs.roles} if runs else {}
    roles = (runs.adopter.mentor, runs.adopter.mentee) if runs else (None, None)
    return [(inline(titles.get(role or "", default)), inline(member))
            for role, default, member in zip(roles, ("Mentor", "Mentee"), pair, strict=True)]


def _trend(status: SiteStatus) -> str:
    """The chart, and the same numbers in words as its caption: the text a reader gets without the picture
    (a table beside it would say the same again, and cost a site page a quarter of its elements)."""
    title = heading(2, "Fidelity over time", indexed=False)
    if not status.trend:
        return section(title, "No self-audit has been recorded yet.")
    points = [Point(s.period, None if s.percent is None else float(s.percent), band_text(s).split(" (")[0],
                    shown.percent(s), s.version, band_class(s.bands, s.band.label if s.band else None))
              for s in status.trend]
    chart = trend(f"trend-{status.site.id}", f"Fidelity over time at {status.site.name}", points)
    trend_ = status.trend
    words = "; ".join((f"{version_break(s.version, s.period)}; " if i and s.version != trend_[i - 1].version else "")
                      + f"{s.period}: {shown.percent(s) or total_text(s)} "
                      f"({band_text(s).split(' (')[0].lower()}, {review_words(s.review)})"
                      for i, s in enumerate(trend_))
    on = f" on version {trend_[0].version}" if len({s.version for s in trend_}) > 1 else ""
    return section(title, markup.para("Each audit's score as a percentage of the most it could score. A new version "
                                      "of the playbook may rate other items and band them differently, so the line "
                                      "breaks where the version changes: scores on either side are not comparable.")
                   + figure(chart, f"Score at each audit, as a percentage of the maximum{on}: {words}."))


def _actions(audit: Audit | None, runs: Playbook | None) -> str:
    title = heading(2, "Action plan", indexed=False)
    if audit is None or not audit.actions:
        return section(title, "The latest audit records no actions.")
    items = {i.id: f"{i.id} {i.title}" if i.id != i.component else i.title for i in runs.instrument.items} if runs else {}
    roles = {r.id: r.title for r in runs.roles} if runs else {}
    rows = [[inline(items.get(a.item or "", a.item or "")), inline(a.action or ""),
             inline(roles.get(a.owner or "", a.owner or "")), inline(day(a.due))] for a in audit.actions]
    return section(title, markup.para(f"From the {inline(audit.period)} {review_words(audit.review)}.")
                   + markup.table(["Item", "Action", "Owner", "Due"], rows))


def _adaptation(a: Adaptation, runs: Playbook | None, today: date, retired: bool = False,
                now: Playbook | None = None) -> tuple[str, str]:
    """A choice as a term (the component and what was chosen) and its account: what changed, the reason,
    the FRAME record on one line (it reads as a sentence, and a large network has thousands of them), and for a
    deviation where its approval stands."""
    component = runs.component(a.component) if runs else None
    title = component.title if component else a.component
    local = component if isinstance(component, LocalComponent) else None
    what = f": {inline(option_label(local, a.choice))}" if a.choice else ""
    core = "" if component is None or local else "<strong>A change to a core component.</strong> "
    reasons = [markup.para(inline(p)) for p in re.split(r"\n\s*\n", a.reason) if p.strip()] if a.reason else []
    frame = [(FRAME[key], inline(codes(value) if isinstance(value, tuple) else code(value)))
             for key in FRAME if (value := getattr(a, key))]
    approved = "" if shows_approval(runs, a) else inline(a.approved_by or "")
    frame += [(label, value) for label, value in (("Approved by", approved), ("Date", inline(day(a.date)))) if value]
    account = "".join([markup.para(core + (inline(a.description) if a.description else "")),
                       *(reasons or [markup.para("No reason recorded.")]), approval(a, runs, today),
                       markup.para(" · ".join(f"{label}: {value}" for label, value in frame), "spread-frame"),
                       markup.para(_retired(a, now)) if retired and a.retired_in else ""])
    return f"{inline(title)}{what}", account


def _retired(a: Adaptation, now: Playbook | None) -> str:
    """Why a record was retired: its option was removed (the component is still in `now`, the version the site runs),
    or the whole component."""
    component = now.component(a.component) if now else None
    local = component if isinstance(component, LocalComponent) else None
    version = inline(a.retired_in or "")
    if local is not None and a.choice and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.choice):
        return f"The option {inline(option_label(local, a.choice))} was removed in version {version}."
    if local is not None and a.choice:
        return f"Version {version} no longer allows this choice, so the site chose again."
    if component is not None:
        return f"Version {version} no longer allows this record, so the site recorded the component again."
    return f"The component was removed in version {version}."


def _choice(c: LocalChoice, runs: Playbook | None) -> tuple[str, str]:
    """A local choice as a term (the component and the option chosen) and its reason: configuration, so no FRAME."""
    component = runs.component(c.component) if runs else None
    local = component if isinstance(component, LocalComponent) else None
    default = local is not None and c.choice == local.default
    why = [markup.para(inline(p)) for p in re.split(r"\n\s*\n", c.reason) if p.strip()] if c.reason else \
        [markup.para("The playbook's default." if default else "No reason recorded.")]
    return f"{inline(local.title if local else c.component)}: {inline(option_label(local, c.choice))}", "".join(why)


def site_page(status: SiteStatus, audits: list[Audit], runs: Playbook | None, playbook_title: str) -> str:
    s = status.site
    page = paths.site(s.playbook, s.id)
    where = f" in {text(s.area)}" if s.area else ""
    score = status.score
    regime = f" ({text(score.regime)})" if score and score.regime else ""
    latest_line = (f" {latest_words(score.review)}{regime}, {text(score.period)}: {band_text(score).lower()}"
                   f"{''.join(f', {text(note)}' for note in score.notes)}, {total_text(score)}."
                   if score else " No self-audit yet.")
    if score and status.age is not None:
        latest_line += (f" It is out of date ({periods.age_words(status.age)} old): it shows what the site last showed, "
                        "not its practice now.")
    held_by = (runs.adopter if runs else Adopter()).held_by
    rated = standing(runs.regulator, s.regulator_ratings, status.today) if runs and runs.regulator else None
    if rated and runs and runs.regulator:  # beside the self-rating, in its own sentence: never part of the score
        latest_line += (f" The {text(runs.regulator.name)} rated it {text(rated.rating.rating)} on "
                        f"{text(day(rated.rating.date))}" + (f", {periods.age_words(rated.months)} ago: an old rating."
                                                             if rated.stale else "."))
    intro = (f"Runs [{text(playbook_title)}]({paths.href(page, paths.playbook(s.playbook))}){where}, {held_by} "
             f"{text(s.host)}.{latest_line} See also the "
             f"[network dashboard]({paths.href(page, paths.dashboard(s.playbook))}).")
    audit = next((a for a in reversed(audits) if score and a.period == score.period), None)
    choices = [_choice(c, runs) for c in s.choices]
    adaptations = [_adaptation(a, runs, status.today) for a in s.adaptations]
    titles = {c.id: c.title for c in runs.core} if runs else {}
    enacted = [(inline(titles.get(e.principle, e.principle)), markup.para(inline(e.how))) for e in s.principles]
    retired = [_adaptation(a, None, status.today, retired=True, now=runs) for a in s.retired]
    form = (f"[Fill in the self-audit in your browser]({paths.href(page, paths.form(s.playbook, s.version))}): "
            "download the file it makes and email it to the network's central team.\n\n") if runs else ""
    checklist = (f"{form}[Printable blank checklist for version {text(s.version)}]"
                 f"({paths.href(page, paths.checklist(s.playbook, s.version))}) · [Blank audit file (YAML)]"
                 f"({paths.href(page, paths.audit_template(s.playbook, s.version))})")
    body = section(
        f"# {text(s.name)}", crumbs(status, playbook_title), intro, summary(status, audit), _record(status, runs, page),
        PAGE_END, latest(score, audit) if score and audit else "",
        _trend(status), site_section(status, runs), _actions(audit, runs), glance_checklist(status, runs),
        section(heading(2, "Local choices", indexed=False),
                markup.para("What this site chose among the options the playbook offers, and why: configuring the "
                            "model as designed.") + markup.record(choices, "spread-adaptations")) if choices else "",
        section(heading(2, "How this site makes the principles its own", indexed=False),
                markup.para("The playbook's principles, each in this site's own way: the model as designed, not a "
                            "departure from it.") + markup.record(enacted, "spread-adaptations")) if enacted else "",
        section(heading(2, "Adaptations", indexed=False),
                markup.para("Where this site departs from the playbook, and why, recorded with the FRAME dimensions "
                            "so the network can learn from it.") + markup.record(adaptations, "spread-adaptations"))
        if adaptations else "",
        section(heading(2, "Earlier choices", indexed=False),
                markup.para("Choices about components that a later version of the playbook removed, kept for the "
                            "record.") + markup.record(retired, "spread-adaptations")) if retired else "",
        section(heading(2, "Notes", indexed=False), prose(s.notes)) if s.notes else "",
        section(heading(2, "Next self-audit", indexed=False), checklist))
    return front_matter(s.name) + body + "\n"
