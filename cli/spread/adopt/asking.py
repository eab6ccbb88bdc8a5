"""When someone stops answering a command's questions: one line saying so, instead of click's bare "Aborted!".

"No" to a confirmation is an answer: nothing was changed, exit 0. Ctrl+C stops the command (exit 130, as shells
expect). Input that ends before the answers do (a script, CI, /dev/null) is a mistake in how the command was run:
exit 1, saying how to run it without questions.

Every command that asks does so before it writes anything, so stopping at a question loses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from spread.errors import Declined, Interrupted, SpreadError


@contextmanager
def asking(without_questions: str) -> Iterator[None]:
    """Ask the block's questions; `without_questions` says how to give the answers ahead (for scripts and CI)."""
    try:
        yield
    except click.Abort as stop:
        # click raises Abort for all three; only Ctrl+C and the end of the input leave it a cause
        cause = stop.__context__
        if cause is None:
            raise Declined() from None
        click.echo()  # end the question's line, which Ctrl+C or the end of the input leave open
        if isinstance(cause, KeyboardInterrupt):
            raise Interrupted("Stopped (Ctrl+C) before writing anything: nothing was changed.") from None
        raise SpreadError(f"stopped before writing anything: {without_questions}") from None
