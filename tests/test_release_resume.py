"""`spread playbook release` stopped at any moment (kill -9) and run again: it ends as an uninterrupted release.

Each test starts from a copy of one repository: `demo` 1.0.0 released, then a new local option committed, so
the next release is 1.1.0. A release that "dies" is run in a forked child whose chosen step ends it with
`os._exit`, which, like kill -9, runs no clean-up; the loop at the end really kills a `spread` process.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner

from conftest import GIT_ENV, MINIMAL_PLAYBOOK, Run, write
from spread.cli import cli
from test_playbook_diff import PLAYBOOK, commit, edit
from test_release import OWN, status

ARGS = ["playbook", "release", "demo", "--yes", "--summary", "Circles may meet in pubs.", "--today", "2026-05-01"]
JOURNAL = ".git/spread/release-demo.json"
KILLED = 86
# Everything the release does once it has decided what to do, in order (each write is whole or nothing).
STEPS = [f"write {JOURNAL}", "write playbooks/demo/playbook.yaml", "write playbooks/demo/releases/1.1.0.yaml",
         "write playbooks/demo/CHANGELOG.md", "git add", "git commit", "git tag", f"forget {JOURNAL}"]
Snapshot = tuple[str, dict[str, tuple[str, str]], dict[str, bytes], str]


def snapshot(root: Path) -> Snapshot:
    """HEAD, each tag's object and commit, every file's bytes and what git sees as changed."""
    repo = git.Repo(root)
    # git's own listing: gitpython would also list (and choke on) a tag's lock file left by a kill
    listing = str(repo.git.for_each_ref("refs/tags", format="%(refname:strip=2) %(objectname) %(*objectname)"))
    tags = {name: (tag, commit) for name, tag, commit in (line.split(" ") for line in listing.splitlines())}
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and not set(OWN) & set(p.relative_to(root).parts)}
    result = str(repo.head.commit.hexsha), tags, files, status(repo)
    repo.close()
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, Snapshot]:
    """The repository before the release of 1.1.0, and snapshots of it before and after an uninterrupted one."""
    root = tmp_path_factory.mktemp("resume") / "repo"
    root.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        repo = git.Repo.init(root, initial_branch="main")
        with repo.config_writer() as config:
            config.set_value("commit", "gpgsign", "false")
            config.set_value("tag", "gpgsign", "false")
        repo.close()
        write(root / PLAYBOOK, MINIMAL_PLAYBOOK)
        commit(root, "Add demo")
        invoke = CliRunner().invoke
        assert invoke(cli, [*ARGS[:3], "--no-input", "--today", "2026-04-01", "--repo", str(root)]).exit_code == 0
        edit(root, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, pub]")
        commit(root, "Pubs too")
        done = shutil.copytree(root, root.parent / "done", symlinks=True)
        result = invoke(cli, [*ARGS, "--repo", str(done)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return root, snapshot(root), snapshot(done)


@pytest.fixture
def repo(template: tuple[Path, Snapshot, Snapshot], tmp_path: Path) -> Path:
    return shutil.copytree(template[0], tmp_path / "repo", symlinks=True)


def again(run: Run, root: Path) -> Any:
    return run(*ARGS, "--repo", root)


def die_at(root: Path, when: str, point: str | None, log: Path | None = None) -> int:
    """Release in a forked child that ends, with no clean-up at all, just `when` ("before"/"after") `point`.

    With `log`, the child writes there every step it took from the journal on. Returns the child's exit code."""
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            steps = _arm(root, when, point)
            cli.main([*ARGS, "--repo", str(root)], standalone_mode=False)
            if log is not None:
                log.write_text(json.dumps(steps), encoding="utf-8")
            code = 0
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _arm(root: Path, when: str, point: str | None) -> list[str]:
    """Make the steps of a release visible: each atomic write's rename, each git command, forgetting the journal."""
    steps: list[str] = []
    top = root.resolve()

    def step(label: str, moment: str) -> None:
        if steps or label == f"write {JOURNAL}":
            if moment == "before":
                steps.append(label)
            if (moment, label) == (when, point):
                os._exit(KILLED)

    def around(label: str, call: Any, *args: Any, **kwargs: Any) -> Any:
        step(label, "before")
        result = call(*args, **kwargs)
        step(label, "after")
        return result

    replace, execute, unlink = os.replace, git.cmd.Git.execute, Path.unlink
    os.replace = lambda src, dst: around(f"write {Path(os.path.relpath(dst, top)).as_posix()}", replace, src, dst)
    git.cmd.Git.execute = lambda self, command, *a, **k: (  # type: ignore[method-assign]
        execute(self, command, *a, **k) if command[1] == "cat-file"
        else around(f"git {command[1]}", execute, self, command, *a, **k))
    Path.unlink = lambda self, missing_ok=False: (  # type: ignore[method-assign]
        around(f"forget {JOURNAL}", unlink, self, missing_ok) if self.name == "release-demo.json"
        else unlink(self, missing_ok))
    return steps


