"""`spread playbook diff`: what changed between two versions of a playbook, and the release it needs."""

from __future__ import annotations

from pathlib import Path

import click

from spread.commands.completion import complete_playbook
from spread.commands.options import format_option, repo_option
from spread.errors import SpreadError
from spread.network.repo import find_root, load_network
from spread.versions.diff import diff_playbooks
from spread.versions.impact import choose_again
from spread.versions.revisions import WORKING, released_versions, resolve
from spread.versions.text import FORMATS, Comparison


@click.command()
@click.argument("playbook_id", metavar="ID", shell_complete=complete_playbook)
@click.argument("old", metavar="[FROM]", required=False)
@click.argument("new", metavar="[TO]", required=False)
@repo_option
@format_option("text", "json", "markdown")
def diff(playbook_id: str, old: str | None, new: str | None, repo: Path | None, fmt: str) -> None:
    """Compare two versions of a playbook, component by component.

    FROM and TO are versions (1.0.0), git tags (peer-diabetes/v1.0.0), commits, or `working`
    for the playbook file as it is now. FROM defaults to the latest released version and TO to
    `working`. Each change says which release it needs: major (sites must review: core components,
    scoring, or narrower choices), minor (more room to adapt) or patch (wording only).

    \b
    Examples:
      spread playbook diff peer-diabetes
      spread playbook diff peer-diabetes 1.0.0 2.0.0
      spread playbook diff peer-diabetes 1.0.0 working --format markdown
    """
    network = load_network(find_root(repo or Path.cwd()))
    if old is None:
        versions = released_versions(network, playbook_id)
        if not versions:
            resolve(network, playbook_id, WORKING)  # says so first if the playbook itself is missing
            raise SpreadError(f"`{playbook_id}` has no released version yet (no git tag {playbook_id}/v… and nothing "
                              f"in playbooks/{playbook_id}/releases/): give FROM and TO, or make the first release "
                              f"with `spread playbook release {playbook_id}`")
        old = versions[-1]
    before, after = resolve(network, playbook_id, old), resolve(network, playbook_id, new or WORKING)
    changes = diff_playbooks(before.playbook, after.playbook)
    # Only a major change can refuse a choice a site made; the sites are planned one by one, so only then.
    sites = choose_again(network, after.playbook) if any(ch.bump == "major" for ch in changes) else {}
    comparison = Comparison(playbook_id, before, after, changes, sites)
    click.echo(FORMATS[fmt](comparison))
