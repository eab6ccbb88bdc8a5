"""Every generated page and file of the handbook, from a loaded network: the one entry point of the generator.

Pure apart from what `Network` reads lazily (git tags): the caller reads the other inputs (changelogs, the
user's home page, the schemas) and writes the result, so the same text can be built by MkDocs or any engine
that reads Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spread.adopt.audit_template import AuditAnswers, audit_yaml, default_period
from spread.handbook import paths
from spread.handbook.checklist import checklist_page
from spread.handbook.dashboard import dashboard_page
from spread.handbook.form_data import form_data, form_script
from spread.handbook.form_page import form_page
from spread.handbook.home import home_page
from spread.handbook.playbook import playbook_page
from spread.handbook.reference import reference_page, schema_page
from spread.handbook.site import site_page
from spread.handbook.sites import sites_page
from spread.model.playbook import Playbook
from spread.model.site import Site
from spread.network.repo import Network
from spread.network.reviews import Reviews
from spread.progress import Progress, nothing
from spread.report.cache import summary_of
from spread.report.rollup import PlaybookReport, playbook_report
from spread.report.summary import NetworkSummary
from spread.report.tables import TABLES, csv_text
from spread.scoring.review import Reviewed, review_history
from spread.yaml.document import Document


@dataclass(frozen=True)
class Inputs:
    """What the pages need besides the network. `versions`: the versions of each playbook that have a file
    to download (oldest first); the caller puts those files at `paths.download`."""

    site_name: str = "Handbook"
    home_intro: str | None = None
    changelogs: dict[str, str] = field(default_factory=dict)
    versions: dict[str, list[str]] = field(default_factory=dict)
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    reviews: Reviews = field(default_factory=Reviews)
    # Sites of each playbook the handbook's audience does not see (`handbook.audience`): counted, never shown.
    withheld: dict[str, int] = field(default_factory=dict)


def audit_template(network: Network, pb: Playbook, today: date) -> str:
    """A blank self-audit file for a playbook version: the same text `spread audit new` writes."""
    placeholder = Site("your-site", "your site", pb.id, pb.version, "", "", "", Document(network.root, {}))
    folder = network.root / "fidelity" / pb.id / placeholder.id / "audits"
    period = default_period(pb.instrument.frequency, today)
    return audit_yaml(network.root, folder, placeholder, pb, period, AuditAnswers())


def form_files(network: Network, pb: Playbook, sites: list[Site], today: date) -> dict[str, str]:
    """The self-audit form of a version some sites run, and the data its script reads."""
    data = form_data(network.root, pb, sites, today)
    period = next(iter(data["periods"].values()))
    return {paths.form(pb.id, pb.version): form_page(pb, sites, period),
            paths.form_data(pb.id, pb.version): form_script(data)}


def histories(network: Network, pb: Playbook, reviews: Reviews) -> dict[str, list[Reviewed]]:
    """Each programme review of the playbook, scored, oldest first, by its id."""
    return {kind.id: review_history(reviews.of(pb.id, kind.id), lambda v: network.playbook_version(pb.id, v))
            for kind in pb.reviews}


def _playbook_files(network: Network, report: PlaybookReport, inputs: Inputs, today: date) -> dict[str, str]:
    pb = report.playbook
    versions = inputs.versions.get(pb.id, [pb.version])
    running = {version: release for version in dict.fromkeys(s.site.version for s in report.sites)
               if (release := pb if version == pb.version else network.playbook_version(pb.id, version)) is not None}
    files = {paths.playbook(pb.id): playbook_page(pb, report, versions, inputs.changelogs.get(pb.id),
                                                  histories(network, pb, inputs.reviews), inputs.withheld.get(pb.id, 0),
                                                  tuple(running)),
             paths.dashboard(pb.id): dashboard_page(report, today), paths.sites(pb.id): sites_page(report)}
    # Every version a site runs gets its checklist too, released with a file to download or not.
    for version in dict.fromkeys([*versions, *(status.site.version for status in report.sites)]):
        release = pb if version == pb.version else network.playbook_version(pb.id, version)
        if release is not None:
            files[paths.checklist(pb.id, version)] = checklist_page(release)
            files[paths.audit_template(pb.id, version)] = audit_template(network, release, today)
    for version, release in running.items():
        files.update(form_files(network, release, [s.site for s in report.sites if s.site.version == version], today))
    for status in report.sites:
        site = status.site
        runs = network.playbook_version(site.playbook, site.version)
        files[paths.site(pb.id, site.id)] = site_page(status, network.site_audits(site), runs, pb.title)
    return files


def csv_files(done: list[PlaybookReport], today: date) -> dict[str, str]:
    """Every dashboard's tables as CSV, and the network's, each the text `spread report` prints for them."""
    network = summary_of(done, today)
    files = {}
    for which in TABLES:
        files[paths.csv_file(None, which)] = csv_text(network, which)
        for summary in network.playbooks:
            files[paths.csv_file(summary.playbook.id, which)] = csv_text(NetworkSummary(today, (summary,)), which)
    return files


def reports(network: Network, today: date) -> list[PlaybookReport]:
    return [playbook_report(network, network.playbooks[pid], today) for pid in sorted(network.playbooks)]


def pages(network: Network, today: date, inputs: Inputs, progress: Progress = nothing) -> dict[str, str]:
    """Every generated file, by its path in the build folder."""
    done = reports(network, today)
    files = {paths.HOME: home_page(done, inputs.home_intro, inputs.site_name, today),
             paths.REFERENCE: reference_page([(r.playbook.id, r.playbook.title,
                                               inputs.versions.get(r.playbook.id, [r.playbook.version]))
                                              for r in done])}
    files.update({paths.SCHEMA_PAGES[kind]: schema_page(kind, schema) for kind, schema in inputs.schemas.items()})
    files.update(csv_files(done, today))
    for n, report in enumerate(done, 1):
        files.update(_playbook_files(network, report, inputs, today))
        progress(n, len(done))
    return files
