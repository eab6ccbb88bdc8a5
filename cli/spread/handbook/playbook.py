"""The page for one playbook: everything an adopter, a volunteer or a funder needs to understand the model."""

from __future__ import annotations

from spread.handbook import markup, paths
from spread.handbook.adopt_form import adopt_section
from spread.handbook.blocks import bullets, checklist, front_matter, heading, section, table
from spread.handbook.components import components
from spread.handbook.declared import measures_section
from spread.handbook.escaping import link, prose, text
from spread.handbook.history import history
from spread.handbook.instrument import instrument
from spread.handbook.reviews import reviews_section
from spread.handbook.sites import sites_table
from spread.handbook.words import NESTA, REPLICATION, STAGES, STATUS
from spread.model.adopters import capital
from spread.model.playbook import Playbook
from spread.report.rollup import PlaybookReport
from spread.scoring.review import Reviewed


def evidence_level(level: int | None) -> str:
    if level is None:
        return "not stated"
    name, _ = NESTA[level]
    return f"level {level} of 5 ({name})"


def _people(pb: Playbook) -> str:
    if not (pb.population or pb.inclusion or pb.exclusion):
        return ""
    return section("## Who it is for", text(pb.population or ""),
                   section("**Who can take part**", bullets(text(i) for i in pb.inclusion)) if pb.inclusion else "",
                   section("**Who it is not for**", bullets(text(e) for e in pb.exclusion)) if pb.exclusion else "")


def _change(pb: Playbook) -> str:
    if not (pb.problem or pb.mechanisms or pb.outcomes):
        return ""
    outcomes = table(["Outcome", "How it is measured"],
                     [[text(o.name), text(o.measure or "")] for o in pb.outcomes]) if pb.outcomes else ""
    return section("## How it works", "### The problem" if pb.problem else "", text(pb.problem or ""),
                   "### How change happens" if pb.mechanisms else "", bullets(text(m) for m in pb.mechanisms),
                   "### Outcomes" if pb.outcomes else "", outcomes)


def _evidence(pb: Playbook) -> str:
    if pb.evidence_level is None and not pb.sources:
        return ""
    level = ""
    if pb.evidence_level is not None:
        name, meaning = NESTA[pb.evidence_level]
        level = (f"**Nesta Standards of Evidence: level {pb.evidence_level} of 5, {name}.** {meaning} "
                 "Level 5 means the model has been scaled with the same impact.")
    sources = [link(markup.inline(s.title), s.url) + "".join(f", {markup.inline(x)}" for x in
                                                             (s.type and s.type.replace("-", " "), s.year) if x)
               for s in pb.sources]
    return section("## Evidence", level, prose(pb.evidence_summary) if pb.evidence_summary else "",
                   section("**Sources**", markup.bullets(sources)) if sources else "")


def _spread(pb: Playbook) -> str:
    if not pb.replication:
        return ""
    return section("## How it spreads", REPLICATION.get(pb.replication, text(pb.replication)),
                   prose(pb.replication_notes) if pb.replication_notes else "")


def _roles_and_rollout(pb: Playbook) -> str:
    roles = section("## Roles", table(["Role", "What they do"], [[f"**{text(r.title)}**", text(r.description or "")]
                                                                for r in pb.roles])) if pb.roles else ""
    stages = [section(f"### {STAGES.get(s.stage, text(s.stage))}", checklist(text(step) for step in s.steps))
              for s in pb.rollout]
    rollout = section("## Rolling it out", "The steps a new site works through, stage by stage. Tick them off "
                      "as you go.", *stages) if stages else ""
    return section(roles, rollout)


def _withheld(pb: Playbook, count: int) -> str:
    """How many more adopters run the playbook without publishing their results: a count, nothing more."""
    if not count:
        return ""
    who = f"{count} more {pb.adopter.one if count == 1 else pb.adopter.many}"
    return text(f"{who} {'runs' if count == 1 else 'run'} this playbook and {'shares its' if count == 1 else 'share their'} "
                "results with the network only, so this handbook leaves them out of every table and figure.")


def _forms(pb: Playbook, forms: tuple[str, ...], page: str) -> str:
    """Links to the forms a site's coordinator fills in in the browser, one per version sites run."""
    if not forms:
        return ""
    links = [f"[version {text(v)}]({paths.href(page, paths.form(pb.id, v))})" for v in forms]
    return ("**Fill in a self-audit in your browser**, with nothing to install: the form for "
            + (", ".join(links[:-1]) + " or " + links[-1] if len(links) > 1 else links[0])
            + ", whichever your site runs. It makes the audit file to email to the network's central team.")


def _says_so(pb: Playbook) -> bool:
    """Whether the playbook's own introduction already says it is an example, so the page need not repeat it."""
    return "illustrative" in (pb.description or "").lower()[:200]


def playbook_page(pb: Playbook, report: PlaybookReport, versions: list[str], changelog: str | None,
                  reviews: dict[str, list[Reviewed]] | None = None, withheld: int = 0, forms: tuple[str, ...] = ()) -> str:
    """`reviews`: the history of each programme review the playbook declares, by its id; `withheld`: how many more
    sites run it that keep their results to the network (a public handbook counts them and shows nothing else);
    `forms`: the versions sites run that have a self-audit form to fill in in the browser."""
    page = paths.playbook(pb.id)
    facts = (f"Version {text(pb.version)} · {STATUS.get(pb.status, text(pb.status))} · Evidence: "
             f"{evidence_level(pb.evidence_level)} · {text(pb.adopter.count(len(report.sites)))}")
    illustrative = ('!!! note "An illustrative example"\n\n    This playbook is example content, not any '
                    "organisation's official model.") if pb.illustrative and not _says_so(pb) else ""
    dashboard = f"[Network dashboard]({paths.href(page, paths.dashboard(pb.id))})"
    download = f"[Download the playbook file]({paths.href(page, paths.download(pb.id, pb.version))})"
    body = section(
        f"# {text(pb.title)}", f"{facts}\n{{: .spread-facts }}", illustrative,
        f"**{text(pb.summary)}**", prose(pb.description) if pb.description else "",
        f"{dashboard} · {download}",
        _people(pb), _change(pb), _evidence(pb), _spread(pb), components(pb), _roles_and_rollout(pb),
        adopt_section(pb, tuple(status.site.id for status in report.sites)),
        instrument(pb, paths.href(page, paths.checklist(pb.id, pb.version)),
                   paths.href(page, paths.audit_template(pb.id, pb.version)), _forms(pb, forms, page)),
        reviews_section(pb, reviews or {}),
        measures_section(pb, report),
        history(pb, versions, changelog, page),
        section(heading(2, f"{text(capital(pb.adopter.many))} running it", "sites-running-it", indexed=False),
                sites_table(report, page), _withheld(pb, withheld)))
    return front_matter(pb.title) + body + "\n"
