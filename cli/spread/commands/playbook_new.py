"""`spread playbook new ID`: a commented playbook skeleton to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from spread.adopt.skeleton import check_id, playbook_path, skeleton
from spread.commands.options import repo_option
from spread.errors import SpreadError, display_path
from spread.network.repo import find_root
from spread.yaml.write import write_atomic


@click.command()
@click.argument("playbook_id", metavar="ID")
@repo_option
@click.option("--force", is_flag=True, help="Replace the playbook file if it already exists (its text is lost).")
def new(playbook_id: str, repo: Path | None, force: bool) -> None:
    """Start a new playbook: playbooks/ID/playbook.yaml, every section present and explained.

    ID is a short name of lower-case words joined by hyphens; it becomes the folder name and,
    later, part of every release tag. The skeleton passes the schema, and `spread check` warns
    about each TODO left in it until you have written your own text.

    \b
    Example:
      spread playbook new peer-support
    """
    check_id(playbook_id)
    root = find_root(repo or Path.cwd())
    path = playbook_path(root, playbook_id)
    shown = display_path(path, root)
    if path.exists() and not force:
        raise SpreadError(f"{shown} already exists: edit it, choose another id, or use --force to start it again")
    write_atomic(path, skeleton(playbook_id), force=force)
    click.echo(f"Created {shown}.")
    click.echo("Next: replace every TODO in it, then run `spread check` to see what is left.", err=True)
