"""`spread serve`: preview the handbook on this computer, rebuilt as files change."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from spread.check.reporters import REPORTERS
from spread.commands.options import repo_option
from spread.commands.publish import (
    audience_option,
    day,
    engine_notice,
    engine_option,
    refuse_errors,
    today_option,
)
from spread.errors import Problem, SpreadError


def _report(problems: list[Problem], message: str) -> None:
    if problems:
        REPORTERS["text"](problems)
    click.echo(f"{datetime.now():%H:%M:%S} {message}", err=True)


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port to serve the preview on (on this computer only).")
@engine_option
@audience_option
@repo_option
@today_option
def serve(port: int, engine: str, audience: str, repo: Path | None, today: date | None) -> None:
    """Preview the handbook at http://127.0.0.1:8000/ while you edit.

    Rebuilds whenever a playbook, site, audit, page in docs/ or mkdocs.yml
    changes, and reloads the browser. The preview is only reachable from this
    computer. Stop it with Ctrl+C.

    \b
    Examples:
      spread serve
      spread serve --port 8080
    """
    from spread.handbook.preview import Preview, listen, run, server
    from spread.handbook.publish import checked
    from spread.network.repo import find_root

    root = find_root(repo or Path.cwd())
    preview = Preview(root, lambda: day(today), _report, engine, audience)  # type: ignore[arg-type]
    live = server(preview, port)
    try:
        listen(live, port)  # first: a busy port is said at once, before any check, build or address
        engine_notice(engine)
        refuse_errors(checked(root)[1], "the preview did not start")
        if not preview.build():
            raise SpreadError("the preview did not start: fix the problem above and run `spread serve` again")
        click.echo(f"Previewing the handbook at http://127.0.0.1:{port}/ (Ctrl+C to stop).", err=True)
        run(live, port)
    finally:
        live.server_close()
        preview.close()