def test_the_steps_of_a_release_in_order(repo: Path, template: tuple[Path, Snapshot, Snapshot],
                                         tmp_path: Path) -> None:
    assert die_at(repo, "never", None, log=tmp_path / "steps.json") == 0
    assert json.loads((tmp_path / "steps.json").read_text(encoding="utf-8")) == STEPS
    assert snapshot(repo) == template[2]


FINISHED_COMMIT = "Finished the release of demo 1.1.0 that was interrupted: committed its files (commit {sha}) " \
                  "and tagged demo/v1.1.0. Share it with `git push --follow-tags`.\n"
FINISHED_TAG = "Finished the release of demo 1.1.0 that was interrupted: tagged demo/v1.1.0 (commit {sha}). Share " \
               "it with `git push --follow-tags`.\n"
HAD_FINISHED = "The release of demo 1.1.0 that was interrupted had finished: tag demo/v1.1.0 is on commit {sha}. " \
               "Share it with `git push --follow-tags`.\n"
KILL_POINTS = [
    ("before", f"write {JOURNAL}", None),  # its temporary file is all there is: nothing has started
    ("after", f"write {JOURNAL}", FINISHED_COMMIT),
    *((moment, f"write playbooks/demo/{name}", FINISHED_COMMIT) for name in
      ("playbook.yaml", "releases/1.1.0.yaml", "CHANGELOG.md") for moment in ("before", "after")),
    ("after", "git add", FINISHED_COMMIT),
    ("after", "git commit", FINISHED_TAG),
    ("after", "git tag", HAD_FINISHED),
]


@pytest.mark.parametrize(("when", "point", "message"), KILL_POINTS, ids=[f"{w} {p}" for w, p, _ in KILL_POINTS])
def test_a_release_killed_at_each_step_is_finished_by_the_next_run(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot], when: str, point: str,
        message: str | None) -> None:
    _, old, new = template
    assert die_at(repo, when, point) == KILLED
    killed = snapshot(repo)
    result = again(run, repo)
    assert result.exit_code == 0, result.output
    if message is None:  # nothing had started: the run is an ordinary release
        assert killed == old and not (repo / JOURNAL).exists()
        assert result.output.splitlines()[-1].startswith(f"Released demo 1.1.0: commit {new[0][:7]}, tag demo/v1.1.0.")
    else:
        assert killed != new or point == "git tag"
        assert result.output == message.format(sha=new[0][:7])
    assert snapshot(repo) == new
    assert not (repo / ".git/spread").exists() or not any((repo / ".git/spread").iterdir())


