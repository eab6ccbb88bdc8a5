"""When someone stops answering a command's questions: one line saying nothing was written, and how to run the
command without questions, instead of click's bare "Aborted!".

Every command that asks does so before it writes anything, so stopping at a question loses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from spread.errors import SpreadError


@contextmanager
def asking(without_questions: str) -> Iterator[None]:
    """Ask the block's questions; `without_questions` says how to give the answers ahead (for scripts and CI)."""
    try:
        yield
    except click.Abort:  # "no" to a confirmation, Ctrl-C, or no one there to answer (a script, CI, /dev/null)
        click.echo()  # end the question's line, which Ctrl-C or the end of the input leave open
        raise SpreadError(f"stopped before writing anything: {without_questions}") from None
