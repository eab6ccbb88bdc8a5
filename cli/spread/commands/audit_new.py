"""`spread audit new`: prepare a site's self-audit for one period, as a template to fill in or at the terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.asking import asking, confirm
from spread.adopt.audit_form import fill_audit
from spread.adopt.audit_template import AuditAnswers, audit_yaml, default_period, free_period, period_problem
from spread.adopt.scaffold import write_all
from spread.commands.completion import complete_site
from spread.commands.locate import locate_site
from spread.commands.options import asking_options, repo_option, today_option
from spread.errors import SpreadError, display_path, words
from spread.model import periods
from spread.model.instrument import Regime
from spread.model.playbook import Playbook
from spread.model.regimes import for_regime, regime_of
from spread.model.semver import is_newer
from spread.network.repo import find_root, load_network


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    problem = periods.problem(value) if value is not None else None
    if problem:
        raise click.BadParameter(problem)
    return value


def _refuse(path: Path, root: Path, period: str, day: date) -> None:
    """An audit the period already has is never replaced: name the next period without one, the usual intent."""
    free = free_period(path.parent, period)
    end = periods.bounds(free)[1]
    later = f" (it ends on {end.isoformat()}: rate it once it is over)" if end >= day else ""
    raise SpreadError(f"{display_path(path, root)} already exists: Spread never replaces an audit. To rate the next "
                      f"period, add --period {free}{later}; to replace this audit, add --force.")


def chosen_regime(pb: Playbook, regime_id: str | None) -> Regime | None:
    """The review regime an audit follows (None for a playbook without regimes); a wrong one is a wrong argument."""
    if not pb.instrument.regimes:
        if regime_id is not None:
            raise click.BadParameter(f"`{pb.id}` {pb.version} declares no review regimes: leave out --regime",
                                     param_hint="'--regime'")
        return None
    regime = regime_of(pb.instrument, regime_id)
    if regime is None:
        raise click.BadParameter(f"`{pb.id}` {pb.version} has no review regime `{regime_id}`: use "
                                 f"{words([r.id for r in pb.instrument.regimes], joiner='or')}", param_hint="'--regime'")
    return regime


@click.command("new")
@click.argument("site_ref", metavar="SITE", shell_complete=complete_site)
@click.option("--period", metavar="PERIOD", callback=_period,
              help="The period to rate, e.g. 2026-Q3. Default: the most recent period that has ended.")
@click.option("--regime", "regime_id", metavar="REGIME", help="The playbook's review regime to follow, e.g. registration (for a "
              "playbook that declares regimes). Default: its full regime.")
@click.option("--interactive", is_flag=True, help="Rate each item at the terminal and write the filled audit.")
@click.option("--force", is_flag=True, help="Replace an existing audit for the same period.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "xlsx"]), default="yaml", show_default=True,
              help="yaml: the audit file in the site's folder; xlsx: a workbook to send to the site, written in the "
              "current folder as PLAYBOOK-SITE-PERIOD.xlsx, for `spread audit import` once filled in.")
@asking_options
@repo_option
@today_option()
def new(site_ref: str, period: str | None, regime_id: str | None, interactive: bool, force: bool, fmt: str, yes: bool,
        no_input: bool, repo: Path | None, today: date | None) -> None:
    """Prepare the self-audit of SITE (PLAYBOOK/SITE, or the site's folder) for one period.

    Writes audits/PERIOD.yaml in the site's folder with every item of the playbook
    version the site follows: what each score or level looks like as comments, and
    empty ratings, evidence, goal counts and action plan to fill in. It fails
    `spread check` until every item is rated (or marked not_rated with a reason).

    \b
    Examples:
      spread audit new code-club/leeds-central
      spread audit new code-club/leeds-central --period 2026-Q2 --interactive
      spread audit new fidelity/code-club/leeds-central
    """
    if interactive and fmt == "xlsx":
        raise click.UsageError("--interactive rates at the terminal and --format xlsx writes a workbook to fill in: "
                               "leave out one of them")
    if interactive and no_input:
        raise click.UsageError("--interactive asks a question for each item and --no-input asks none: leave out "
                               "--interactive to write a form to fill in")
    root = find_root(repo or Path.cwd())
    network = load_network(root)
    site, folder = locate_site(network, site_ref)
    pb = network.playbook_version(site.playbook, site.version)
    if pb is None:
        raise SpreadError(f"version {site.version} of `{site.playbook}`, which {site.id} follows, was not found: "
                          f"run `spread check {display_path(folder, root)}`")
    day = today or date.today()
    regime = chosen_regime(pb, regime_id)
    pb = for_regime(pb, regime.id) if regime else pb
    frequency = regime.frequency if regime else pb.instrument.frequency
    period = period or default_period(frequency, day)
    problem = period_problem(period, frequency)
    if problem:
        raise click.BadParameter(problem, param_hint="'--period'")
    path = folder / "audits" / f"{period}.yaml"
    if path.exists() and not force:
        _refuse(path, root, period, day)
    latest = network.latest(site.playbook)
    if latest and is_newer(latest, site.version):
        click.echo(f"Warning: {site.id} follows version {site.version} of `{site.playbook}`, not the newest "
                   f"({latest}); the audit rates {site.version}. See `spread site upgrade`.", err=True)
    end = periods.bounds(period)[1]
    if end >= day:
        click.echo(f"Note: {period} ends on {end.isoformat()}: rate it once it is over.", err=True)
    if fmt == "xlsx":
        from spread.adopt.workbook import audit_workbook

        book = Path.cwd() / f"{site.playbook}-{site.id}-{period}.xlsx"
        write_all({book: audit_workbook(site, pb, period, regime)}, root, force=force)
        click.echo(f"Wrote {display_path(book, Path.cwd())}: send it to {site.name} to fill in, then file what comes "
                   f"back with `spread audit import {display_path(book, Path.cwd())}`.")
        return
    with asking("to prepare the audit without questions, leave out --interactive: a form to fill in is written"):
        answers = fill_audit(pb, site.name, period, day.isoformat()) if interactive else AuditAnswers()
        confirm(f"Write {display_path(path, root)}?", yes=yes, only_after_questions=True)
    write_all({path: audit_yaml(root, path.parent, site, pb, period, answers, regime)}, root, force=force)
    shown, count = display_path(path, root), len(pb.instrument.items)
    if interactive:
        rated = sum(r.not_rated is None for r in answers.ratings.values())
        click.echo(f"Wrote {shown}: {rated} of {count} items rated. See the score with "
                   f"`spread audit score {shown}`.")
    else:
        click.echo(f"Wrote {shown} with {count} items to rate. Fill in each rating and its evidence, then run "
                   f"`spread check {shown}`.")
