"""What a playbook change means for the sites already running it: for each local component, the sites whose
recorded choice the new version no longer allows, so that `spread playbook diff` can name them.

It asks the upgrade planner (`plan_upgrade`), so a site is named here exactly when `spread site upgrade` would
ask it to choose again.
"""

from __future__ import annotations

from spread.model.playbook import Playbook
from spread.network.repo import Network
from spread.versions.revisions import released
from spread.versions.upgrade import plan_upgrade


def choose_again(network: Network, new: Playbook) -> dict[str, tuple[str, ...]]:
    """Local component id -> the ids of the playbook's sites that must choose again for it when they move to
    `new` (sites whose own version cannot be read are left out: `spread check` reports them)."""
    found: dict[str, list[str]] = {}
    for (playbook_id, site_id), site in sorted(network.sites.items()):
        if playbook_id != new.id:
            continue
        # What the site adopted: the released text of its version, even where the working file, edited since,
        # still says that version.
        runs = released(network, playbook_id, site.version) or network.playbook_version(playbook_id, site.version)
        if runs is None or runs is new:
            continue
        for step in plan_upgrade(site, runs, new).steps:
            if step.category == "choose-again":
                found.setdefault(step.component, []).append(site_id)
    return {component: tuple(sites) for component, sites in found.items()}
