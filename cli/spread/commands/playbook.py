"""`spread playbook …`: write, compare and release playbooks."""

from __future__ import annotations

import click

from spread.lazy import LazyGroup

SUBCOMMANDS = {
    "new": ("spread.commands.playbook_new", "Start a new playbook from a commented skeleton."),
    "diff": ("spread.commands.playbook_diff", "Compare two versions of a playbook, component by component."),
    "release": ("spread.commands.playbook_release", "Release a new version: bump, changelog, commit and tag."),
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def playbook() -> None:
    """Write, compare and release playbooks."""
