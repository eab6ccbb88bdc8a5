"""`spread review score`: score a programme review by the instrument its playbook declares for it."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spread.check.reporters import REPORTERS
from spread.check.rules.programme import check_programme_reviews
from spread.commands.audit_score import below
from spread.commands.options import format_option, repo_option
from spread.commands.programme import find_review
from spread.errors import SpreadError
from spread.network.repo import find_root
from spread.network.reviews import load_reviews, playbooks_network
from spread.scoring.bands import ordered, rank
from spread.scoring.data import score_data
from spread.scoring.review import review_history
from spread.scoring.text import score_text


def said_of_review(line: str) -> str:
    """A line of a self-audit's score said of a programme review."""
    return line.replace("No earlier audit", "No earlier review").replace("self-audit", "self-assessment")


@click.command()
@click.argument("target", metavar="REVIEW")
@click.option("--explain", is_flag=True, help="Show the arithmetic behind every number.")
@click.option("--fail-under", metavar="BAND",
              help="Exit 1 when the band is below BAND in the review's order, or the review has no band.")
@format_option("text", "json")
@repo_option
def score(target: str, explain: bool, fail_under: str | None, fmt: str, repo: Path | None) -> None:
    """Score a programme review by its own instrument: band, total, sections, flags and goals.

    REVIEW is a review file, or PLAYBOOK/REVIEW for its latest period. The score is always
    worked out from the ratings, never typed in, with the change since the review before.
    A review with problems is not scored: its problems are listed instead.

    \b
    Examples:
      spread review score code-club/readiness
      spread review score playbooks/code-club/reviews/readiness/2025.yaml --explain
      spread review score code-club/readiness --fail-under nearly-ready
    """
    root = find_root(repo or (Path(target).parent if Path(target).suffix in (".yaml", ".yml") else Path.cwd()))
    network, reviews = playbooks_network(root), load_reviews(root)
    found = find_review(network, reviews, target)
    path = reviews.path(found)
    problems = [p for p in check_programme_reviews(root) if p.path == path and p.severity == "error"]
    if problems:
        REPORTERS["json" if fmt == "json" else "text"](problems)
        raise SpreadError(f"{path} has {len(problems)} problem{'s' * (len(problems) != 1)}, so it cannot be scored "
                          f"yet: fix {'them' if len(problems) != 1 else 'it'} and run the score again")
    kind_reviews = reviews.of(found.playbook, found.kind)
    history = review_history(kind_reviews[:kind_reviews.index(found) + 1],
                             lambda version: network.playbook_version(found.playbook, version))
    result, change = history[-1].score, history[-1].change
    assert result is not None  # a review its version does not declare is a problem above
    if fail_under is not None and rank(result.bands, fail_under) is None:
        labels = ", ".join(b.label for b in ordered(result.bands))
        raise click.BadParameter(f"`{fail_under}` is not a band of the review `{found.kind}`: use one of {labels}",
                                 param_hint="--fail-under")
    if fmt == "json":
        data = {key: value for key, value in score_data(result, change).items() if key != "site"}
        click.echo(json.dumps({"review_id": found.kind, **data, "path": path}, indent=2, ensure_ascii=False))
    else:
        title = next(k.title for k in (network.playbook_version(found.playbook, found.version) or network.playbooks[
            found.playbook]).reviews if k.id == found.kind)
        lines = score_text(result, change, explain)
        lines[0] = f"{result.playbook} {result.version} · {title} · {result.period}"
        click.echo("\n".join(said_of_review(line) for line in lines))
    failure = below(result, fail_under) if fail_under else None
    if failure:
        raise SpreadError(failure.replace("the audit has no band", "the review has no band"))
