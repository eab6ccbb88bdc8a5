"""`spread site …`: set up a local site, or move it to a newer playbook version."""

from __future__ import annotations

import click

from spread.lazy import LazyGroup

SUBCOMMANDS = {
    "new": ("spread.commands.site_new", "Set up a new local site from a playbook version."),
    "upgrade": ("spread.commands.site_upgrade", "Move a site to a newer version of its playbook."),
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def site() -> None:
    """Set up a local site, or move it to a newer version of its playbook."""
