"""`spread review …`: prepare and score a review of a programme itself (readiness to replicate, a model review)."""

from __future__ import annotations

import click

from spread.lazy import LazyGroup

SUBCOMMANDS = {
    "new": ("spread.commands.review_new", "Prepare a review of a playbook's programme for one period."),
    "score": ("spread.commands.review_score", "Score a programme review by its own instrument."),
}


@click.group(cls=LazyGroup, lazy=SUBCOMMANDS)
def review() -> None:
    """Prepare and score reviews of a programme itself, such as a yearly readiness-to-replicate review,
    on the instruments its playbook declares under `reviews`."""
