"""Ordinary failures read as plain one-line problems with the right exit code, never as "an unexpected problem":
a full disk, a read-only folder, a name too long, a folder in the way; ids, periods and days Spread cannot
use (too long, a Windows device name, other scripts' digits, years 0 or 9999); answers that are a device,
too large, binary or not a mapping. Nothing half-written and no temporary file is left behind."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from datetime import date
from pathlib import Path

import pytest

from conftest import MINIMAL_AUDIT, Run, write
from spread.model import periods

ANSWERS = """
name: York Circles
host: {name: York CVS, type: charity}
choices:
  name: {choice: York Circle, reason: The members chose it.}
"""
TODAY = "2026-11-20"
ENVIRONMENT = {
    errno.ENOSPC: "the disk is full: free some space and run the command again",
    errno.EROFS: "the disk is read-only: work in a copy you can write to, and run the command again",
    errno.EACCES: "permission denied: check who may read and write it (and its folder), then run the command again",
    errno.EDQUOT: "your disk quota is used up: free some space and run the command again",
}


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def plain(output: str) -> str:
    """The output, once checked to be no traceback and no call to report a bug."""
    assert "Traceback" not in output and "unexpected" not in output and "report it" not in output, output
    return output


def new_site(run: Run, demo: Path, *extra: str | Path) -> tuple[int, str]:
    """Set up a site from an answers file, inside the repository: (exit code, the last line of the output)."""
    answers = demo.parent / "answers.yaml"
    if not answers.exists():
        write(answers, ANSWERS)
    result = run("site", "new", "demo", "york", "--answers", answers, "--no-input", "--today", TODAY, *extra, cwd=demo)
    return result.exit_code, plain(result.output).splitlines(keepends=True)[-1]


@pytest.mark.parametrize("code", sorted(ENVIRONMENT))
def test_a_write_the_system_refuses_is_one_line_and_leaves_nothing(run: Run, demo: Path, code: int,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = files(demo)

    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)  # after the text is written to the temporary file, before the rename
    assert new_site(run, demo) == (1, f"Error: fidelity/demo/york/site.yaml: {ENVIRONMENT[code]}\n")
    assert files(demo) == before  # no temporary file, no half-written site.yaml


def test_a_disk_that_fills_after_the_first_file_takes_that_file_back(run: Run, demo: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before, real, calls = files(demo), os.fsync, []

    def fill_up(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fill_up)
    assert new_site(run, demo) == (1, f"Error: fidelity/demo/york/README.md: {ENVIRONMENT[errno.ENOSPC]}\n")
    assert files(demo) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder(run: Run, demo: Path) -> None:
    fidelity = demo / "fidelity/demo"
    fidelity.chmod(0o555)
    try:
        code, output = new_site(run, demo)
    finally:
        fidelity.chmod(0o755)
    assert (code, output) == (1, f"Error: fidelity/demo/york: {ENVIRONMENT[errno.EACCES]}\n")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 kB file system (tmpfs), where the machine lets the tests mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True,
                      check=False).returncode:
        pytest.skip("mounting a small file system needs root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_real_full_disk_then_a_real_read_only_one(run: Run, demo: Path, small_disk: Path) -> None:
    root = small_disk / "demo"
    shutil.copytree(demo, root)
    write(small_disk / "answers.yaml", ANSWERS)
    with open(small_disk / "filler", "wb", buffering=0) as filler, suppress(OSError):
        while True:
            filler.write(b"x" * 4096)
    before = files(root)
    assert new_site(run, root) == (1, f"Error: fidelity/demo/york/site.yaml: {ENVIRONMENT[errno.ENOSPC]}\n")
    assert files(root) == before
    (small_disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert new_site(run, root) == (1, f"Error: fidelity/demo/york/site.yaml: {ENVIRONMENT[errno.EROFS]}\n")
    assert files(root) == before


def test_output_sent_to_a_full_disk(demo: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "spread", "report", "--repo", str(demo), "--today", TODAY],
                              stdout=full, stderr=subprocess.PIPE, text=True, check=False)
    assert (done.returncode, plain(done.stderr)) == (1, f"Error: Spread's output: {ENVIRONMENT[errno.ENOSPC]}\n")


def test_a_folder_too_long_for_the_file_system(run: Run, demo: Path) -> None:
    into = Path("x" * 300)
    assert new_site(run, demo, "--into", into) == (
        1, f"Error: {'x' * 300}/site.yaml: the name is too long for the file system: choose a shorter name or folder\n")


def test_a_folder_where_the_site_file_should_be(run: Run, demo: Path) -> None:
    (demo / "fidelity/demo/york/site.yaml").mkdir(parents=True)
    assert new_site(run, demo, "--force") == (1, "Error: fidelity/demo/york/site.yaml: this is a folder where a file "
                                                 "was expected: give a file, or move the folder out of the way\n")


@pytest.mark.parametrize(("site_id", "fix"), [
    ("a" * 300, "use lower-case letters, digits and single hyphens, at most 60 characters (this one has 300), like "
                "`leeds-north`"),
    ("nul", "Windows keeps `nul` for a device (as it keeps con, prn, aux, nul, com1-com9 and lpt1-lpt9), so no folder "
            "can have that name: choose another, like `leeds-north`"),
    ("com1", "Windows keeps `com1` for a device"),
    ("ｌｅｅｄｓ", "use lower-case letters, digits and single hyphens, like `leeds-north`"),
    ("leeds\n", "use lower-case letters, digits and single hyphens, like `leeds-north`"),
])
def test_an_id_that_cannot_name_a_folder_everywhere_is_refused(run: Run, demo: Path, site_id: str, fix: str) -> None:
    before = files(demo)
    result = run("site", "new", "demo", site_id, "--no-input", "--repo", demo)
    assert result.exit_code == 2
    assert fix in plain(result.stderr).splitlines()[-1]
    assert files(demo) == before


@pytest.mark.parametrize("playbook_id", ["con", "lpt9", "a" * 61])
def test_a_playbook_id_that_cannot_name_a_folder_is_refused(run: Run, demo: Path, playbook_id: str) -> None:
    result = run("playbook", "new", playbook_id, "--repo", demo)
    assert result.exit_code == 2
    assert f"Error: `{playbook_id}` cannot be a playbook id: " in plain(result.stderr)


@pytest.mark.parametrize(("args", "message"), [
    (("report", "--today", "9999-12-31"), "Invalid value for '--today': 9999-12-31 is too far from now: give a day "
                                          "from 1900-01-01 to 2999-12-31"),
    (("report", "--today", "0001-01-01"), "Invalid value for '--today': 0001-01-01 is too far from now"),
    (("audit", "new", "demo/leeds", "--today", "9999-12-31"), "Invalid value for '--today': 9999-12-31"),
    (("publish", "--today", "0001-01-01"), "Invalid value for '--today': 0001-01-01"),
    (("site", "new", "demo", "york", "--today", "0001-01-01"), "Invalid value for '--today': 0001-01-01"),
    (("audit", "new", "demo/leeds", "--period", "9999-Q4"), "Invalid value for '--period': 9999-Q4 is too far from "
                                                            "now: give a period in the years 1900 to 2999"),
    (("audit", "new", "demo/leeds", "--period", "0000-Q1"), "Invalid value for '--period': 0000-Q1 is too far"),
    (("audit", "new", "demo/leeds", "--period", "２０２６-Q1"), "Invalid value for '--period': ２０２６-Q1 is not a "
                                                              "period: write a year with a quarter (2026-Q3)"),
    (("audit", "new", "demo/leeds", "--period", "٢٠٢٦-Q1"), "٢٠٢٦-Q1 is not a period"),
])
def test_days_and_periods_out_of_reach_are_wrong_invocations(run: Run, demo: Path, args: tuple[str, ...],
                                                             message: str) -> None:
    before = files(demo)
    result = run(*args, "--repo", demo)
    assert result.exit_code == 2
    assert message in plain(result.stderr).splitlines()[-1]
    assert files(demo) == before


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(3000, 1, 1), date(9999, 12, 31)])
def test_deadlines_on_any_day_stay_inside_the_calendar(day: date) -> None:
    for frequency in periods.FREQUENCY_MONTHS:
        due = periods.due(frequency, day)
        assert periods.bounds(due)[0].year in (1898, 1899, 2998, 2999)
        assert periods.is_overdue("2026-Q3", frequency, day) == (day.year > 2999)
        assert periods.bounds(periods.containing(day, frequency))[1] >= day


@pytest.mark.parametrize(("period", "shown"), [("9999-Q4", "\"9999-Q4\""), ("0000-Q1", "\"0000-Q1\""),
                                               ("２０２６-Q2", "\"２０２６-Q2\""), ("1899-12", "\"1899-12\"")])
def test_a_period_out_of_reach_in_a_file_is_a_problem_for_every_command(run: Run, demo: Path, period: str,
                                                                         shown: str) -> None:
    write(demo / f"fidelity/demo/leeds/audits/{period}.yaml", MINIMAL_AUDIT.replace("2026-Q2", period))
    check = run("check", "--repo", demo)
    assert check.exit_code == 1
    assert (f"fidelity/demo/leeds/audits/{period}.yaml:3:9: error: `period` is {shown}: write the period as a year "
            "from 1900 to 2999 with a quarter (2026-Q3), half (2026-H2) or month (2026-09), or a year alone (2026) "
            "[schema-pattern]") in plain(check.stdout)
    for args in (("report", "--today", TODAY), ("audit", "score", "demo/leeds"), ("audit", "new", "demo/leeds")):
        assert plain(run(*args, "--repo", demo).output)


@pytest.mark.parametrize(("kind", "path", "old", "new"), [
    ("site", "fidelity/demo/leeds/site.yaml", "id: leeds", "id: nul"),
    ("site", "fidelity/demo/leeds/site.yaml", "id: leeds", "id: " + "a" * 61),
    ("site", "fidelity/demo/leeds/site.yaml", "id: leeds", 'id: "leeds\\n"'),
    ("audit", "fidelity/demo/leeds/audits/2026-Q2.yaml", "playbook: {id: demo,", "playbook: {id: con,"),
])
def test_an_id_that_cannot_name_a_folder_is_a_problem_in_a_file(run: Run, demo: Path, kind: str, path: str, old: str,
                                                                new: str) -> None:
    file = demo / path
    file.write_text(file.read_text().replace(old, new))
    result = run("check", "--repo", demo)
    assert result.exit_code == 1
    assert "at most 60 characters, like `peer-led` (not a name Windows keeps for a device: con, prn, aux, nul, " \
           "com1-com9, lpt1-lpt9) [schema-pattern]" in plain(result.stdout)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # a Spread that reads /dev/zero fails, not the machine


def test_answers_from_a_device_or_a_pipe_are_refused_before_reading(demo: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "answers.pipe"
    os.mkfifo(pipe)
    for source in ("/dev/zero", pipe.as_posix()):
        # In a process of its own, with a memory limit and a time limit: reading either would never end.
        done = subprocess.run([sys.executable, "-m", "spread", "site", "new", "demo", "york", "--repo", str(demo),
                               "--answers", source, "--no-input"], capture_output=True, text=True, timeout=120,
                              preexec_fn=_limited, check=False)
        assert done.returncode == 2
        assert plain(done.stderr).endswith(f"Error: Invalid value for '--answers': {source} is not a file but a "
                                           "device, a pipe or a socket: give the path of a YAML file of answers\n")


@pytest.mark.parametrize(("content", "message"), [
    (b"name: " + b"x" * (1024 * 1024) + b"\n", "this file is 1.0 MB; Spread reads files up to 1 MB. Is it the right "
                                              "file? [file-too-large]"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a binary file, not YAML text: check you saved the right file "
                                           "[file-binary]"),
    (b"- York Circles\n- York CVS\n", "an answers file should be a mapping of fields (`name: \u2026`, `choices: "
                                      "\u2026`): see `spread site new --help` [answers-text]"),
])
def test_answers_too_large_binary_or_not_a_mapping(run: Run, demo: Path, tmp_path: Path, content: bytes,
                                                   message: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(content)
    before = files(demo)
    result = run("site", "new", "demo", "york", "--repo", demo, "--answers", answers, "--no-input")
    assert result.exit_code == 1
    assert plain(result.stderr).endswith(f"{answers.as_posix()}:1:1: error: {message}\n"
                                    f"Error: {answers.as_posix()}: 1 problem in the answers: nothing was written\n")
    assert files(demo) == before