def test_killed_after_forgetting_the_journal_the_release_is_complete(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    assert die_at(repo, "after", f"forget {JOURNAL}") == KILLED
    assert snapshot(repo) == template[2]
    assert again(run, repo).output == ("Error: nothing in playbooks/demo/playbook.yaml has changed since version "
                                       "1.1.0: there is nothing to release\n")


def test_a_commit_stopped_before_it_wrote_the_index_is_tagged_once_its_lock_is_deleted(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    """git moves the branch, then renames index.lock over the index: killed between the two, it leaves the lock
    and the index as it was before the commit."""
    assert die_at(repo, "after", "git commit") == KILLED
    paths = ["playbooks/demo/playbook.yaml", "playbooks/demo/releases/1.1.0.yaml", "playbooks/demo/CHANGELOG.md"]
    git.Repo(repo).git.reset("-q", "HEAD~1", "--", *paths)
    lock = repo / ".git/index.lock"
    lock.write_bytes(b"")
    result = again(run, repo)
    assert result.exit_code == 1
    assert result.output == (f"Error: git could not update the index: {lock} exists, so another git command is "
                             "running in this repository, or one was stopped before it finished. If none is "
                             "running, delete it, then try again\n")
    assert "demo/v1.1.0" not in [t.name for t in git.Repo(repo).tags] and (repo / JOURNAL).is_file()
    lock.unlink()
    assert again(run, repo).output == FINISHED_TAG.format(sha=template[2][0][:7])
    assert snapshot(repo) == template[2]


def test_a_release_commit_left_without_its_tag_and_without_a_journal_is_tagged(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    """What Spread left before it kept a journal, stopped between its commit and its tag: the next run said
    there was nothing to release, and the version was never tagged."""
    assert again(run, repo).exit_code == 0
    git.Repo(repo).git.tag("-d", "demo/v1.1.0")
    write(repo / "docs/notes.md", "Work since the release.\n")
    commit(repo, "Notes")  # work committed on top: the release commit is no longer HEAD
    result = again(run, repo)
    assert result.output == FINISHED_TAG.format(sha=template[2][0][:7])
    tags = snapshot(repo)[1]
    assert tags == template[2][1]  # the same tag object as an uninterrupted release: message, commit, date


def test_a_shallow_clone_without_tags_is_not_tagged(run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot],
                                                     tmp_path: Path) -> None:
    assert again(run, repo).exit_code == 0
    clone = tmp_path / "clone"
    git.Repo.clone_from(f"file://{repo}", clone, depth=1, no_tags=True).close()
    result = again(run, clone)
    assert result.output == ("Error: nothing in playbooks/demo/playbook.yaml has changed since version 1.1.0: there "
                             "is nothing to release\n")
    assert snapshot(clone)[1] == {}


def test_a_file_changed_after_the_kill_stops_the_finish_and_says_how_to_give_it_up(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    assert die_at(repo, "after", "write playbooks/demo/releases/1.1.0.yaml") == KILLED
    log = repo / "playbooks/demo/CHANGELOG.md"
    log.write_text(log.read_text(encoding="utf-8") + "\nOur own note.\n", encoding="utf-8")
    before = snapshot(repo)
    result = again(run, repo)
    assert result.exit_code == 1
    assert result.output == (
        "Error: playbooks/demo/CHANGELOG.md has changed since the release of demo 1.1.0 was interrupted, so Spread "
        "cannot finish that release: to give it up, delete .git/spread/release-demo.json, make playbooks/demo/ "
        "what you want (`git status` shows what changed), commit it and release again\n")
    assert snapshot(repo) == before
    (repo / JOURNAL).unlink()
    git.Repo(repo).git.checkout("--", "playbooks/demo")
    (repo / "playbooks/demo/releases/1.1.0.yaml").unlink()
    assert again(run, repo).exit_code == 0
    assert snapshot(repo) == template[2]


def test_a_finish_whose_commit_fails_puts_everything_back(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    assert die_at(repo, "after", "write playbooks/demo/playbook.yaml") == KILLED
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'no releases on Fridays' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    result = again(run, repo)
    assert result.output == "Error: git could not make the commit (no releases on Fridays)\n"
    assert snapshot(repo) == template[1] and not (repo / JOURNAL).exists()


def test_an_unreadable_journal_says_what_to_do(run: Run, repo: Path) -> None:
    write(repo / JOURNAL, '{"format": 1, "playbook": "demo"')
    result = again(run, repo)
    assert result.exit_code == 1
    assert result.output == (
        "Error: .git/spread/release-demo.json, the record of a release of `demo` that did not finish, cannot be "
        "read: delete it, make the playbook's folder what you want (`git status` shows what changed), then release "
        "again\n")


def test_a_lock_left_by_git_stops_the_release_and_the_run_after_deleting_it_finishes(
        run: Run, repo: Path, template: tuple[Path, Snapshot, Snapshot]) -> None:
    lock = repo / ".git/index.lock"
    lock.write_bytes(b"")
    result = again(run, repo)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: git could not make the commit: {lock} exists, so another git command is running in this "
        "repository, or one was stopped before it finished. If none is running, delete it, then try again")
    assert snapshot(repo) == template[1]
    lock.unlink()
    assert again(run, repo).output == FINISHED_COMMIT.format(sha=template[2][0][:7])
    assert snapshot(repo) == template[2]


# Real kill -9 of a real `spread` process (and every git process it started), at random moments.
LOCKS = re.compile(r": (/.+?) exists?, so another git command is running")


def test_kill_9_at_random_moments_leaves_the_old_state_or_one_the_next_run_finishes(
        run: Run, template: tuple[Path, Snapshot, Snapshot], tmp_path: Path) -> None:
    _, old, new = template
    seed = random.randrange(1 << 32)
    rng = random.Random(seed)
    for i in range(8):
        root = shutil.copytree(template[0], tmp_path / f"repo{i}", symlinks=True)
        process = subprocess.Popen([sys.executable, "-m", "spread", *ARGS, "--repo", str(root)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if i % 2:  # anywhere in the run, starting Python and reading the repository included
            time.sleep(rng.uniform(0, 1.5))
        else:  # somewhere in the writes, the commit or the tag
            while process.poll() is None and not (root / JOURNAL).exists():
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.1))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        after = snapshot(root)
        kind = "old" if after == old else "new" if after == new and not (root / JOURNAL).exists() else "resumable"
        assert kind != "resumable" or (root / JOURNAL).is_file(), f"seed {seed}: neither old, new nor resumable"
        for _ in range(3):
            result = again(run, root)
            locks = LOCKS.search(result.output)
            if locks is None:
                break
            for lock in re.split(r", | and ", locks.group(1)):  # as the message says, when no git command runs
                Path(lock).unlink()
        assert kind == "new" or result.exit_code == 0, f"seed {seed}: {result.output}"
        assert snapshot(root) == new, f"seed {seed}: after a kill in the {kind} state, the next run did not finish"
