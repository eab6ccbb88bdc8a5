"""Releasing a playbook version: choose the version the changes need, write it, archive it, log it, commit, tag.

Either all of it happens or none of it: a failure at any step puts every file, the branch and the tags
back as they were, and a release stopped part-way (kill -9, a power cut) is finished by the next run
(`release_journal`, `release_resume`). The archived copy under `releases/` lets clones without tags (CI
checks out without them by default) still know every version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from spread.errors import SpreadError
from spread.model.playbook import Playbook
from spread.model.semver import is_newer
from spread.network import gitio
from spread.network.repo import Network
from spread.versions import journal as release_journal
from spread.versions.changelog import entry, prepend
from spread.versions.diff import Bump, Change, bump_between, diff_playbooks, needed_bump, next_version, rank
from spread.versions.journal import Journal, ReleaseFile
from spread.versions.revisions import released, released_versions, working
from spread.yaml.edit import Editor
from spread.yaml.write import write_atomic

if TYPE_CHECKING:
    import git

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


class BumpTooSmall(SpreadError):
    """A release smaller than its changes need; `reasons`: the changes that need more, one line each."""

    def __init__(self, message: str, reasons: list[str]) -> None:
        super().__init__(message)
        self.reasons = reasons


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
        reasons = [f"  needs {c.bump}: {c.message} [{c.rule}]" for c in changes if rank(c.bump) > rank(chosen)]
        target = next_version(previous, needed)
        fix = f"release with --{needed}, or leave out the flag to get the release the changes need" \
            if current.version == previous else f"set `version: {target}` in {file}, or set it back to {previous} " \
            "and let Spread choose"
        raise BumpTooSmall(f"a {chosen} release ({previous} to {version}) is too small for the changes listed above, "
                           f"which need a {needed} release ({target}): {fix}", reasons)
    return ReleasePlan(current, previous, version, chosen, changes)


def release_files(plan: ReleasePlan, summary: str, today: str) -> dict[Path, str]:
    """The new text of every file the release writes: the playbook, its archived copy, and the changelog."""
    source = plan.playbook.doc.path
    text = _text(source)
    if plan.version != plan.playbook.version:
        editor = Editor(text)
        editor.set_scalar(("version",), plan.version)
        text = editor.result()
    # The archive sits one folder deeper: its editor modeline must still find the schema.
    archived = MODELINE.sub(lambda m: m.group(1) + "../" + m.group(2), text, count=1)
    files = {source: text, plan.folder / "releases" / f"{plan.version}.yaml": archived}
    log = plan.folder / "CHANGELOG.md"
    existing = _text(log) if log.exists() else None
    # An entry the author already wrote for this version is theirs: it is kept as it is.
    if existing is None or not re.search(rf"^## \[{re.escape(plan.version)}\]", existing, re.MULTILINE):
        first = plan.playbook if plan.previous is None else None
        files[log] = prepend(existing, entry(plan.version, today, summary, plan.changes, first), plan.playbook.title)
    return files


def journal_for(network: Network, plan: ReleasePlan, files: dict[Path, str], summary: str) -> Journal:
    """The record of everything the release will do, written before it does any of it."""
    repo = network.git
    entries = tuple(ReleaseFile(gitio.relative_to_top(repo, path), _text(path) if path.exists() else None, text)
                    for path, text in files.items())
    return Journal(plan.playbook.id, plan.version, plan.tag, f"Release {plan.playbook.id} {plan.version}\n\n{summary}",
                   f"{plan.playbook.title} {plan.version}\n\n{summary}", entries)


def apply_release(network: Network, plan: ReleasePlan, files: dict[Path, str], summary: str) -> str:
    """Note what the release will do, then do it (see `carry_out`). Returns the commit id."""
    journal = journal_for(network, plan, files, summary)
    release_journal.save(network.git, journal)
    return carry_out(network.git, journal)


def carry_out(repo: git.Repo, journal: Journal) -> str:
    """Write every file (each whole or not at all), commit them, tag the commit, then forget the journal.

    Stopped by a kill at any point, this leaves the journal and a state `release_resume` finishes. On any
    failure it puts the files, the index and the branch back as the journal says they were, forgets the
    journal and re-raises; if git cannot put the index back (its lock file is in the way), the journal is
    kept, so the next run finishes the release once the lock is gone. Returns the commit id."""
    top = gitio.top(repo)
    rels = [f.path for f in journal.files]
    new_folders = sorted({(top / rel).parent for rel in rels if not (top / rel).parent.exists()})
    head = gitio.head_commit(repo)
    try:
        for file in journal.files:
            write_atomic(top / file.path, file.new, force=True)
        gitio.stage(repo, rels)
        committed = gitio.commit_staged(repo, rels, journal.commit_message)
        gitio.annotated_tag(repo, journal.tag, journal.tag_message, committed)
        release_journal.forget(repo, journal.playbook)
        return committed
    except BaseException as failure:
        for file in journal.files:
            if file.old is None:
                (top / file.path).unlink(missing_ok=True)
            else:
                write_atomic(top / file.path, file.old, force=True)
        for folder in new_folders:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if head is not None:  # also when this run staged nothing: a run that was killed may have
            try:
                gitio.undo_commit(repo, head, rels)
            except SpreadError:
                if isinstance(failure, SpreadError):  # most often the same lock file: one message says it
                    raise failure from None
                raise
        release_journal.forget(repo, journal.playbook)
        raise


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SpreadError(f"{path.as_posix()} is not UTF-8 text, so Spread cannot add to it: save it as UTF-8 "
                          "(most editors offer it under Save As), then release again. Nothing was changed.") from None
