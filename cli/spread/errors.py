"""Problems found in a user's files, and the one exception family the command line turns into exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import click

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: where it is, what is wrong and what to do, under a stable rule id."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def display_path(path: Path | str, root: Path | None = None) -> str:
    """The path as the user should see it: relative to the repository when it lies inside it."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class SpreadError(click.ClickException):
    """An expected problem the user can fix: printed as one line, exit code 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message


class ProblemsFound(SpreadError):
    """The user's files have problems; they have already been reported."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")
