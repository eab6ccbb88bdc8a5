"""The terminal as Spread writes to it: standard output and error escaped while a command runs, and the
one way around that, for our own colour codes and progress bar only."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

import click

from spread.terminal import SafeStream, printable


def unguarded(stream: TextIO) -> TextIO:
    """The real stream under a guarded one: for our own control codes only (colour, a progress bar)."""
    return stream.inner if isinstance(stream, SafeStream) else stream


@contextmanager
def guarded() -> Iterator[None]:
    """Escape everything written to stdout and stderr while the block runs."""
    out, err = sys.stdout, sys.stderr
    if out is None or err is None or isinstance(out, SafeStream):
        yield
        return
    safe_out, safe_err = cast(TextIO, SafeStream(out)), cast(TextIO, SafeStream(err, "Spread's error output"))
    sys.stdout, sys.stderr = safe_out, safe_err
    try:
        yield
    finally:
        # Put back only our own wrappers: click replaces stdout after a broken pipe, and that must stay.
        if sys.stdout is safe_out:
            sys.stdout = out
        if sys.stderr is safe_err:
            sys.stderr = err


def echo_line(*parts: str | tuple[str, dict[str, Any]], err: bool = False, color: bool | None = None) -> None:
    """One line of escaped text, parts given as (text, click.style options) in colour: a newline in any part
    is shown as `\\n`, so a value cannot make a line of its own."""
    line = "".join(printable(p, newlines=False) if isinstance(p, str)
                    else click.style(printable(p[0], newlines=False), **p[1]) for p in parts)
    stream = unguarded(sys.stderr if err else sys.stdout)
    click.echo(line, file=stream, color=color)
