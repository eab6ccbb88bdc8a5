"""`spread init [DIR]`: a new handbook repository, ready to check, commit and publish."""

from __future__ import annotations

from pathlib import Path

import click

from spread.adopt.init import EXAMPLE, create


@click.command()
@click.argument("folder", metavar="[DIR]", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--empty", is_flag=True, help="Leave out the example playbook.")
@click.option("--force", is_flag=True,
              help="Add the handbook files to a folder that is not empty. Existing files are still kept.")
def init(folder: Path, empty: bool, force: bool) -> None:
    """Create a new handbook repository in DIR (default: this folder).

    It gets a git repository (unless DIR is already in one), the handbook settings
    (mkdocs.yml), the schemas editors use, a home page, an example playbook to edit,
    a pre-commit check and a GitHub Actions workflow that checks every push and
    publishes the handbook to GitHub Pages from the main branch. An existing file
    is never replaced.

    \b
    Examples:
      spread init our-handbook
      spread init --empty
    """
    made = create(folder, empty=empty, force=force)
    shown = folder.as_posix()
    click.echo(f"Created a Spread handbook in {shown}:" if made.written else
               f"Nothing to add: {shown} already has every file of a Spread handbook.")
    for rel in made.written:
        click.echo(f"  {rel}")
    if made.kept:
        click.echo(f"Kept your existing {'file' if len(made.kept) == 1 else 'files'}, unchanged: {', '.join(made.kept)}")
    if made.started_git:
        click.echo("Started a git repository (branch main).")
    cd = "" if folder == Path(".") else f"cd {shown} && "
    first = "spread playbook new <id>" if empty or EXAMPLE[0] not in made.written else f"edit {EXAMPLE[0]}"
    click.echo(f"Next: {cd}{first}, then `spread check`, and `spread publish` to build the handbook into site/.",
               err=True)
