"""`spread audit import`: take in a self-audit a site sent, check it by `spread check`'s rules, and file it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.audit_import import as_written, check_sent, read_sent
from spread.adopt.sheets import META
from spread.adopt.workbook_read import OLE
from spread.check.reporters import REPORTERS
from spread.commands.audit_score import scored
from spread.commands.completion import complete_site
from spread.commands.locate import locate, locate_site
from spread.commands.options import repo_option, today_option
from spread.errors import SpreadError, display_path
from spread.model.site import Site
from spread.network.repo import Network, find_root, load_network
from spread.report.period import period_lines
from spread.scoring.text import score_text
from spread.terminal import printable
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
    raw = _raw(file, shown)
    if file.suffix.lower() in (".xlsx", ".xlsm", ".xls") or raw.startswith((b"PK", OLE)):
        _workbook(root, raw, shown, site_ref, force, today)
        return
    sent = read_sent(raw, file, shown)
    if sent.doc is None:
        _stop(sent.problems, shown)
    network = load_network(root)
    playbook_id, site_id, period = sent.names()
    _, folder = _site(network, site_ref, playbook_id, site_id, shown)
    path = folder / "audits" / f"{period}.yaml"
    rel = display_path(path, root)
    day = today or date.today()
    _refuse(path, rel, shown, period, force)
    assert sent.doc is not None
    problems = check_sent(network, sent.doc, rel, shown, day)
    if any(p.is_error for p in problems):
        _stop(tuple(problems), shown)
    if problems:
        REPORTERS["text"](problems)
    write_atomic(path, as_written(raw.decode("utf-8-sig"), path.parent, root), force=force)
    _done(shown, path, root)


def _workbook(root: Path, raw: bytes, shown: str, site_ref: str | None, force: bool, today: date | None) -> None:
    from spread.adopt.workbook_import import take
    from spread.adopt.workbook_read import Refused, read_workbook

    if shown.lower().endswith(".xlsm"):
        raise SpreadError(f"{shown} is a workbook with macros (.xlsm): ask the site to save it as an Excel workbook "
                          "(.xlsx) without macros")
    try:
        filled = read_workbook(raw)
    except Refused as exc:
        raise SpreadError(f"{shown} {exc}") from None
    meta = filled.meta
    for key in ("site", "playbook", "version", "period"):
        if not meta.get(key):
            raise SpreadError(f"{shown}: Instructions!B{META[key]}: the workbook's {key} is empty: it is not a Spread "
                              "self-audit workbook, or it was changed; send the site a new one")
    network = load_network(root)
    site, folder = _site(network, site_ref, str(meta["playbook"]), str(meta["site"]), shown)
    path = folder / "audits" / f"{meta['period']}.yaml"
    rel = display_path(path, root)
    _refuse(path, rel, shown, str(meta["period"]), force)
    taken = take(network, filled, site, path, shown, today or date.today())
    for line in taken.problems:
        click.echo(printable(line, newlines=False))
    if taken.errors:
        raise SpreadError(f"{shown} has {taken.errors} problem{'s' * (taken.errors != 1)}, so nothing was written: "
                          f"fix {'them' if taken.errors != 1 else 'it'} (or ask the site to) and import it again")
    write_atomic(path, taken.text, force=force)
    _done(shown, path, root)


def _site(network: Network, site_ref: str | None, playbook_id: str, site_id: str, shown: str) -> tuple[Site, Path]:
    site, folder = locate_site(network, site_ref or f"{playbook_id}/{site_id}")
    if (site.playbook, site.id) != (playbook_id, site_id):
        raise SpreadError(f"{shown} is the audit of `{playbook_id}/{site_id}`, not of `{site.playbook}/{site.id}`: "
                          f"leave out SITE to file it where it says, or import the audit of {site.id}")
    return site, folder


def _refuse(path: Path, rel: str, shown: str, period: str, force: bool) -> None:
    if path.exists() and not force:
        raise SpreadError(f"{rel} already exists: Spread never replaces an audit. If {shown} is a corrected audit "
                          f"of {period}, add --force to replace it; if it rates a later period, ask the site to "
                          "correct its `period`.")


def _done(shown: str, path: Path, root: Path) -> None:
    rel = display_path(path, root)
    click.echo(f"Imported {shown} as {rel}.")
    found = locate(str(path), root)
    if found.audit is not None:
        playbook, result, change, earlier = scored(found)
        click.echo("\n".join(score_text(result, change) + period_lines(playbook, found.audit, result, earlier)))
    else:  # judged on another day (--today) than the score is
        click.echo(f"See its score with `spread audit score {rel}`.")


def _stop(problems: tuple[object, ...], shown: str) -> None:
    REPORTERS["text"](problems)  # type: ignore[arg-type]
    count = len(problems)
    raise SpreadError(f"{shown} has {count} problem{'s' * (count != 1)}, so nothing was written: fix "
                      f"{'them' if count != 1 else 'it'} (or ask the site to) and import it again")
