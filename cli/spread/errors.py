"""Problems found in a user's files, and the one exception family the command line turns into exit codes."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import click

from spread.terminal import printable

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
        """The problem as one line: a newline or control character in a quoted value is shown escaped."""
        return printable(f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]",
                         newlines=False)

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
        return printable(self.message, newlines=False)


class NotFound(SpreadError):
    """A playbook or version named on the command line that is not there: a wrong argument, so exit 2, as for a
    mistyped command and for a site that is not there (see the table of exit codes in ARCHITECTURE.md)."""

    exit_code = 2


def no_such_playbook(playbook_id: str, known: list[str]) -> NotFound:
    """The one way every command says that a playbook named on its command line is not there, with the ones that
    are (or how to start one)."""
    return NotFound(f"there is no playbook `{playbook_id}` in playbooks/: {playbooks_here(sorted(known))}")


class Stopped(SpreadError):
    """The person stopped the command: not a mistake, so said as it is, without "Error:"."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.format_message(), file=file, err=file is None)


class Declined(Stopped):
    """The answer to a confirmation was no: nothing was changed, as asked, so the command succeeded (exit 0)."""

    exit_code = 0

    def __init__(self, message: str = "Nothing was changed.") -> None:
        super().__init__(message)


class Interrupted(Stopped):
    """Ctrl+C, at a question or while working: exit 130, as shells expect of a program stopped by SIGINT."""

    exit_code = 130

    def __init__(self, message: str = "Stopped (Ctrl+C).") -> None:
        super().__init__(message)


class ProblemsFound(SpreadError):
    """The user's files have problems: they and their summary have already been reported, so only the exit code
    (1) is left to give."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def show(self, file: IO[Any] | None = None) -> None:
        pass


# What the system said, in words a non-technical user can act on; by errno, so any language's strerror works.
_ENVIRONMENT = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space and run the command again",
    errno.EROFS: "the disk is read-only: work in a copy you can write to, and run the command again",
    errno.EACCES: "permission denied: check who may read and write it (and its folder), then run the command again",
    errno.EPERM: "the system does not allow this: check who may change it (and its folder), then run the command again",
    errno.ENAMETOOLONG: "the name is too long for the file system: choose a shorter name or folder",
    errno.EISDIR: "this is a folder where a file was expected: give a file, or move the folder out of the way",
    errno.ENOTDIR: "part of this path is a file where a folder was expected: check the path",
    errno.ENOENT: "not found: check the path (was it moved or deleted while Spread ran?)",
    errno.EEXIST: "something with this name is in the way: move it, or choose another name",
    errno.ELOOP: "too many symbolic links (does a link point to itself?): check the path",
    errno.EMFILE: "too many files are open: close some programs, or raise the limit (`ulimit -n`), and run again",
    errno.ENFILE: "too many files are open on this computer: close some programs and run the command again",
    errno.EIO: "the disk reported an error reading or writing: check the disk, then run the command again",
    errno.EFBIG: "the file is too big for this file system: check what is being written",
    errno.EBUSY: "it is in use by another program: close that program and run the command again",
    errno.ETXTBSY: "it is in use by another program: close that program and run the command again",
}


def environment_error(exc: OSError) -> SpreadError | None:
    """An error of the computer rather than of Spread (a full disk, a read-only folder, a name too long) as
    one line naming the path and what to do; None for an OSError that carries no error number."""
    if exc.errno is None:
        return None
    what = _ENVIRONMENT.get(exc.errno) or f"{(exc.strerror or 'the system refused').lower()}: check it and run the " \
        "command again"
    where = exc.filename if exc.filename is not None else exc.filename2
    if where is None:
        return SpreadError(what[0].upper() + what[1:])
    return SpreadError(f"{_shown(os.fsdecode(where))}: {what}")


def _shown(path: str) -> str:
    try:
        return display_path(path, Path.cwd()) if os.path.isabs(path) else path
    except OSError:  # the working folder itself is gone
        return path


# How messages name things, the same way in every layer.

def playbooks_here(ids: list[str]) -> str:
    """How a message names the repository's playbooks when the one asked for is not among them."""
    if not ids:
        return "there are no playbooks here yet: start one with `spread playbook new`"
    return f"the playbooks here are {words(ids, joiner='and')}"


def words(items: list[str] | tuple[str, ...], limit: int = 8, joiner: str = "or") -> str:
    """A short list for a message: `a`, `b` or `c`; past `limit`, `a`, `b`, … `h` or 4 more."""
    shown = [f"`{i}`" for i in items[:limit]]
    if len(items) > limit:
        return ", ".join(shown) + f" {joiner} {len(items) - limit} more"
    if len(shown) <= 1:
        return shown[0] if shown else "none"
    return ", ".join(shown[:-1]) + f" {joiner} {shown[-1]}"
