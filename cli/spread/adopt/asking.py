"""The one way Spread asks a question at the terminal, used by every command that asks (`site new`, `site upgrade`,
`audit new --interactive`, `playbook release`).

The same keys everywhere: Enter takes the answer shown in [brackets]; a list is numbered and takes a number or a
name; an answer that is not allowed, or no answer where one is needed, is explained in one line and asked again.
Every asking command has `--yes` (write without asking to confirm) and `--no-input` (ask nothing: the answers given
and the defaults, or stop saying what is missing; it implies `--yes`).

"No" to a confirmation is an answer: nothing was changed, exit 0. Ctrl+C stops the command (exit 130, as shells
expect). Input that ends before the answers do (a script, CI, /dev/null) is a mistake in how the command was run:
exit 1, saying how to run it without questions. Every command that asks does so before it writes anything, so
stopping at a question loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

import click

from spread.errors import Declined, Interrupted, SpreadError

T = TypeVar("T")
# How many questions the current `asking` block has asked: a form that asked nothing has nothing to confirm.
_ASKED: ContextVar[int] = ContextVar("asked", default=0)


@contextmanager
def asking(without_questions: str) -> Iterator[None]:
    """Ask the block's questions; `without_questions` says how to give the answers ahead (for scripts and CI)."""
    token = _ASKED.set(0)
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
    finally:
        _ASKED.reset(token)


def ask(question: str, check: Callable[[str], T], *, default: str | None = None, need: str | None = None) -> T:
    """One answer, as `check` turns it (raising `click.BadParameter` to explain and ask again). Enter takes `default`;
    without one, an empty answer is `check("")` when `need` is None, else explained ("type `need`") and asked again."""

    def proc(value: str) -> T:
        if not value.strip() and need is not None:
            raise click.BadParameter(f"this question needs an answer: type {need}")
        return check(value)

    _ASKED.set(_ASKED.get() + 1)
    answer: T = click.prompt(question, default=default if default is not None else "",
                             show_default=bool(default), value_proc=proc)
    return answer


def text(question: str, *, need: str | None = None, default: str | None = None) -> str:
    """Words, with runs of spaces made one; "" when nothing is needed and nothing was typed."""
    return ask(question, lambda value: " ".join(value.split()), default=default, need=need)


def numbered(values: Sequence[str], *, blank: str | None = None) -> Callable[[str], str]:
    """A check that takes a number from a numbered list, or a value by its name (whatever the case); `blank` is what
    an empty answer means ("" to skip), or None when the list needs an answer."""

    def check(value: str) -> str:
        value = value.strip()
        if value.isdigit() and 1 <= int(value) <= len(values):
            return values[int(value) - 1]
        found = [v for v in values if v.casefold() == value.casefold()]
        if found:
            return found[0]
        if not value and blank is not None:
            return blank
        skip = ", or press Enter to skip" if blank is not None else ""
        raise click.BadParameter(f"\"{value}\" is not on the list: type a number from 1 to {len(values)}, or a name "
                                 f"from the list{skip}")

    return check


def listed(items: Sequence[tuple[str, str]], indent: str = "  ") -> None:
    """Show a numbered list: each value with what it means."""
    for n, (value, meaning) in enumerate(items, 1):
        click.echo(f"{indent}{n}. {value}" + (f": {meaning}" if meaning else ""))


def confirm(question: str, *, yes: bool, only_after_questions: bool = False) -> None:
    """Ask before writing, unless `yes`; "no" ends the command with nothing changed (`errors.Declined`). With
    `only_after_questions`, a form that asked nothing (every answer given ahead) writes without asking."""
    if yes or (only_after_questions and _ASKED.get() == 0):
        return
    click.confirm(question, default=True, abort=True)
