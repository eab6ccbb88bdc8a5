"""`spread audit import`: take in a self-audit a site sent, check it by `spread check`'s rules, and file it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.audit_import import as_written, check_sent, read_sent
from spread.check.reporters import REPORTERS
from spread.commands.audit_score import scored
from spread.commands.completion import complete_site
from spread.commands.locate import locate, locate_site
from spread.commands.options import repo_option, today_option
from spread.errors import SpreadError, display_path
from spread.network.repo import find_root, load_network
from spread.scoring.text import score_text
from spread.yaml.read import MAX_BYTES
from spread.yaml.write import write_atomic


def _raw(path: Path, shown: str) -> bytes:
    if not path.is_file():
        raise SpreadError(f"{shown}: no such file: check the name and folder of the audit you were sent")
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SpreadError(f"{shown} is larger than {MAX_BYTES // 2**20} MB, far more than any self-audit: check "
                          "that it is the audit you were sent")
    return raw


@click.command("import")
@click.argument("file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("site_ref", metavar="SITE", required=False, shell_complete=complete_site)
@click.option("--force", is_flag=True, help="Replace the audit the site already has for the same period.")
@repo_option
@today_option()
def import_(file: Path, site_ref: str | None, force: bool, repo: Path | None, today: date | None) -> None:
    """Check a self-audit a site sent (FILE, as `spread audit new` or the handbook's form writes it) and file it
    as fidelity/PLAYBOOK/SITE/audits/PERIOD.yaml, then show its score.

    The audit is checked by the same rules as `spread check`, as if it were already in
    place; with any error nothing is written. SITE (PLAYBOOK/SITE, or the site's folder),
    when given, must be the site the audit names. A period that already has an audit is
    never replaced unless you add --force.

    \b
    Examples:
      spread audit import ~/Downloads/leeds-central-2026-Q3.yaml
      spread audit import leeds.yaml code-club/leeds-central --force
    """
    root = find_root(repo or Path.cwd())
    shown = file.as_posix()
    sent = read_sent(_raw(file, shown), file, shown)
    if sent.doc is None:
        _stop(sent.problems, shown)
    network = load_network(root)
    playbook_id, site_id, period = sent.names()
    site, folder = locate_site(network, site_ref or f"{playbook_id}/{site_id}")
    if (site.playbook, site.id) != (playbook_id, site_id):
        raise SpreadError(f"{shown} is the audit of `{playbook_id}/{site_id}`, not of `{site.playbook}/{site.id}`: "
                          f"leave out SITE to file it where it says, or import the audit of {site.id}")
    path = folder / "audits" / f"{period}.yaml"
    rel = display_path(path, root)
    day = today or date.today()
    if path.exists() and not force:
        raise SpreadError(f"{rel} already exists: Spread never replaces an audit. If {shown} is a corrected audit "
                          f"of {period}, add --force to replace it; if it rates a later period, ask the site to "
                          "correct its `period`.")
    assert sent.doc is not None
    problems = check_sent(network, sent.doc, rel, shown, day)
    if any(p.is_error for p in problems):
        _stop(tuple(problems), shown)
    if problems:
        REPORTERS["text"](problems)
    write_atomic(path, as_written(file.read_bytes().decode("utf-8-sig"), path.parent, root), force=force)
    click.echo(f"Imported {shown} as {rel}.")
    found = locate(str(path), root)
    if found.audit is not None:
        click.echo("\n".join(score_text(*scored(found)[1:])))


def _stop(problems: tuple[object, ...], shown: str) -> None:
    REPORTERS["text"](problems)  # type: ignore[arg-type]
    count = len(problems)
    raise SpreadError(f"{shown} has {count} problem{'s' * (count != 1)}, so nothing was written: fix "
                      f"{'them' if count != 1 else 'it'} (or ask the site to) and import it again")
