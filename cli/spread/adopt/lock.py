"""Which playbook version a new site adopts, and the exact git commit that text came from.

A site is locked to what it adopted: the version, and the commit of its tag `<id>/v<version>` (or of
HEAD when the file is committed as it stands). Without git, or with uncommitted edits, there is no
commit to record, and the note says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from spread.check.rules import placeholders
from spread.errors import NotFound, SpreadError, display_path, no_such_playbook, words
from spread.model.playbook import Playbook
from spread.network import gitio
from spread.network.repo import Network


@dataclass(frozen=True)
class Adopted:
    """The playbook version a site adopts, the commit it came from, and why there is none if so."""

    playbook: Playbook
    commit: str | None
    note: str | None = None


def adopt(network: Network, playbook_id: str, version: str | None) -> Adopted:
    """The playbook at the version asked for (default: the newest known), with the commit to record."""
    known = network.versions(playbook_id)
    if playbook_id not in network.playbooks and not known:
        path = network.root / "playbooks" / playbook_id / "playbook.yaml"
        if path.is_file():
            raise SpreadError(f"{display_path(path, network.root)} has problems, so no site can adopt it yet: "
                              f"run `spread check playbooks/{playbook_id}` and fix them first")
        raise no_such_playbook(playbook_id, list(network.playbooks))
    version = version or network.latest(playbook_id) or network.playbooks[playbook_id].version
    playbook = network.playbook_version(playbook_id, version)
    if playbook is None:
        raise NotFound(f"version {version} of `{playbook_id}` was not found (no archived release and no git tag "
                          f"{gitio.tag_name(playbook_id, version)}): known versions are {words(known)}")
    left = sum(1 for _ in placeholders.found(playbook.doc.data))
    if left:
        # A site adopting a half-written playbook would keep its TODOs as its own choices and checklist.
        raise SpreadError(f"{display_path(playbook.doc.path, network.root)} still has {left} placeholder"
                          f"{'s' * (left != 1)} (TODO text or todo- ids), so no site can adopt {playbook_id} "
                          f"{version} yet: finish it (`spread check playbooks/{playbook_id}` lists each one), then "
                          "commit and release it")
    commit, note = _commit(network, playbook)
    return Adopted(playbook, commit, note)


def _commit(network: Network, playbook: Playbook) -> tuple[str | None, str | None]:
    repo = network.git
    if repo is None:
        return None, "this handbook is not in a git repository"
    tagged = gitio.commit_of(repo, gitio.tag_name(playbook.id, playbook.version))
    if tagged is not None:
        return tagged, None
    # No tag: the version is the working (or archived) file, which is only a commit if it is committed as it is.
    path = playbook.doc.path
    if gitio.file_at(repo, "HEAD", gitio.relative_to_top(repo, path)) == path.read_bytes():
        return gitio.head_commit(repo), None
    return None, f"{display_path(path, network.root)} has changes that are not committed yet"
