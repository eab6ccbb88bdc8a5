"""Rules for a site: its playbook and version exist, and every local choice and adaptation stays within the
playbook's limits (`check.rules.choices`)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from spread.check.rules.choices import check_adapted_choice, check_choices
from spread.check.rules.common import at
from spread.errors import Problem, playbooks_here, words
from spread.model.playbook import CoreComponent, Playbook
from spread.model.site import Adaptation, Site
from spread.network.repo import Network
from spread.yaml.document import Document


def check(network: Network) -> Iterator[Problem]:
    for (playbook_folder, site_folder), site in network.sites.items():
        shown = network.path_of(site.doc)
        if site.id != site_folder:
            yield at(shown, site.doc, ("id",), "error", f"the site id `{site.id}` does not match its folder "
                     f"`{site_folder}`: rename one so they are the same", "site-id-folder")
        if site.playbook != playbook_folder:
            yield at(shown, site.doc, ("playbook", "id"), "error", f"this site says it runs `{site.playbook}` but sits "
                     f"in fidelity/{playbook_folder}/: move the folder or correct the id", "site-playbook-folder")
        playbook = network.playbook_version(site.playbook, site.version)
        if playbook is None and not network.is_broken(f"playbooks/{site.playbook}"):
            yield unknown_version(network, shown, site.doc, site.playbook, site.version, "site")
        if playbook is None:
            continue
        yield from check_choices(playbook, site, shown)
        for adaptation in site.adaptations:
            yield from check_adaptation(playbook, site, adaptation, shown)


def unknown_version(network: Network, shown: str, doc: Document, playbook_id: str, version: str, who: str) -> Problem:
    if playbook_id not in network.playbooks and not network.versions(playbook_id):
        known = sorted(network.playbooks)
        close = difflib.get_close_matches(playbook_id, known, n=1)
        fix = f"did you mean `{close[0]}`?" if close else playbooks_here(known)
        return at(shown, doc, ("playbook", "id"), "error", f"there is no playbook `{playbook_id}` in this repository: "
                  f"{fix}", f"{who}-playbook-unknown")
    versions = network.versions(playbook_id)
    return at(shown, doc, ("playbook", "version"), "error", f"version {version} of `{playbook_id}` was not found "
              f"(no playbooks/{playbook_id}/releases/{version}.yaml and no git tag {playbook_id}/v{version}): "
              f"known versions are {words(versions, joiner='and')}", f"{who}-version-unknown")


def check_adaptation(pb: Playbook, site: Site, a: Adaptation, shown: str) -> Iterator[Problem]:
    where = ("adaptations", a.index)
    component = pb.component(a.component)
    if component is None:
        ids = [c.id for c in pb.core] + [c.id for c in pb.local]
        close = difflib.get_close_matches(a.component, ids, n=1)
        fix = f"did you mean `{close[0]}`?" if close else f"its components are {words(ids, joiner='and')}"
        yield at(shown, site.doc, (*where, "component"), "error", f"version {pb.version} of `{pb.id}` has no component "
                 f"`{a.component}`: {fix}", "adaptation-component-unknown")
        return
    if isinstance(component, CoreComponent):  # a change to a core component: `check.rules.deviations`
        return
    yield from check_adapted_choice(component, site, a, shown)

