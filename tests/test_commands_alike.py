"""Every command follows the same table of exit codes (ARCHITECTURE.md): a name that is not there is a wrong
argument (2), a wrong date is worded the same by every date option, "no" changes nothing (0), Ctrl+C is 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import click
import git
import pytest

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, Run, write
from spread.cli import cli
from spread.commands.options import Day


@pytest.fixture
def committed(git_repo: Path) -> Path:
    """The demo network (playbook, site, audit), committed; playbook demo 1.0.0 archived as released."""
    write(git_repo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    write(git_repo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    write(git_repo / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    write(git_repo / "fidelity/demo/leeds/audits/2026-Q2.yaml", MINIMAL_AUDIT)
    repo = git.Repo(git_repo)
    repo.git.add("-A")
    repo.git.commit("-m", "demo")
    repo.close()
    return git_repo


def head_and_tags(root: Path) -> tuple[str, list[str]]:
    repo = git.Repo(root)
    try:
        return str(repo.head.commit.hexsha), sorted(t.name for t in repo.tags)
    finally:
        repo.close()


# Each command, given a playbook, site or version that the repository does not have.
UNKNOWN = [
    (("audit", "score", "demo/york"), "no site `demo/york` was found"),
    (("audit", "new", "demo/york"), "no site `demo/york` was found"),
    (("site", "upgrade", "demo/york"), "no site `demo/york` was found"),
    (("site", "upgrade", "demo/leeds", "--to", "9.9.9"), "version 9.9.9 of `demo` was not found"),
    (("site", "new", "nope", "york"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("site", "new", "demo", "york", "--version", "9.9.9"), "version 9.9.9 of `demo` was not found"),
    (("report", "nope"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("playbook", "diff", "nope"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("playbook", "diff", "demo", "9.9.9"), "version 9.9.9 of `demo` was not found"),
    (("playbook", "diff", "demo", "1.0.0", "no-such-tag"), "`no-such-tag` is not a version, tag or commit"),
    (("playbook", "release", "nope", "--yes"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("list", "nope"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("review", "new", "nope/readiness"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("review", "score", "nope/readiness"), "there is no playbook `nope` in playbooks/: the playbooks here are `demo`"),
    (("review", "new", "demo/readiness"), "playbook `demo` declares no review `readiness`: it declares no review yet"),
]


@pytest.mark.parametrize(("args", "message"), UNKNOWN, ids=[" ".join(a) for a, _ in UNKNOWN])
def test_a_name_that_is_not_there_is_a_wrong_argument_for_every_command(
        run: Run, committed: Path, args: tuple[str, ...], message: str) -> None:
    before = head_and_tags(committed)
    result = run(*args, "--repo", committed)
    assert result.exit_code == 2, result.output
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: ") and message in last
    assert result.stdout == ""
    assert head_and_tags(committed) == before


DATED = [("check",), ("report",), ("publish",), ("serve",), ("site", "new", "demo", "york"),
         ("site", "upgrade", "demo/leeds"), ("audit", "new", "demo/leeds"), ("playbook", "release", "demo"),
         ("review", "new", "demo/readiness")]


@pytest.mark.parametrize("args", DATED, ids=[" ".join(a) for a in DATED])
@pytest.mark.parametrize(("day", "message"), [
    ("2026-02-30", "\"2026-02-30\" is not a real date: write it as YYYY-MM-DD, for example 2026-11-30"),
    ("20261130", "\"20261130\" is not a real date: write it as YYYY-MM-DD, for example 2026-11-30"),
    ("30/11/2026", "\"30/11/2026\" is not a real date: write it as YYYY-MM-DD, for example 2026-11-30"),
    ("3026-01-01", "3026-01-01 is too far from now: give a day from 1900-01-01 to 2999-12-31"),
])
def test_every_date_option_words_a_wrong_date_the_same_way(run: Run, committed: Path, args: tuple[str, ...],
                                                          day: str, message: str) -> None:
    result = run(*args, "--today", day, "--repo", committed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--today': {message}"


def commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command of the command line, by the words that run it."""
    found = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found += commands(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


def test_every_date_option_is_of_the_one_day_type() -> None:
    dated = {words: [p.name for p in command.params if isinstance(p.type, Day)] for words, command in commands()}
    for words, command in commands():
        for param in command.params:
            assert not isinstance(param.type, click.DateTime), (words, param.name)
    assert {words for words, names in dated.items() if names} >= {tuple(a[:2]) if a[0] in ("site", "audit", "playbook", "review")
                                                                  else a for a in DATED}


# The fewest arguments each command parses without complaint; the command itself is replaced.
ARGS = {("init",): (), ("check",): (), ("playbook", "new"): ("x",), ("playbook", "diff"): ("x",),
        ("playbook", "release"): ("x",), ("site", "new"): ("x", "y"), ("site", "upgrade"): ("x/y",),
        ("audit", "new"): ("x/y",), ("audit", "import"): ("x.yaml",), ("audit", "score"): ("x/y",), ("report",): (),
        ("publish",): (), ("serve",): (), ("list",): (), ("review", "new"): ("x/y",), ("review", "score"): ("x/y",)}


def test_ctrl_c_stops_every_command_with_130_in_one_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    everything = commands()
    assert {words for words, _ in everything} == set(ARGS)  # a new command joins this test
    for words, command in everything:
        monkeypatch.setattr(command, "callback", interrupted)
        result = run(*words, *ARGS[words])
        assert (result.exit_code, result.stdout, result.stderr) == (130, "", "\nStopped (Ctrl+C).\n"), words


def test_contradictory_bump_flags_are_refused_before_anything_happens(run: Run, committed: Path) -> None:
    before = head_and_tags(committed)
    result = run("playbook", "release", "demo", "--patch", "--major", "--yes", "--repo", committed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: --major and --patch ask for different releases: give one of "
                                              "--major, --minor or --patch, or none to let Spread choose")
    assert head_and_tags(committed) == before
    assert run("playbook", "release", "demo", "--minor", "--minor", "--yes", "--repo", committed).exit_code != 2


def test_no_at_a_confirmation_changes_nothing_and_is_not_a_failure(run: Run, committed: Path) -> None:
    playbook = committed / "playbooks/demo/playbook.yaml"
    playbook.write_text(playbook.read_text().replace("title: Demo circles", "title: Demo peer circles"))
    repo = git.Repo(committed)
    repo.git.commit("-am", "wording")
    repo.close()
    before = head_and_tags(committed), playbook.read_bytes()
    result = run("playbook", "release", "demo", "--summary", "Clearer title.", "--repo", committed, input="n\n")
    assert result.exit_code == 0
    assert result.stderr == "Nothing was changed.\n"
    assert "Write playbooks/demo/playbook.yaml" in result.stdout and "[Y/n]: n\n" in result.stdout
    assert (head_and_tags(committed), playbook.read_bytes()) == before


def test_ctrl_c_at_a_real_question_exits_130(committed: Path) -> None:
    """A real process and a real SIGINT at the first question of `spread site new`."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "spread", "site", "new", "demo", "york", "--repo",
                                str(committed)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    shown = b""
    while not shown.endswith(b": "):  # the first question is on screen, waiting for an answer
        byte = process.stdout.read(1)
        assert byte, shown.decode()
        shown += byte
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (shown + out + err).decode()
    assert err.decode().splitlines()[-1] == "Stopped (Ctrl+C) before writing anything: nothing was changed."
    assert "Traceback" not in err.decode()
    assert not (committed / "fidelity/demo/york").exists()

