"""`spread check`: every problem in every playbook, site and audit, one line each."""

from __future__ import annotations

from pathlib import Path

import click

from spread.check.reporters import REPORTERS
from spread.check.run import run_check
from spread.commands.options import format_option, repo_option
from spread.errors import ProblemsFound
from spread.progress import progress


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@repo_option
@format_option("text", "json", "github")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Check every file afresh, ignoring and not updating .spread-cache/.")
def check(paths: tuple[Path, ...], repo: Path | None, fmt: str, no_cache: bool) -> None:
    """Check playbooks, sites and audits against the schemas and the playbooks' own rules.

    With no PATHS, checks the whole repository; with files or folders, reports only
    the problems in them (the rest of the repository is still read, for context).
    Exits 0 when there are no errors (warnings are allowed), 1 when there are.
    Results are kept in .spread-cache/, so the next check reads only what changed.

    \b
    Examples:
      spread check
      spread check fidelity/code-club/leeds
      spread check --format json
    """
    with progress("Checking files") as update:
        problems = run_check(paths, repo, update, cache=not no_cache)
    REPORTERS[fmt](problems)
    errors = sum(p.is_error for p in problems)
    if errors:
        raise ProblemsFound(errors)
