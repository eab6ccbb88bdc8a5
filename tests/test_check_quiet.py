"""`spread check` says each thing once: one summary, a count by rule after a long listing, and --errors-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run, write

PLAYBOOK = "playbooks/demo/playbook.yaml"
SITE = "fidelity/demo/leeds/site.yaml"
ERROR = f"{SITE}:5:8: error: `stage` cannot be \"instalation\": did you mean `installation`? [schema-enum]"


@pytest.fixture
def busy(run: Run, demo: Path) -> Path:
    """The demo network with one error, a half-written playbook (46 placeholders) and an edit to a released
    playbook that still says 1.0.0 (version-not-bumped): the one warning that matters among 36."""
    assert run("playbook", "new", "walking", "--repo", demo).exit_code == 0
    write(demo / "playbooks/demo/releases/1.0.0.yaml", (demo / PLAYBOOK).read_text())
    (demo / PLAYBOOK).write_text((demo / PLAYBOOK).read_text().replace("title: Led by peers", "title: Led by a peer"))
    (demo / SITE).write_text((demo / SITE).read_text().replace("stage: installation", "stage: instalation"))
    return demo


def test_a_long_listing_ends_with_a_count_by_rule_and_one_summary(run: Run, busy: Path) -> None:
    result = run("check", "--repo", busy)
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 48 and ERROR in result.stdout.splitlines()
    assert result.stderr == ("By rule:\n"
                             "  1 error in 1 file [schema-enum]\n"
                             "  46 warnings in 1 file [placeholder]\n"
                             "  1 warning in 1 file [version-not-bumped]\n"
                             "1 error and 47 warnings in 3 files.\n")


def test_errors_only_lists_the_errors_and_counts_the_warnings_it_leaves_out(run: Run, busy: Path) -> None:
    for flag in ("--errors-only", "-q"):
        result = run("check", flag, "--repo", busy)
        assert (result.exit_code, result.stdout) == (1, ERROR + "\n")
        assert result.stderr == "1 error in 1 file (47 warnings not shown: leave out --errors-only to see them).\n"
    data = json.loads(run("check", "-q", "--format", "json", "--repo", busy).stdout)
    assert (data["errors"], data["warnings"], [p["rule"] for p in data["problems"]]) == (1, 47, ["schema-enum"])


def test_errors_only_with_warnings_alone_passes_and_says_what_it_hid(run: Run, busy: Path) -> None:
    (busy / SITE).write_text((busy / SITE).read_text().replace("stage: instalation", "stage: installation"))
    result = run("check", "-q", "--repo", busy)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "No errors found (47 warnings not shown: leave out --errors-only to see them).\n"


def test_a_short_listing_has_no_count_by_rule(run: Run, demo: Path) -> None:
    for name in ("york", "hull"):
        write(demo / f"fidelity/demo/{name}/site.yaml", (demo / SITE).read_text().replace("id: leeds", f"id: {name}")
              .replace("stage: installation", "stage: instalation"))
    result = run("check", "--repo", demo)
    assert result.exit_code == 1
    assert result.stderr == "2 errors in 2 files.\n"  # not "The same problem in several files: … 2 times in 2 files"
