"""How problems are shown: a registry of reporters (text, json, github), results to stdout, summaries to stderr."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Protocol

import click

from spread.console import echo_line
from spread.errors import Problem


class Reporter(Protocol):
    """Shows `problems`; `hidden` warnings were found but left out (`spread check --errors-only`)."""

    def __call__(self, problems: Sequence[Problem], /, *, hidden: int = 0) -> None: ...


REPORTERS: dict[str, Reporter] = {}
# A listing longer than this ends with a count by rule (the detail is above, one line each).
OVERVIEW = 10


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return register


def use_color() -> bool | None:
    """None lets click decide (colour on a terminal only); NO_COLOR turns it off everywhere."""
    return False if os.environ.get("NO_COLOR") else None


def summary(problems: Sequence[Problem], hidden: int = 0) -> str:
    """The last line of a check: how many errors and warnings in how many files, and any warnings left out."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    left_out = f"{count(hidden, 'warning')} not shown: leave out --errors-only to see them" if hidden else ""
    if not problems:
        return f"No errors found ({left_out})." if hidden else "No problems found."
    parts = ([count(errors, "error")] if errors else []) + ([count(warnings, "warning")] if warnings else [])
    tail = f" ({left_out})" if hidden else "" if errors else " (no errors)"
    return f"{' and '.join(parts)} in {count(files, 'file')}{tail}."


def count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' * (number != 1)}"


def groups(problems: Sequence[Problem]) -> list[str]:
    """A long listing ends with a count by rule, errors first, then the most frequent: a rule that fires once is
    not lost under one that fires 35 times. Nothing for a short listing, or for a single rule."""
    by_rule = Counter((not p.is_error, p.rule) for p in problems)
    if len(problems) <= OVERVIEW or len(by_rule) < 2:
        return []
    lines = []
    for (warning, rule), times in sorted(by_rule.items(), key=lambda item: (item[0][0], -item[1], item[0][1])):
        files = len({p.path for p in problems if p.rule == rule and p.is_error is not warning})
        lines.append(f"  {count(times, 'warning' if warning else 'error')} in {count(files, 'file')} [{rule}]")
    return lines


@reporter("text")
def text(problems: Sequence[Problem], /, *, hidden: int = 0) -> None:
    color = use_color()
    for problem in problems:
        tint = "red" if problem.is_error else "yellow"
        echo_line(f"{problem.path}:{problem.line}:{problem.col}: ", (f"{problem.severity}:", {"fg": tint, "bold": True}),
                  f" {problem.message} [{problem.rule}]", color=color)
    grouped = groups(problems)
    if grouped:
        click.echo("By rule:", err=True)
        for line in grouped:
            click.echo(line, err=True)
    click.echo(summary(problems, hidden), err=True)


@reporter("json")
def as_json(problems: Sequence[Problem], /, *, hidden: int = 0) -> None:
    payload = {
        "ok": not any(p.is_error for p in problems),
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems) + hidden,
        "problems": [{"path": p.path, "line": p.line, "col": p.col, "severity": p.severity, "rule": p.rule,
                      "message": p.message} for p in problems],
    }
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def github(problems: Sequence[Problem], /, *, hidden: int = 0) -> None:
    """GitHub Actions workflow commands, so problems appear on the lines of a pull request."""
    for p in problems:
        command = "error" if p.is_error else "warning"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.col},title={_escape_property(p.rule)}"
        click.echo(f"::{command} {props}::{_escape_data(p.message)}")
    click.echo(summary(problems, hidden), err=True)
