"""`spread review new`: prepare a review of a programme for one period, as a file to fill in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.audit_template import default_period, period_problem
from spread.adopt.review_template import review_yaml
from spread.adopt.scaffold import write_all
from spread.commands.options import repo_option, today_option
from spread.commands.programme import review_kind
from spread.errors import display_path
from spread.model import periods
from spread.model.review import review_path
from spread.network.repo import find_root
from spread.network.reviews import playbooks_network


def _period(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    problem = periods.problem(value) if value is not None else None
    if problem:
        raise click.BadParameter(problem)
    return value


@click.command("new")
@click.argument("ref", metavar="PLAYBOOK/REVIEW")
@click.option("--period", metavar="PERIOD", callback=_period,
              help="The period to review, e.g. 2026. Default: the most recent period that has ended.")
@click.option("--force", is_flag=True, help="Replace an existing review of the same period.")
@repo_option
@today_option()
def new(ref: str, period: str | None, force: bool, repo: Path | None, today: date | None) -> None:
    """Prepare a review of a programme itself, on an instrument its playbook declares under `reviews`.

    Writes playbooks/PLAYBOOK/reviews/REVIEW/PERIOD.yaml with every item of the review's
    instrument: what each score looks like as comments, and empty ratings, evidence, goal
    figures and action plan to fill in. It fails `spread check` until every item is rated
    (or marked not_rated with a reason).

    \b
    Examples:
      spread review new code-club/readiness
      spread review new code-club/readiness --period 2023
    """
    root = find_root(repo or Path.cwd())
    named = review_kind(playbooks_network(root), ref)
    pb, kind = named.playbook, named.kind
    day = today or date.today()
    period = period or default_period(kind.instrument.frequency, day)
    problem = period_problem(period, kind.instrument.frequency)
    if problem:
        raise click.BadParameter(problem.replace("this playbook's audits are", f"the review `{kind.id}` is"),
                                 param_hint="'--period'")
    path = root / review_path(pb.id, kind.id, period)
    end = periods.bounds(period)[1]
    if end >= day:
        click.echo(f"Note: {period} ends on {end.isoformat()}: review it once it is over.", err=True)
    write_all({path: review_yaml(root, path.parent, pb, kind, period)}, root, force=force)
    shown = display_path(path, root)
    click.echo(f"Wrote {shown} with {len(kind.instrument.items)} items to rate. Fill in each rating and its evidence, "
               f"then run `spread check {shown}` and `spread review score {shown}`.")
