"""`spread report`: the whole network of sites, for innovators, funders and commissioners."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.commands.completion import complete_playbook
from spread.commands.options import format_option, repo_option, today_option
from spread.errors import words
from spread.network.repo import find_root
from spread.progress import progress
from spread.report.cache import network_summary
from spread.report.data import report_json
from spread.report.regulated import regulator_lines
from spread.report.reviews import ProgrammeReviews, programme_reviews
from spread.report.summary import NetworkSummary
from spread.report.tables import TABLES, csv_text, playbook_lines
from spread.report.text import playbook_text


@click.command()
@click.argument("playbook", required=False, shell_complete=complete_playbook)
@format_option("text", "json", "csv")
@click.option("--table", "which", type=click.Choice(TABLES), default="sites", show_default=True,
              help="With --format csv: which table, one row per site (sites), per site, period and measure (figures), "
                   "or per site and core component at the latest participant survey (voice).")
@today_option("Work out overdue audits as of this date instead of today (for reproducible reports).")
@repo_option
def report(playbook: str | None, fmt: str, which: str, today: date | None, repo: Path | None) -> None:
    """Report on every site of a playbook (or of every playbook).

    For each site: its playbook version (and whether a newer one is out), its latest
    audit's band, total and percent, the trend over its audits, whether an audit is
    overdue by the playbook's frequency, and critical breaches. Then, for each core
    component, how many sites practise it at the expected, developmental or
    unacceptable level at their latest audit; and what sites chose for each local
    component, with their reasons, most common first. Where the playbook has measures or
    a participant survey: each site's latest reach and outcome figures with their n,
    change and target, people reached this year, each outcome across sites, and what
    participants say of each component beside the site's own rating (a GAP where the
    site rated it expected and most participants disagree). A figure about fewer people
    than the playbook's threshold (5 unless it says) is shown as "fewer than 5".

    On a scored scale (say 1 to 5) an item at its bottom score, or below its minimum,
    counts as unacceptable, at its top score as expected, and anything between as
    developmental; a component rated by several items takes its weakest item's level.
    Paused and closed sites, and sites still preparing that have never audited, are
    not counted as overdue.

    \b
    Examples:
      spread report
      spread report peer-diabetes --format csv > sites.csv
      spread report peer-diabetes --format csv --table figures > figures.csv
      spread report --format json --today 2026-11-30
    """
    if which != "sites" and fmt != "csv":
        raise click.UsageError(f"--table {which} is a CSV table: add --format csv (text and JSON reports hold every "
                               "table)")
    root = find_root(repo or Path.cwd())
    with progress("Reading files") as update:
        result = network_summary(root, playbook, today or date.today(), update)
    declaring = {p.playbook.id for p in result.playbooks if p.playbook.reviews} if fmt != "csv" else set()
    reviews = programme_reviews(root, result.today, declaring, result.network)
    click.echo(rendered(result, fmt, which, reviews), nl=False)
    left_out = (*result.left_out, *reviews.left_out)
    if left_out:
        click.echo(left_out_note(left_out), err=True)


def left_out_note(files: tuple[str, ...], what: str = "report") -> str:
    """What a reader is told when files with problems are not in the report (or the list)."""
    count = len(files)
    return (f"Note: {count} file{'s' * (count != 1)} with problems {'are' if count != 1 else 'is'} left out of this "
            f"{what} ({words(files, limit=3, joiner='and')}): run `spread check` to see what to fix.")


def rendered(result: NetworkSummary, fmt: str, which: str = "sites", reviews: ProgrammeReviews | None = None) -> str:
    """The report as `spread report --format FMT [--table WHICH]` prints it, with the programme reviews given."""
    if fmt == "json":
        return report_json(result, reviews.data if reviews is not None else None) + "\n"
    if fmt == "csv":
        return csv_text(result, which)
    blocks = ["\n".join(playbook_text(p, result.today) + regulator_lines(p, result.today)
                        + playbook_lines(p, result.today)
                        + (reviews.lines.get(p.playbook.id, []) if reviews else [])) for p in result.playbooks]
    return f"Network report, {result.today.isoformat()}\n\n" + "\n\n\n".join(blocks) + "\n"
