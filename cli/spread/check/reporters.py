"""How problems are shown: a registry of reporters (text, json, github), results to stdout, summaries to stderr."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Sequence

import click

from spread.console import echo_line
from spread.errors import Problem

Reporter = Callable[[Sequence[Problem]], None]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def register(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return register


def use_color() -> bool | None:
    """None lets click decide (colour on a terminal only); NO_COLOR turns it off everywhere."""
    return False if os.environ.get("NO_COLOR") else None


def summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    files = len({p.path for p in problems})
    if not problems:
        return "No problems found."
    parts = ([f"{errors} error{'s' * (errors != 1)}"] if errors else []) + (
        [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else [])
    tail = "" if errors else " (no errors)"
    return f"{' and '.join(parts)} in {files} file{'s' * (files != 1)}{tail}."


def groups(problems: Sequence[Problem]) -> list[str]:
    """The same rule firing in several files, said once: the summary people read before the detail."""
    by_rule = Counter(p.rule for p in problems)
    lines = []
    for rule, count in by_rule.most_common():
        files = len({p.path for p in problems if p.rule == rule})
        if files > 1:
            lines.append(f"  [{rule}] {count} time{'s' * (count != 1)} in {files} files")
    return lines


@reporter("text")
def text(problems: Sequence[Problem]) -> None:
    color = use_color()
    for problem in problems:
        tint = "red" if problem.is_error else "yellow"
        echo_line(f"{problem.path}:{problem.line}:{problem.col}: ", (f"{problem.severity}:", {"fg": tint, "bold": True}),
                  f" {problem.message} [{problem.rule}]", color=color)
    grouped = groups(problems)
    if grouped:
        click.echo("The same problem in several files:", err=True)
        for line in grouped:
            click.echo(line, err=True)
    click.echo(summary(problems), err=True)


@reporter("json")
def as_json(problems: Sequence[Problem]) -> None:
    payload = {
        "ok": not any(p.is_error for p in problems),
        "errors": sum(p.is_error for p in problems),
        "warnings": sum(not p.is_error for p in problems),
        "problems": [{"path": p.path, "line": p.line, "col": p.col, "severity": p.severity, "rule": p.rule,
                      "message": p.message} for p in problems],
    }
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@reporter("github")
def github(problems: Sequence[Problem]) -> None:
    """GitHub Actions workflow commands, so problems appear on the lines of a pull request."""
    for p in problems:
        command = "error" if p.is_error else "warning"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.col},title={_escape_property(p.rule)}"
        click.echo(f"::{command} {props}::{_escape_data(p.message)}")
    click.echo(summary(problems), err=True)
