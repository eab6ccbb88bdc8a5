"""Checking a repository, or part of one: load everything, run every rule, keep what concerns the paths asked for."""

from __future__ import annotations

from pathlib import Path

import click

from spread.errors import Problem
from spread.progress import Progress, nothing
from spread.repo import find_root, load_network
from spread.rules import check_network


def run_check(paths: tuple[Path, ...] = (), repo: Path | None = None, progress: Progress = nothing) -> list[Problem]:
    root = find_root(repo or (paths[0] if paths else Path.cwd()))
    wanted = []
    for path in paths:
        try:
            wanted.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise click.UsageError(f"{path} is outside the handbook repository at {root}") from None
    problems = check_network(load_network(root, progress))
    if wanted and "." not in wanted:
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return problems
