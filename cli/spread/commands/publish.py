"""`spread publish`: build the handbook website from the repository, into site/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from spread.check.reporters import REPORTERS
from spread.commands import options
from spread.commands.options import repo_option
from spread.errors import Problem, SpreadError, display_path
from spread.handbook.engine import DEFAULT, ENGINES, NAMES
from spread.progress import progress, stages

F = TypeVar("F", bound=Callable[..., Any])


def today_option(func: F) -> F:
    # Hidden: it exists so that tests and benchmarks build the same handbook whatever day they run.
    return options.today_option()(func)


def refuse_errors(problems: list[Problem], doing: str) -> None:
    """Errors block publishing (the handbook would show wrong data); warnings are only counted."""
    errors = [p for p in problems if p.is_error]
    if errors:
        REPORTERS["text"](errors)
        raise SpreadError(f"{doing}: fix the {'error' if len(errors) == 1 else f'{len(errors)} errors'} above "
                          "first (`spread check` lists every problem)")
    if problems:
        click.echo(f"{len(problems)} warning{'s' * (len(problems) != 1)} in your files: `spread check` "
                   "lists them.", err=True)


def engine_option(func: F) -> F:
    return click.option(
        "--engine", type=click.Choice(ENGINES), default=DEFAULT, show_default=True,
        help="The engine that builds the website from the generated Markdown: MkDocs with Material for MkDocs, "
             "or Zensical, Material's successor (install it with `pip install zensical`).")(func)


def audience_option(func: F) -> F:
    from spread.handbook.audience import AUDIENCES, DEFAULT

    return click.option(
        "--audience", type=click.Choice(AUDIENCES), default=DEFAULT, show_default=True,
        help="Who the handbook is for: the public (playbooks, network figures and the sites that publish; a site "
             "with `publish: network` is left out of every page and figure), or the network (everything).")(func)


def engine_warning(engine: str) -> Callable[[str], None]:
    """The engine's warnings (and errors, which come as "error: …"), as they come: one line each, named as the
    engine's, after Spread's own problems."""
    name = NAMES[engine]

    def warn(message: str) -> None:
        error = message.startswith("error: ")
        click.echo(f"{name} {'error' if error else 'warning'}: {message.removeprefix('error: ')}", err=True)

    return warn


def engine_notice(engine: str) -> None:
    """The engine's own notice to its users (Material's end of life), once, before anything is built."""
    from spread.handbook.engine import notice, require

    require(engine)
    text = notice(engine)
    if text:
        click.echo(f"Notice from Material for MkDocs, which builds the handbook: {text} (Spread builds with "
                   "Zensical too: add --engine zensical)", err=True)


def day(today: date | None) -> date:
    return today or date.today()


@click.command()
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="The folder to build the website in (default: site/ in the repository). Spread replaces it "
                   "whole, so it must be new, empty, or one Spread built.")
@engine_option
@audience_option
@repo_option
@today_option
def publish(site_dir: Path | None, engine: str, audience: str, repo: Path | None, today: date | None) -> None:
    """Build the handbook website: every playbook, site and network dashboard.

    Checks the repository first and refuses to publish while it has errors.
    Pages are generated as Markdown into .spread-build/, merged with your own
    pages in docs/, and built with MkDocs (or Zensical, with --engine
    zensical) using the settings in mkdocs.yml.
    By default the handbook is for the public: a site whose site.yaml says
    `publish: network` is left out of it, and out of every figure in it;
    --audience network builds the network's own handbook, with every site.
    The result works offline: open site/index.html in a browser, or copy the
    folder to any web server. The new website is built beside the old one and
    swapped in when it is complete, so a failed build leaves the old one.

    \b
    Examples:
      spread publish
      spread publish --site-dir /srv/www/handbook
      spread publish --engine zensical
      spread publish --audience network --site-dir /srv/intranet/handbook
    """
    from spread.handbook.publish import checked
    from spread.handbook.publish import publish as build
    from spread.handbook.sitedir import Refused
    from spread.network.repo import find_root

    root = find_root(repo or Path.cwd())
    engine_notice(engine)
    with stages() as stage:
        stage("Checking files")
        network, problems = checked(root)
        refuse_errors(problems, "the handbook was not published")
        target = site_dir or root / "site"
        try:
            with progress("Building pages") as bar:
                prepared = build(network, site_dir, day(today), bar, stage, engine_warning(engine), engine,
                                 audience)  # type: ignore[arg-type]
        except Refused as exc:
            if site_dir is None:
                raise
            raise click.BadParameter(exc.message, param_hint="'--site-dir'") from None
    for line in prepared.skipped:
        click.echo(line, err=True)
    shown = display_path(target, Path.cwd())
    if prepared.adopted:
        click.echo(f"{shown}/ held a handbook built before Spread marked its websites: replaced it.", err=True)
    click.echo(f"Published {prepared.pages} pages to {shown}/. Open {shown}/index.html in a browser.")
    if audience == "network":
        click.echo(f"This handbook is for the network: it shows every site's results, including those of sites that "
                   f"publish to the network only. Share {shown}/ within the network, not publicly.", err=True)
