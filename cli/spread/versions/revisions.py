"""A playbook at a point in its history: a released version, a git tag or commit, or the working file.

A released version is read from its git tag, or else from its archived copy under `releases/` (so shallow
clones without tags still know it). Unlike `Network.playbook_version`, the working file never stands in for
a release here: comparing an edited file with itself would hide exactly the changes we look for.
"""

from __future__ import annotations

from dataclasses import dataclass

from spread.errors import NotFound, Problem, SpreadError, no_such_playbook, words
from spread.model.build import playbook_from
from spread.model.playbook import Playbook
from spread.model.schemas import validate
from spread.model.semver import SEMVER, sort_key
from spread.network import gitio
from spread.network.repo import Network
from spread.yaml.read import parse_document

WORKING = "working"


@dataclass(frozen=True)
class Revision:
    label: str  # how messages name it: `1.0.0`, `the working file (2.0.0)`, `commit 3f2a9c1 (1.0.0)`
    playbook: Playbook


def is_archive(playbook: Playbook) -> bool:
    return playbook.doc.path.parent.name == "releases"


def released_versions(network: Network, playbook_id: str) -> list[str]:
    """Versions released as git tags or archived under releases/, oldest first; the working file is not one."""
    found = {v for (pid, v), pb in network.releases.items() if pid == playbook_id and is_archive(pb)}
    if network.git is not None:
        found.update(gitio.playbook_versions(network.git, playbook_id))
    return sorted(found, key=lambda v: sort_key(v) or ())


def released(network: Network, playbook_id: str, version: str) -> Playbook | None:
    """The text released as `version`: its git tag, else its archived copy; None if it was never released."""
    tagged = at_rev(network, playbook_id, gitio.tag_name(playbook_id, version))
    if tagged is not None:
        return tagged
    archived = network.releases.get((playbook_id, version))
    return archived if archived is not None and is_archive(archived) else None


def at_rev(network: Network, playbook_id: str, rev: str) -> Playbook | None:
    """The playbook file as it was at a git tag or commit; None if git, the revision or a valid file is missing."""
    repo = network.git
    if repo is None:
        return None
    path = network.root / "playbooks" / playbook_id / "playbook.yaml"
    rel = gitio.relative_to_top(repo, path)
    raw = gitio.file_at(repo, rev, rel)
    if raw is None:
        return None
    doc = parse_document(raw, path, f"{rev}:{rel}")
    if isinstance(doc, Problem) or validate(doc, "playbook", f"{rev}:{rel}"):
        return None
    return playbook_from(doc)


def working(network: Network, playbook_id: str) -> Playbook:
    playbook = network.playbooks.get(playbook_id)
    if playbook is not None:
        return playbook
    path = f"playbooks/{playbook_id}/playbook.yaml"
    if (network.root / path).is_file():
        raise SpreadError(f"{path} has problems, so it cannot be compared: run `spread check {path}` and fix them")
    raise no_such_playbook(playbook_id, list(network.playbooks))


def resolve(network: Network, playbook_id: str, name: str) -> Revision:
    """FROM or TO of `spread playbook diff`: `working`, a version (1.0.0 or v1.0.0), a tag or a commit."""
    current = working(network, playbook_id)
    if name == WORKING:
        return Revision(f"the working file ({current.version})", current)
    version = name[1:] if name.startswith("v") and SEMVER.match(name[1:]) else name
    if SEMVER.match(version):
        found = released(network, playbook_id, version)
        if found is not None:
            return Revision(version, found)
        if current.version == version:
            return Revision(f"the working file ({version}, not released yet)", current)
        raise NotFound(f"version {version} of `{playbook_id}` was not found (no git tag "
                          f"{gitio.tag_name(playbook_id, version)} and no playbooks/{playbook_id}/releases/{version}"
                          f".yaml): known versions are {words(released_versions(network, playbook_id))}, or `working`")
    if network.git is None:
        raise NotFound(f"`{name}` is not a version of `{playbook_id}`, and {network.root} is not in a git "
                          "repository, so it cannot be a tag or commit: use a version such as "
                          f"{words(released_versions(network, playbook_id) or [current.version])}, or `working`")
    found = at_rev(network, playbook_id, name)
    if found is None:
        raise NotFound(f"`{name}` is not a version, tag or commit where playbooks/{playbook_id}/playbook.yaml "
                          f"exists and is valid: known versions are {words(released_versions(network, playbook_id))}"
                          ", or use `working`")
    commit = gitio.commit_of(network.git, name) or name
    label = name if name.startswith(f"{playbook_id}/v") else f"commit {commit[:7]}"
    return Revision(f"{label} ({found.version})", found)
