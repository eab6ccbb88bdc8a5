"""What a release is about to do, written down before it changes anything and forgotten once it is tagged.

A release stopped at any moment (kill -9, a power cut, a closed laptop) leaves this record behind, so the next
`spread playbook release` knows every file the release writes (and what each held before), the commit message
and the tag, and can finish the release exactly as it would have ended, or put everything back. It is kept in
git's own folder (`.git/spread/`): never committed, never shown by `git status`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spread.errors import SpreadError, display_path
from spread.network import gitio
from spread.yaml.write import write_atomic

if TYPE_CHECKING:
    import git

FORMAT = 1


@dataclass(frozen=True)
class ReleaseFile:
    path: str  # relative to the top of the git repository
    old: str | None  # the text before the release; None when the file did not exist
    new: str


@dataclass(frozen=True)
class Journal:
    playbook: str
    version: str
    tag: str
    commit_message: str
    tag_message: str
    files: tuple[ReleaseFile, ...]

    @property
    def subject(self) -> str:
        return self.commit_message.split("\n", 1)[0]


def journal_path(repo: git.Repo, playbook_id: str) -> Path:
    return gitio.git_dir(repo) / "spread" / f"release-{playbook_id}.json"


def save(repo: git.Repo, journal: Journal) -> None:
    write_atomic(journal_path(repo, journal.playbook), json.dumps({"format": FORMAT, **asdict(journal)}, indent=1),
                 force=True)


def load(repo: git.Repo, playbook_id: str, root: Path) -> Journal | None:
    """The record of a release of `playbook_id` that did not finish; None when there is none.

    `root`: the handbook repository, which messages show paths from."""
    path = journal_path(repo, playbook_id)
    sweep(path)
    try:
        data: Any = json.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            raise ValueError("another format")
        files = tuple(ReleaseFile(str(f["path"]), None if f["old"] is None else str(f["old"]), str(f["new"]))
                      for f in data["files"])
        playbook, version, tag, commit_message, tag_message = (str(data[key]) for key in (
            "playbook", "version", "tag", "commit_message", "tag_message"))
        return Journal(playbook, version, tag, commit_message, tag_message, files)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SpreadError(f"{display_path(path, root)}, the record of a release of `{playbook_id}` that did not finish, cannot be read: "
                          "delete it, make the playbook's folder what you want (`git status` shows what changed), "
                          "then release again") from None


def forget(repo: git.Repo, playbook_id: str) -> None:
    journal_path(repo, playbook_id).unlink(missing_ok=True)


def sweep(path: Path) -> None:
    """Delete what a stopped atomic write of `path` left behind: its temporary file beside it."""
    leftover = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    if path.parent.is_dir():
        for found in path.parent.iterdir():
            if leftover.fullmatch(found.name):
                found.unlink(missing_ok=True)
