"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from spread.model.periods import FIRST_YEAR, LAST_YEAR

F = TypeVar("F", bound=Callable[..., Any])


def repo_option(func: F) -> F:
    return click.option(
        "--repo", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="The handbook repository to use (default: the one you are in).",
    )(func)


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help="How to print the result: " + ", ".join(choices) + ".",
    )


def _day(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    # Periods and their deadlines (an end plus the grace days) are worked out from this day: within these
    # years every step stays inside Python's calendar, which ends at 9999-12-31.
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise click.BadParameter(f"{value.date().isoformat()} is too far from now: give a day from {FIRST_YEAR}-01-01 to "
                                 f"{LAST_YEAR}-12-31")
    return value.date() if value is not None else None


def today_option(help: str | None = None) -> Callable[[F], F]:
    """`--today YYYY-MM-DD`, the day to work from instead of today (hidden unless `help` says what it is for);
    the command gets a `date`, or None for today."""
    return click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
                        callback=_day, hidden=help is None, help=help)
