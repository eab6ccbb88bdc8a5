"""Version warnings: a playbook edited since its release without a new version, and sites left far behind.

Both need to know what was released (git tags, or archived copies under releases/); where nothing says,
they stay silent rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from spread.check.rules.common import at
from spread.errors import Problem
from spread.model.semver import major
from spread.network.repo import Network
from spread.versions import revisions  # a module import: revisions itself imports from spread.check.rules
from spread.versions.diff import diff_playbooks, needed_bump


def check(network: Network) -> Iterator[Problem]:
    for playbook in network.playbooks.values():
        before = revisions.released(network, playbook.id, playbook.version)
        changes = diff_playbooks(before, playbook) if before is not None and before is not playbook else []
        if changes:
            count = f"{len(changes)} change{'s' * (len(changes) != 1)}"
            yield at(network.path_of(playbook.doc), playbook.doc, ("version",), "warning",
                     f"this playbook has changed since version {playbook.version} was released ({count}, needing a "
                     f"{needed_bump(changes)} release) but still says {playbook.version}: release it with `spread "
                     f"playbook release {playbook.id}` (see what changed with `spread playbook diff {playbook.id}`)",
                     "version-not-bumped")
    for site in network.sites.values():
        newest = network.latest(site.playbook)
        if newest is not None and major(newest) - major(site.version) > 1:
            yield at(network.path_of(site.doc), site.doc, ("playbook", "version"), "warning",
                     f"this site runs version {site.version} of `{site.playbook}`, more than one major version behind "
                     f"the newest ({newest}): see what would change with `spread site upgrade {site.playbook}/"
                     f"{site.id} --dry-run`", "site-behind-major")
