"""`spread check`: every problem in every playbook, site and audit, one line each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.check.reporters import REPORTERS
from spread.check.run import run_check
from spread.commands.options import format_option, repo_option, today_option
from spread.errors import ProblemsFound
from spread.handbook import navigation
from spread.progress import progress


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@repo_option
@format_option("text", "json", "github")
@click.option("--errors-only", "-q", "errors_only", is_flag=True,
              help="Show errors only: warnings are counted, not listed.")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Check every file afresh, ignoring and not updating .spread-cache/.")
@today_option("Judge audits as on this day (YYYY-MM-DD) instead of today: a period must be over, and its audit "
              "finished, by then.")
def check(paths: tuple[Path, ...], repo: Path | None, fmt: str, errors_only: bool, no_cache: bool,
          today: date | None) -> None:
    """Check playbooks, sites and audits against the schemas and the playbooks' own rules.

    With no PATHS, checks the whole repository; with files or folders, reports only
    the problems in them (the rest of the repository is still read, for context).
    Exits 0 when there are no errors (warnings are allowed), 1 when there are.
    Results are kept in .spread-cache/, so the next check reads only what changed.

    \b
    Examples:
      spread check
      spread check fidelity/code-club/derby
      spread check --errors-only
      spread check --format json
    """
    with progress("Checking files") as update:
        problems = run_check(paths, repo, update, cache=not no_cache, today=today, settings=navigation.problems)
    shown = [p for p in problems if p.is_error] if errors_only else problems
    REPORTERS[fmt](shown, hidden=len(problems) - len(shown))
    errors = sum(p.is_error for p in problems)
    if errors:
        raise ProblemsFound(errors)
