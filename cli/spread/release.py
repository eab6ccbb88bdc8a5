"""Releasing a playbook version: choose the version the changes need, write it, archive it, log it, commit, tag.

Either all of it happens or none of it: a failure at any step puts every file, the branch and the tags
back as they were. The archived copy under `releases/` lets clones without tags (CI checks out without
them by default) still know every version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click

from spread import gitio
from spread.changelog import entry, prepend
from spread.errors import Problem, SpreadError
from spread.model import Playbook
from spread.repo import Network
from spread.revisions import released, released_versions, working
from spread.rules import check_network
from spread.semver import is_newer
from spread.versions import Bump, Change, bump_between, diff_playbooks, needed_bump, next_version, rank
from spread.yamledit import Editor
from spread.yamlio import write_atomic

MODELINE = re.compile(r"^(# yaml-language-server: \$schema=)(?!\w+://)(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class ReleasePlan:
    playbook: Playbook
    previous: str | None  # the last released version; None for a first release
    version: str
    bump: Bump | None
    changes: list[Change]

    @property
    def folder(self) -> Path:
        return self.playbook.doc.path.parent

    @property
    def tag(self) -> str:
        return gitio.tag_name(self.playbook.id, self.version)


def problems_in(network: Network, playbook_id: str) -> list[Problem]:
    return [p for p in check_network(network) if p.is_error and p.path.startswith(f"playbooks/{playbook_id}/")]


def plan_release(network: Network, playbook_id: str, requested: Bump | None) -> ReleasePlan:
    current = working(network, playbook_id)
    versions = released_versions(network, playbook_id)
    file = f"playbooks/{playbook_id}/playbook.yaml"
    if not versions:
        if requested:
            raise click.UsageError(f"`{playbook_id}` has never been released, so there is nothing to bump from: leave "
                                   f"out --{requested} to release version {current.version}, as {file} says")
        return ReleasePlan(current, None, current.version, None, [])
    previous = versions[-1]
    old = released(network, playbook_id, previous)
    if old is None:
        raise SpreadError(f"the released version {previous} of `{playbook_id}` cannot be read (its tag holds no valid "
                          f"{file}), so Spread cannot tell what changed: fix or remove the tag "
                          f"{gitio.tag_name(playbook_id, previous)}")
    changes = diff_playbooks(old, current)
    needed = needed_bump(changes)
    if needed is None:
        raise SpreadError(f"nothing in {file} has changed since version {previous}: there is nothing to release")
    if current.version == previous:
        chosen = requested or needed
        version = next_version(previous, chosen)
    elif is_newer(current.version, previous):
        # The author set the version by hand: release that version, if it is big enough.
        version, chosen = current.version, bump_between(previous, current.version) or needed
        if requested and requested != chosen:
            raise click.UsageError(f"{file} already says version {version}, a {chosen} release after {previous}, "
                                   f"not a {requested} one: set `version: {previous}` and let Spread choose, or "
                                   f"leave out --{requested}")
    else:
        raise SpreadError(f"{file} says version {current.version}, but {previous} is already released: set "
                          f"`version: {previous}` and let `spread playbook release` choose the next version")
    if rank(chosen) < rank(needed):
        reasons = "\n".join(f"  needs {c.bump}: {c.message} [{c.rule}]" for c in changes if rank(c.bump) > rank(chosen))
        target = next_version(previous, needed)
        fix = f"Release with --{needed}, or leave out the flag to get the release the changes need." \
            if current.version == previous else f"Set `version: {target}` in {file}, or set it back to {previous} " \
            "and let Spread choose."
        raise SpreadError(f"a {chosen} release ({previous} to {version}) is too small for these changes, which need "
                          f"a {needed} release ({target}):\n{reasons}\n{fix}")
    return ReleasePlan(current, previous, version, chosen, changes)


def release_files(plan: ReleasePlan, summary: str, today: str) -> dict[Path, str]:
    """The new text of every file the release writes: the playbook, its archived copy, and the changelog."""
    source = plan.playbook.doc.path
    text = source.read_bytes().decode("utf-8")
    if plan.version != plan.playbook.version:
        editor = Editor(text)
        editor.set_scalar(("version",), plan.version)
        text = editor.result()
    # The archive sits one folder deeper: its editor modeline must still find the schema.
    archived = MODELINE.sub(lambda m: m.group(1) + "../" + m.group(2), text, count=1)
    files = {source: text, plan.folder / "releases" / f"{plan.version}.yaml": archived}
    log = plan.folder / "CHANGELOG.md"
    existing = log.read_bytes().decode("utf-8") if log.exists() else None
    # An entry the author already wrote for this version is theirs: it is kept as it is.
    if existing is None or not re.search(rf"^## \[{re.escape(plan.version)}\]", existing, re.MULTILINE):
        first = plan.playbook if plan.previous is None else None
        files[log] = prepend(existing, entry(plan.version, today, summary, plan.changes, first), plan.playbook.title)
    return files


def apply_release(network: Network, plan: ReleasePlan, files: dict[Path, str], summary: str) -> str:
    """Write, commit and tag; on any failure put everything back and re-raise. Returns the commit id."""
    repo = network.git
    rels = [gitio.relative_to_top(repo, path) for path in files]
    before = {path: path.read_bytes() if path.exists() else None for path in files}
    new_folders = [path.parent for path in files if not path.parent.exists()]
    head = gitio.head_commit(repo)
    try:
        for path, text in files.items():
            write_atomic(path, text, force=True)
        committed = gitio.commit_paths(repo, rels, f"Release {plan.playbook.id} {plan.version}\n\n{summary}")
        gitio.annotated_tag(repo, plan.tag, f"{plan.playbook.title} {plan.version}\n\n{summary}")
        return committed
    except BaseException:
        if head is not None:
            gitio.undo_commit(repo, head, rels)
        for path, data in before.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, data.decode("utf-8"), force=True)
        for folder in new_folders:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
