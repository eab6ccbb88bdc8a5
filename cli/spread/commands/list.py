"""`spread list`: the playbooks in this repository and their sites, with versions, stages and latest audits."""

from __future__ import annotations

from pathlib import Path

import click

from spread.commands.completion import complete_playbook
from spread.commands.options import format_option, repo_option
from spread.commands.report import left_out_note
from spread.network.repo import find_root, load_network
from spread.network.reviews import load_reviews
from spread.progress import progress
from spread.report.listing import listing, listing_json, listing_text


@click.command("list")
@click.argument("playbook", required=False, shell_complete=complete_playbook)
@format_option("text", "json")
@repo_option
def list_command(playbook: str | None, fmt: str, repo: Path | None) -> None:
    """List the playbooks (or one PLAYBOOK) and their sites.

    For each playbook: its version, status and newest release, and the latest period
    of each programme review it declares; for each site: the
    version it follows, its stage and its latest self-audit. Files with problems are
    left out, and named (`spread check` says what to fix).

    \b
    Examples:
      spread list
      spread list code-club
      spread list --format json
    """
    with progress("Reading files") as update:
        network = load_network(find_root(repo or Path.cwd()), update)
    rows = listing(network, playbook, load_reviews(network.root))
    click.echo((listing_json if fmt == "json" else listing_text)(rows), nl=False)
    unreadable = sorted(rel for rel in network.unreadable
                        if playbook is None or rel.startswith(("playbooks/", f"fidelity/{playbook}/")))
    if unreadable:
        click.echo(left_out_note(tuple(unreadable), "list"), err=True)


list = list_command  # the name `spread` looks the command up by
