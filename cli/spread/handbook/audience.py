"""Who a handbook is for (issue 18): the `public`, or the people of the `network`.

A site says how far its results may go with `publish:` in its site.yaml: `public` (the default) or `network`, which
keeps them to the network's own handbook. The public handbook carries the playbooks, their programme reviews, and
the sites that publish: every other site is left out of the network before a single page is generated, so it has
no page, no row, no point on a chart, no search entry, and enters no figure. Every network-level figure of a public
handbook (a dashboard's band counts and heat map, the home page's cards, the learning loop's adaptations) is worked
out over the publishing sites alone, so that no score of a site that keeps its results to the network can be read
from it or worked out by subtraction, however few sites a playbook has. A playbook's page says how many more sites
run it without publishing their results: a count of sites, never a figure about them.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from spread.network.repo import Network

Audience = Literal["public", "network"]
AUDIENCES: tuple[Audience, ...] = ("public", "network")
# Safe for the reader: a handbook built without thinking, and copied to any web server, shows no site's results that
# the site did not agree to publish. The network's own handbook is asked for by name.
DEFAULT: Audience = "public"


def published(network: Network, audience: Audience) -> Network:
    """The network as the audience may see it: for `public`, without the sites (and their audits) that publish to
    the network only. The loaded network itself is left as it was."""
    if audience == "network":
        return network
    keep = {key for key, site in network.sites.items() if site.publish == "public"}
    return dataclasses.replace(network, sites={key: network.sites[key] for key in network.sites if key in keep},
                               audits={key: audits for key, audits in network.audits.items() if key in keep},
                               site_folders=frozenset(key for key in network.site_folders if key in keep))


def withheld(network: Network, audience: Audience) -> dict[str, int]:
    """How many sites of each playbook (by id) the audience does not see."""
    counts: dict[str, int] = {}
    if audience == "public":
        for (playbook, _), site in network.sites.items():
            if site.publish != "public":
                counts[playbook] = counts.get(playbook, 0) + 1
    return counts
