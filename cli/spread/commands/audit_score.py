"""`spread audit score`: score a self-audit by its playbook's own rules."""

from __future__ import annotations

import json
from pathlib import Path

import click

from spread.check.reporters import REPORTERS
from spread.commands.completion import complete_site
from spread.commands.locate import Located, locate
from spread.commands.options import format_option, repo_option
from spread.errors import SpreadError
from spread.model.playbook import Playbook
from spread.report.period import Before, period_data, period_lines
from spread.scoring.bands import ordered, rank
from spread.scoring.data import score_data
from spread.scoring.results import Change, Score
from spread.scoring.score import compare, score_audit
from spread.scoring.text import score_text


def below(score: Score, label: str) -> str | None:
    """Why a score fails `--fail-under LABEL`, or None when it passes: no band, a band (capped or not) below
    LABEL, or a critical item left unrated, which no band can vouch for."""
    if score.band is None:
        return (f"--fail-under {label}: the audit has no band ({score.rated} of {score.count} items rated), "
                "so it cannot be at least " + label)
    if (rank(score.bands, score.band.label) or 0) < (rank(score.bands, label) or 0):
        capped = f" (capped by a critical breach: {', '.join(score.capped_by)})" if score.capped_by else ""
        return f"--fail-under {label}: the band is {score.band.label}{capped}, below {label}"
    if score.unverified:
        names = ", ".join(score.components(score.unverified))
        one = len(score.components(score.unverified)) == 1
        return (f"--fail-under {label}: the band {score.band.label} is unverified, because {names} (critical) "
                f"{'was' if one else 'were'} not rated: rate {'it' if one else 'them'} to pass")
    return None


def scored(found: Located) -> tuple[Playbook, Score, Change | None, Before]:
    """The located audit's score, its change since the audit before it (if any), and that audit."""
    assert found.audit is not None
    playbook = found.network.playbook_version(found.audit.playbook, found.audit.version)
    if playbook is None:
        raise SpreadError(f"version {found.audit.version} of `{found.audit.playbook}` cannot be found: "
                          "run `spread check`")
    result = score_audit(playbook, found.audit)
    before = found.network.playbook_version(found.previous.playbook, found.previous.version) if found.previous else None
    change = compare(score_audit(before, found.previous), result) if before and found.previous else None
    return playbook, result, change, (before, found.previous) if before and found.previous else None


@click.command()
@click.argument("target", metavar="AUDIT|SITE", shell_complete=complete_site)
@click.option("--explain", is_flag=True, help="Show the arithmetic behind every number.")
@click.option("--fail-under", metavar="BAND",
              help="Exit 1 when the band (capped by any critical breach) is below BAND in the playbook's order, the "
                   "audit has no band, or a critical item is not rated.")
@format_option("text", "json")
@repo_option
def score(target: str, explain: bool, fail_under: str | None, fmt: str, repo: Path | None) -> None:
    """Score a self-audit by its playbook's own rules: band, total, sections, flags, goals, and the period's figures.

    AUDIT|SITE is an audit file, or a site (meaning its latest audit): a site folder,
    `playbook/site`, or just the site's id when only one playbook has a site of that id. The score is always worked out from the ratings, never typed in.
    An audit with problems is not scored: its problems are listed instead.

    \b
    Examples:
      spread audit score peer-diabetes/leeds
      spread audit score fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml --explain
      spread audit score peer-diabetes/leeds --fail-under good
    """
    found = locate(target, repo)
    if found.audit is None:
        if not found.problems:
            raise SpreadError(f"{target} could not be read as a self-audit: run `spread check {target}`")
        REPORTERS["json" if fmt == "json" else "text"](found.problems)
        count = len(found.problems)
        raise SpreadError(f"{found.problems[0].path} has {count} problem{'s' * (count != 1)}, so it cannot be "
                          f"scored yet: fix {'them' if count != 1 else 'it'} and run the score again")
    playbook, result, change, earlier = scored(found)
    if fail_under is not None and not result.bands:
        raise click.BadParameter(f"{playbook.id} {playbook.version} has no bands to compare with: its verdict comes "
                                 "from its item minimums and goals, so leave out --fail-under", param_hint="--fail-under")
    if fail_under is not None and rank(result.bands, fail_under) is None:
        labels = ", ".join(b.label for b in ordered(result.bands))
        raise click.BadParameter(f"`{fail_under}` is not a band of {playbook.id} {playbook.version}: use one of "
                                 f"{labels}", param_hint="--fail-under")
    if fmt == "json":
        data = score_data(result, change) | {"path": found.network.path_of(found.audit.doc)} \
            | period_data(playbook, found.audit, result, earlier)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(score_text(result, change, explain) + period_lines(playbook, found.audit, result, earlier)))
    failure = below(result, fail_under) if fail_under else None
    if failure:
        raise SpreadError(failure)
