"""Options shared by several commands, defined once."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from spread.model.periods import FIRST_YEAR, LAST_YEAR
from spread.terminal import printable

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


class Day(click.ParamType[date]):
    """A day written YYYY-MM-DD. Every date option is of this type, so every one says the same when it is wrong."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:  # the pattern first: Python alone would also take 20261130 or 2026-W48-1
            day = datetime.strptime(text, "%Y-%m-%d").date() if ISO_DAY.fullmatch(text) else None
        except ValueError:
            day = None
        if day is None:
            self.fail(f"\"{printable(text, newlines=False)}\" is not a real date: write it as YYYY-MM-DD, for example "
                      "2026-11-30", param, ctx)
        # Periods and their deadlines (an end plus the grace days) are worked out from this day: within these
        # years every step stays inside Python's calendar, which ends at 9999-12-31.
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.fail(f"{text} is too far from now: give a day from {FIRST_YEAR}-01-01 to {LAST_YEAR}-12-31", param, ctx)
        return day


DAY = Day()
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def today_option(help: str | None = None) -> Callable[[F], F]:
    """`--today YYYY-MM-DD`, the day to work from instead of today (hidden unless `help` says what it is for);
    the command gets a `date`, or None for today."""
    return click.option("--today", type=DAY, default=None, metavar="YYYY-MM-DD", hidden=help is None, help=help)


def set_options(func: F) -> F:
    """`--set COMPONENT=CHOICE` and `--reason COMPONENT=REASON`: local choices given on the command line (`site new`,
    `site upgrade`); the command gets `sets` and `reasons`, checked by `adopt.answers.apply_sets`."""
    func = click.option("--reason", "reasons", multiple=True, metavar="COMPONENT=REASON",
                        help="Why the site chose as it did for one component, e.g. --reason \"setting=A quieter "
                        "room\" (quote it). Repeat for more.")(func)
    return click.option("--set", "sets", multiple=True, metavar="COMPONENT=CHOICE",
                        help="Choose for one local component, e.g. --set setting=library. Repeat for more.")(func)


def asking_options(func: F) -> F:
    """`--yes` and `--no-input`, with one meaning on every command that asks (`spread.adopt.asking`); the command gets
    `yes` and `no_input`."""
    func = click.option("--no-input", is_flag=True, help="Ask nothing: take the answers given and the defaults, or "
                        "stop, saying what is missing, if one has none. Implies --yes.")(func)
    return click.option("--yes", "-y", is_flag=True, help="Write without asking to confirm (questions are still "
                        "asked; add --no-input for none).")(func)
