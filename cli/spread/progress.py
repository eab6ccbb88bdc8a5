"""Progress on long work: a bar on a terminal, nothing at all when the output goes to a file, a pipe or CI.

The loops that take time (loading thousands of files, building thousands of pages) accept a plain
callback `progress(done, total)`, so the core never knows about terminals; the CLI passes one from here.
Work done in stages (publishing: checking, generating, building, swapping in) also takes `stage(label)`,
which names each stage on its own line, on a terminal only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

from spread.console import unguarded

Progress = Callable[[int, int], None]
Stage = Callable[[str], None]
# Below this many steps the work is over before a bar would help, and a flashing bar is only noise.
MINIMUM = 200


def nothing(done: int, total: int) -> None:
    """The progress callback that shows nothing: the default of every loop that reports progress."""


def quietly(label: str) -> None:
    """The stage callback that shows nothing: the default of all work that names its stages."""


@contextmanager
def stages(*, stream: TextIO | None = None) -> Iterator[Stage]:
    """A `stage(label)` callback writing "label…" on its own line of stderr as each stage of long work begins,
    only on a terminal: someone waiting sees what is happening; a log, a pipe or CI gets nothing."""
    out = stream if stream is not None else unguarded(sys.stderr)  # our own words, with no user text in them
    if not _is_terminal(out):
        yield quietly
        return

    def stage(label: str) -> None:
        click.echo(f"{label}…", file=out)

    yield stage


@contextmanager
def progress(label: str, *, stream: TextIO | None = None, minimum: int = MINIMUM) -> Iterator[Progress]:
    """A `progress(done, total)` callback drawing a bar on stderr while the block runs, only on a terminal.

    The bar starts on the first call, when the total is known, and only for work of `minimum` steps or more.
    """
    out = stream if stream is not None else unguarded(sys.stderr)  # the bar's own control codes must work
    if not _is_terminal(out):
        yield nothing
        return
    bar: Any = None
    finished = False

    def update(done: int, total: int) -> None:
        nonlocal bar, finished
        if finished:
            return
        if bar is None:
            if total < minimum:
                return
            bar = click.progressbar(length=total, label=label, file=out, show_eta=True, show_pos=True)
            bar.__enter__()
        bar.update(max(0, done - bar.pos))
        if done >= total:  # ends its line at once, before whatever the work says next
            finished = True
            bar.__exit__(None, None, None)

    try:
        yield update
    finally:
        if bar is not None and not finished:
            bar.__exit__(None, None, None)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: treat it as not a terminal
        return False
