"""Finishing a release that was stopped part-way (kill -9, a power cut, a closed laptop).

`release.carry_out` writes the journal, then each file (whole or not at all), commits, tags, and forgets the
journal. Stopped anywhere, it leaves one of these states, which the next `spread playbook release` of that
playbook recognises and finishes before anything else:

- the journal, and each file either as it was or as the release writes it, not committed: write the rest,
  commit and tag (a failure then puts everything back, as in an uninterrupted release);
- the journal and the release commit (at HEAD, or further back if work was committed since) without its tag:
  tag that commit;
- the journal and the tag: everything was done but forgetting the journal;
- no journal, and the newest version archived by a release commit that has no tag (what Spread left before it
  kept a journal, stopped between its commit and its tag): tag that commit.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from spread.errors import SpreadError, display_path
from spread.network import gitio
from spread.network.repo import Network
from spread.versions import journal as release_journal
from spread.versions.journal import Journal
from spread.versions.release import carry_out
from spread.versions.revisions import is_archive, released_versions
from spread.yaml.write import write_atomic

if TYPE_CHECKING:
    import git

SHARE = "Share it with `git push --follow-tags`."


def finish_interrupted(network: Network, playbook_id: str) -> str | None:
    """Finish a release of `playbook_id` that was stopped part-way: one line saying what was done, or None."""
    repo = network.git
    journal = release_journal.load(repo, playbook_id, network.root)
    if journal is None:
        return _untagged(network, playbook_id)
    name = f"{playbook_id} {journal.version}"
    top = gitio.top(repo)
    for file in journal.files:
        release_journal.sweep(top / file.path)
    tagged = gitio.commit_of(repo, f"refs/tags/{journal.tag}")
    if tagged is not None:
        release_journal.forget(repo, playbook_id)
        return f"The release of {name} that was interrupted had finished: tag {journal.tag} is on commit " \
               f"{tagged[:7]}. {SHARE}"
    commit = _release_commit(repo, journal)
    if commit is None and _needs_commit(network, journal):
        commit = carry_out(repo, journal)
        return f"Finished the release of {name} that was interrupted: committed its files (commit {commit[:7]}) " \
               f"and tagged {journal.tag}. {SHARE}"
    commit = commit or str(gitio.head_commit(repo))
    for file in journal.files:  # a kill while a failed release was being put back leaves some files as they were
        if _text(top / file.path) == file.old and gitio.file_at(repo, "HEAD", file.path) == file.new.encode():
            write_atomic(top / file.path, file.new, force=True)
    gitio.restage(repo, [file.path for file in journal.files])
    gitio.annotated_tag(repo, journal.tag, journal.tag_message, commit)
    release_journal.forget(repo, playbook_id)
    return f"Finished the release of {name} that was interrupted: tagged {journal.tag} (commit {commit[:7]}). {SHARE}"


def _release_commit(repo: git.Repo, journal: Journal) -> str | None:
    """The commit in HEAD's history that holds every file as the release wrote it, under its message."""
    folder = os.path.commonpath([file.path for file in journal.files])
    for commit in gitio.commits_titled(repo, journal.subject, folder):
        if all(gitio.file_at(repo, commit, file.path) == file.new.encode("utf-8") for file in journal.files):
            return commit
    return None


def _needs_commit(network: Network, journal: Journal) -> bool:
    """Check each file is as it was or as the release writes it; False if HEAD already holds all of them."""
    repo = network.git
    top = gitio.top(repo)
    at_head = []
    for file in journal.files:
        committed = gitio.file_at(repo, "HEAD", file.path)
        at_head.append(committed == file.new.encode("utf-8"))
        for text, where in ((_text(top / file.path), ""), (None if committed is None else committed.decode(
                "utf-8", "replace"), " in the last commit")):
            if text not in (file.old, file.new):
                shown = display_path(top / file.path, network.root)
                raise SpreadError(
                    f"{shown} has changed{where} since the release of {journal.playbook} {journal.version} was "
                    "interrupted, so Spread cannot finish that release: to give it up, delete "
                    f"{display_path(release_journal.journal_path(repo, journal.playbook), network.root)}, make "
                    f"{display_path((top / file.path).parent, network.root)}/ what you want (`git status` shows what "
                    "changed), commit it and release again")
    return not all(at_head)


def _text(path: os.PathLike[str]) -> str | None:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except FileNotFoundError:
        return None


def _untagged(network: Network, playbook_id: str) -> str | None:
    repo = network.git
    versions = released_versions(network, playbook_id)
    version = versions[-1] if versions else None
    archived = network.releases.get((playbook_id, version)) if version else None
    if version is None or archived is None or not is_archive(archived):
        return None
    tag = gitio.tag_name(playbook_id, version)
    # A clone of part of the history usually has no tags at all: the release is not unfinished, only not here.
    if gitio.commit_of(repo, f"refs/tags/{tag}") is not None or gitio.is_shallow(repo):
        return None
    archive = gitio.relative_to_top(repo, archived.doc.path)
    for commit in gitio.commits_titled(repo, f"Release {playbook_id} {version}", archive):
        if gitio.file_at(repo, commit, archive) is not None:
            summary = gitio.message_of(repo, commit).partition("\n\n")[2].strip()
            gitio.annotated_tag(repo, tag, f"{archived.title} {version}\n\n{summary}".strip(), commit)
            return f"Finished the release of {playbook_id} {version} that was interrupted: tagged {tag} (commit " \
                   f"{commit[:7]}). {SHARE}"
    return None
