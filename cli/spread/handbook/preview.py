"""`spread serve`: a live preview on this computer, rebuilt whenever a playbook, site, audit or page changes.

It reuses MkDocs' own live-reload server (it polls the files, so it needs no network and no file-system
events) with our builder, which regenerates the pages before MkDocs runs. A change that breaks the
repository is reported and the last good build stays on screen until it is fixed.
"""

from __future__ import annotations

import errno
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from spread.errors import Problem, SpreadError
from spread.handbook import engine
from spread.handbook.audience import DEFAULT, Audience
from spread.handbook.publish import BUILD, checked, generate_build

WATCHED = ("playbooks", "fidelity", "docs")


class Preview:
    """Builds the handbook into a temporary folder; `report` receives problems and messages for the user."""

    def __init__(self, root: Path, today: Callable[[], date], report: Callable[[list[Problem], str], None],
                 engine_name: str = engine.DEFAULT, audience: Audience = DEFAULT) -> None:
        self.root, self.today, self.report, self.engine = root, today, report, engine_name
        self.audience = audience
        self.site_dir = Path(tempfile.mkdtemp(prefix="spread-preview-"))

    def build(self) -> bool:
        network, problems = checked(self.root)
        errors = [p for p in problems if p.is_error]
        if errors:
            self.report(errors, "not rebuilt: fix these errors and save again")
            return False
        try:
            prepared = generate_build(network, self.root / BUILD / "preview", self.today(), engine_name=self.engine,
                                      audience=self.audience)
            _empty(self.site_dir)
            engine.build(self.engine, prepared.config_file, self.site_dir, prepared.split)
        except SpreadError as exc:
            self.report([], f"not rebuilt: {exc.format_message()}")
            return False
        for line in prepared.skipped:
            self.report([], line)
        self.report([], f"rebuilt: {prepared.pages} pages")
        return True

    def close(self) -> None:
        shutil.rmtree(self.site_dir, ignore_errors=True)


def _empty(folder: Path) -> None:
    """The preview's folder emptied for the next build (MkDocs empties it itself; Zensical's files are moved in)."""
    for entry in folder.iterdir():
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


def server(preview: Preview, port: int, host: str = "127.0.0.1") -> Any:
    """A live-reload server on `host:port` serving the preview, watching the repository; `run` runs it."""
    from mkdocs.livereload import LiveReloadServer

    def rebuild() -> None:
        preview.build()

    live = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(preview.site_dir))
    for name in WATCHED:
        if (preview.root / name).is_dir():
            live.watch(str(preview.root / name))
    # mkdocs.yml sits at the top: watch the top folder itself, not what lies below it (.spread-build changes).
    live.watch(str(preview.root), recursive=False)
    return live


def listen(live: Any, port: int) -> None:
    """Take the port now, before the first build and before any address is announced: a busy port is the usual
    problem, so it is said at once, in plain words."""
    try:
        live.server_bind()
        live.server_activate()
    except OSError as exc:
        live.server_close()
        if exc.errno == errno.EADDRINUSE:
            raise SpreadError(f"port {port} is already in use: pick another with --port") from None
        raise SpreadError(f"cannot serve the preview on port {port} ({exc.strerror or exc}): pick another port "
                          "with --port") from None
    # MkDocs' serve() binds and listens itself: the socket already does both.
    live.server_bind = live.server_activate = lambda: None
    live.spread_listening = True


def run(live: Any, port: int) -> None:
    """Serve until Ctrl+C, which reaches the command line as it does in every command."""
    if not getattr(live, "spread_listening", False):
        listen(live, port)
    try:
        live.serve()
    finally:
        live.shutdown()
