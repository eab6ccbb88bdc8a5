"""Checking a repository, or part of one: load everything, run every rule, keep what concerns the paths asked for.

Without the cache this is exactly that; with it (`spread.check.incremental`), only what changed is loaded and checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from spread.check.incremental import check_repository
from spread.errors import Problem
from spread.network import bulk
from spread.network.repo import find_root, load_network
from spread.progress import Progress, nothing


def run_check(paths: tuple[Path, ...] = (), repo: Path | None = None, progress: Progress = nothing,
              *, cache: bool = True, today: date | None = None,
              settings: Callable[[Path], list[Problem]] | None = None) -> list[Problem]:
    """Every problem in the repository, or in the given files and folders; with `cache`, files whose
    problems cannot have changed since the last check are not checked again (see `spread.check.incremental`).
    Audits are judged on `today` (default: the real today). `settings` finds the problems of files a layer
    above knows (the handbook's mkdocs.yml), afresh every time."""
    root = find_root(repo or (paths[0] if paths else Path.cwd()))
    wanted = []
    for path in paths:
        try:
            wanted.append(path.resolve().relative_to(root).as_posix())
        except ValueError:
            raise click.UsageError(f"{path} is outside the handbook repository at {root}") from None
    with bulk.paused():
        if cache:
            problems = check_repository(root, progress, load_network, today)
        else:
            from spread.check.rules import check_network  # with a warm cache most checks run no rule at all

            problems = check_network(load_network(root, progress, cache=False), today)
    if any(root.glob("playbooks/*/reviews")):  # programme reviews are few: their rules run afresh every time
        from spread.check.rules.programme import check_programme_reviews

        problems = sorted({*problems, *check_programme_reviews(root, today)})
    if settings is not None:
        problems = sorted({*problems, *settings(root)})
    if wanted and "." not in wanted:
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return problems
