"""`spread audit …`: prepare a site's fidelity self-audit, and score it."""

from __future__ import annotations

import click

from spread.lazy import LazyGroup

SUBCOMMANDS = {
    "new": ("spread.commands.audit_new", "Prepare a self-audit for a site and period."),
    "import": ("spread.commands.audit_import", "Check a self-audit a site sent and file it in its place."),
    "score": ("spread.commands.audit_score", "Score a self-audit by the playbook's own rules."),
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def audit() -> None:
    """Prepare a site's fidelity self-audit, and score it by the playbook's own rules."""
