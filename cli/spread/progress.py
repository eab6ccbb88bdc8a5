"""Progress on long work: a bar on a terminal, nothing at all when the output goes to a file, a pipe or CI.

The loops that take time (loading thousands of files, building thousands of pages) accept a plain
callback `progress(done, total)`, so the core never knows about terminals; the CLI passes one from here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import click

from spread.console import unguarded

Progress = Callable[[int, int], None]
# Below this many steps the work is over before a bar would help, and a flashing bar is only noise.
MINIMUM = 200


def nothing(done: int, total: int) -> None:
    """The progress callback that shows nothing: the default of every loop that reports progress."""


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

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < minimum:
                return
            bar = click.progressbar(length=total, label=label, file=out, show_eta=True, show_pos=True)
            bar.__enter__()
        bar.update(max(0, done - bar.pos))

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream: treat it as not a terminal
        return False
