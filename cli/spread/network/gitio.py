"""The one module that talks to git, through gitpython, so that no git error reaches a user as a traceback."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.errors import SpreadError
from spread.model.semver import sort_key

if TYPE_CHECKING:
    import git


@cache
def _gitpython() -> Any:
    """gitpython, imported on first use: the import costs ~0.12 s that most commands never need.

    None when no git executable is installed (gitpython refuses to import then).
    """
    try:
        import git
    except ImportError:  # pragma: no cover - exercised only on machines without git
        return None
    return git


def _errors(*also: type[Exception]) -> tuple[type[Exception], ...]:
    """What gitpython raises, and the other exceptions a caller expects from it."""
    return _gitpython_errors() + also


@cache
def _gitpython_errors() -> tuple[type[Exception], ...]:
    """gitpython's own errors, and gitdb's for an unknown revision (which is not a GitError)."""
    try:
        from git.exc import GitError
        from gitdb.exc import ODBError  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover
        return (OSError,)
    return (GitError, ODBError)


def open_repo(path: Path) -> git.Repo | None:
    """The git repository containing `path`, or None when it is not in one (or git is missing)."""
    gitpython = _gitpython()
    if gitpython is None:
        return None
    try:
        repo: git.Repo = gitpython.Repo(path, search_parent_directories=True)
        return repo
    except _errors(OSError):
        return None


def tag_name(playbook_id: str, version: str) -> str:
    return f"{playbook_id}/v{version}"


def file_at(repo: git.Repo, rev: str, relpath: str) -> bytes | None:
    """The bytes of `relpath` (relative to the repository's top) at a tag or commit, or None if absent."""
    try:
        blob = repo.commit(rev).tree / relpath
        data: bytes = blob.data_stream.read()
        return data
    except _errors(KeyError, ValueError, OSError):
        return None


def commit_of(repo: git.Repo, rev: str) -> str | None:
    try:
        return str(repo.commit(rev).hexsha)
    except _errors(ValueError, OSError):
        return None


def head_commit(repo: git.Repo) -> str | None:
    try:
        return str(repo.head.commit.hexsha)
    except _errors(ValueError, OSError):
        return None


def top(repo: git.Repo) -> Path:
    """The top folder of the repository's working tree."""
    return Path(repo.working_tree_dir or ".").resolve()


def relative_to_top(repo: git.Repo, path: Path) -> str:
    root = top(repo)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError as exc:
        raise SpreadError(f"{path} is outside the git repository at {root}") from exc


def playbook_versions(repo: git.Repo, playbook_id: str) -> list[str]:
    """Released versions of a playbook, from its tags `<id>/v<semver>`, oldest first."""
    prefix = f"{playbook_id}/v"
    try:
        names = [t.name[len(prefix):] for t in repo.tags if t.name.startswith(prefix)]
    except _errors(OSError):
        return []
    return sorted((n for n in names if sort_key(n) is not None), key=lambda v: sort_key(v) or ())


def init_repo(path: Path) -> None:
    """Start a new git repository at `path`, on a branch called main (what the handbook workflow publishes from)."""
    gitpython = _gitpython()
    if gitpython is None:
        raise SpreadError(f"cannot start a git repository in {path}: git is not installed. Install git, then try again")
    try:
        gitpython.Repo.init(path, initial_branch="main").close()
    except _errors(OSError) as exc:
        raise SpreadError(f"cannot start a git repository in {path} ({exc}): check you may write there") from None


def _said(exc: BaseException) -> str:
    """The line of git's own message that says what went wrong, without gitpython's wrapping."""
    text = str(getattr(exc, "stderr", "") or exc).strip().strip("'\"")
    lines = [line.strip().strip("'\"") for line in text.splitlines() if line.strip().strip("'\"")]
    return lines[-1].removeprefix("stderr: ").strip("'\"") if lines else type(exc).__name__


def uncommitted(repo: git.Repo, relpath: str) -> list[str]:
    """Files under `relpath` (relative to the top) that are changed, staged or untracked."""
    try:
        out = str(repo.git.status("--porcelain", "--untracked-files=all", "--", relpath))
    except _errors(OSError) as exc:
        raise SpreadError(f"git could not tell whether {relpath} has uncommitted changes ({_said(exc)})") from None
    return sorted(line[3:].split(" -> ")[-1].strip('"') for line in out.splitlines() if len(line) > 3)


def stage(repo: git.Repo, relpaths: list[str]) -> None:
    """Add these paths (relative to the top) to the index, so that new files can be committed."""
    try:
        repo.git.add("--", *relpaths)
    except _errors(OSError) as exc:
        raise _failure(repo, "make the commit", exc) from None


def commit_staged(repo: git.Repo, relpaths: list[str], message: str) -> str:
    """Commit exactly these staged paths (whatever else is staged stays staged, uncommitted); the new commit's id."""
    try:
        repo.git.commit("-m", message, "--only", "--", *relpaths)
        return str(repo.head.commit.hexsha)
    except _errors(ValueError, OSError) as exc:
        raise _failure(repo, "make the commit", exc) from None


def annotated_tag(repo: git.Repo, name: str, message: str, commit: str = "HEAD") -> None:
    try:
        repo.git.tag("-a", name, "-m", message, commit)
    except _errors(OSError) as exc:
        raise _failure(repo, f"create the tag {name}", exc) from None


def undo_commit(repo: git.Repo, before: str, relpaths: list[str]) -> None:
    """Move the branch back to `before` (if a commit moved it) and unstage these paths to how they were there."""
    moved = head_commit(repo) != before
    try:
        if moved:
            repo.git.reset("--soft", before)
        repo.git.reset("-q", before, "--", *relpaths)
    except _errors(OSError) as exc:
        if moved:
            raise _failure(repo, "undo the commit", exc, f": run `git reset --soft {before[:12]}` to undo it by hand") \
                from None
        raise _failure(repo, "put the index back", exc) from None


def is_shallow(repo: git.Repo) -> bool:
    """True in a clone of part of the history (CI's usual checkout), where tags are often missing too."""
    try:
        return str(repo.git.rev_parse("--is-shallow-repository")).strip() == "true"
    except _errors(OSError):
        return True


def git_dir(repo: git.Repo) -> Path:
    """The repository's own folder (`.git`), where git and Spread keep what is never committed."""
    return Path(repo.git_dir)


def commits_titled(repo: git.Repo, subject: str, relpath: str) -> list[str]:
    """Commits in HEAD's history that touch `relpath` and whose message's first line is `subject`, newest first."""
    try:
        out = str(repo.git.log("--format=%H %s", "--fixed-strings", f"--grep={subject}", "HEAD", "--", relpath))
    except _errors(OSError):  # no commit yet
        return []
    return [sha for sha, _, title in (line.partition(" ") for line in out.splitlines()) if title == subject]


def message_of(repo: git.Repo, rev: str) -> str:
    try:
        return str(repo.commit(rev).message)
    except _errors(ValueError, OSError):
        return ""


def restage(repo: git.Repo, relpaths: list[str]) -> None:
    """Set the index back to HEAD for those of these paths whose working file already equals HEAD's.

    git moves the branch before it writes the index, so a commit stopped between the two leaves the index
    holding the files as they were before it: `git status` would show the commit undone, staged."""
    try:
        staged = str(repo.git.diff("--cached", "--name-only", "HEAD", "--", *relpaths)).splitlines()
        root = top(repo)
        stale = [rel for rel in staged
                 if (root / rel).is_file() and (root / rel).read_bytes() == file_at(repo, "HEAD", rel)]
        if stale:
            repo.git.reset("-q", "HEAD", "--", *stale)
    except _errors(OSError) as exc:
        raise _failure(repo, "update the index", exc) from None


_LOCK = re.compile(r"Unable to create '([^']+\.lock)': File exists")


def _failure(repo: git.Repo, what: str, exc: BaseException, fix: str = "") -> SpreadError:
    """The one-line error for a git command that failed, saying what to do about lock files left behind.

    git names only the first lock in its way; a git command killed while it held several (a commit holds the
    index's and the branch's) left them all, so every one there is named at once."""
    lock = _LOCK.search(str(getattr(exc, "stderr", "") or exc))
    if lock is None:
        return SpreadError(f"git could not {what} ({_said(exc)}){fix}")
    locks = sorted({lock.group(1), *_locks(repo)})
    listed = locks[0] if len(locks) == 1 else ", ".join(locks[:-1]) + " and " + locks[-1]
    return SpreadError(f"git could not {what}: {listed} {'exists' if len(locks) == 1 else 'exist'}, so another git "
                       "command is running in this repository, or one was stopped before it finished. If none is "
                       f"running, delete {'it' if len(locks) == 1 else 'them'}, then try again")


def _locks(repo: git.Repo) -> list[str]:
    """The lock files git keeps while it changes the index or a ref (not a commit's own temporary index)."""
    common = Path(repo.common_dir)
    found = [*Path(repo.git_dir).glob("*.lock"), *common.glob("*.lock"), *(common / "refs").rglob("*.lock")]
    return [str(path) for path in found if not path.name.startswith("next-index-")]
