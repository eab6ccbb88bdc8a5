"""`spread playbook diff` and the version warnings of `spread check`, on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from conftest import MINIMAL_PLAYBOOK, Run, write

PLAYBOOK = "playbooks/demo/playbook.yaml"


def commit(root: Path, message: str = "edit", tag: str | None = None) -> str:
    repo = git.Repo(root)
    repo.git.add("-A")
    repo.git.commit("-m", message)
    if tag:
        repo.git.tag("-a", tag, "-m", tag)
    sha = str(repo.head.commit.hexsha)
    repo.close()
    return sha


def edit(root: Path, old: str, new: str) -> None:
    path = root / PLAYBOOK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def released(git_repo: Path) -> Path:
    """A repository whose playbook `demo` 1.0.0 is committed and tagged."""
    write(git_repo / PLAYBOOK, MINIMAL_PLAYBOOK)
    commit(git_repo, "demo 1.0.0", tag="demo/v1.0.0")
    return git_repo


def rules(run: Run, root: Path, *args: str) -> list[tuple[str, str]]:
    result = run("playbook", "diff", "demo", *args, "--format", "json", "--repo", root)
    assert result.exit_code == 0, result.output
    return [(c["rule"], c["bump"]) for c in json.loads(result.output)["changes"]]


SERIES = [
    ("title: Led by peers", "title: Led by trained peers", [("core-wording", "patch")]),
    ("options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, community-centre]",
     [("local-option-added", "minor")]),
    ("    max_length: 20\n", "", [("local-max-length-raised", "minor")]),
    ("      expected: Meets every fortnight.", "      expected: Meets every week.", [("core-practice-changed", "major")]),
    ("    prohibited: [paid venues]", "    prohibited: [paid venues, pubs]", [("local-prohibited-added", "major")]),
    ("  frequency: quarterly", "  frequency: yearly", [("instrument-frequency-changed", "major")]),
    ("summary: A small programme used in tests.", "summary: Small circles.", [("playbook-wording", "patch")]),
]


def test_a_series_of_edits_each_diffed_against_the_commit_before(run: Run, released: Path) -> None:
    for old, new, expected in SERIES:
        edit(released, old, new)
        assert rules(run, released, "HEAD", "working") == expected
        commit(released)
    # The default is the latest release against the working file: everything since the tag.
    assert len(rules(run, released)) == len(SERIES)
    assert rules(run, released, "demo/v1.0.0", "HEAD~6") == SERIES[0][2]


def test_text_output_lists_each_change_and_the_release_it_needs(run: Run, released: Path) -> None:
    edit(released, "title: Led by peers", "title: Led by trained peers")
    edit(released, "options: [library, gp-surgery, online]", "options: [library, gp-surgery]")
    result = run("playbook", "diff", "demo", "--repo", released)
    assert result.exit_code == 0
    assert result.output == (
        "Changes to demo from 1.0.0 to the working file (1.0.0):\n"
        "  patch  Core component `peer-led` (Led by trained peers): new wording for the title. [core-wording]\n"
        "  major  Local component `venue` (Where circles meet): `online` is no longer allowed. [local-option-removed]\n"
        "\n"
        "These changes need a major release (1 major, 1 patch). The version is still 1.0.0: release it with "
        "`spread playbook release demo`.\n")


def test_a_version_bumped_too_little_is_pointed_out(run: Run, released: Path) -> None:
    edit(released, "options: [library, gp-surgery, online]", "options: [library, gp-surgery]")
    edit(released, "version: 1.0.0", "version: 1.1.0")
    result = run("playbook", "diff", "demo", "1.0.0", "--repo", released)
    assert result.output.splitlines()[-1] == (
        "These changes need a major release (1 major). But 1.0.0 to 1.1.0 is only a minor release: the version "
        "should go to a new major version.")


def test_markdown_and_json(run: Run, released: Path) -> None:
    edit(released, "title: Where circles meet", "title: Where | circles meet")
    result = run("playbook", "diff", "demo", "--format", "markdown", "--repo", released)
    assert result.output == (
        "### Changes to `demo` from 1.0.0 to the working file (1.0.0)\n\n"
        "These changes need a patch release (1 patch). The version is still 1.0.0: release it with "
        "`spread playbook release demo`.\n\n"
        "| Needs | What changed | Rule |\n|---|---|---|\n"
        "| patch | Local component `venue` (Where \\| circles meet): new wording for the title. | `local-wording` |\n")
    data = json.loads(run("playbook", "diff", "demo", "--format", "json", "--repo", released).output)
    assert data["from"] == {"name": "1.0.0", "version": "1.0.0"}
    assert data["to"] == {"name": "the working file (1.0.0)", "version": "1.0.0"}
    assert data["needed"] == "patch"
    assert data["changes"][0]["subject"] == "venue"


def test_two_identical_versions_have_no_changes(run: Run, released: Path) -> None:
    result = run("playbook", "diff", "demo", "v1.0.0", "working", "--repo", released)
    assert result.output == "No changes between 1.0.0 and the working file (1.0.0).\n"


def test_a_repository_with_no_tags_says_there_is_nothing_released(run: Run, git_repo: Path) -> None:
    write(git_repo / PLAYBOOK, MINIMAL_PLAYBOOK)
    commit(git_repo)
    result = run("playbook", "diff", "demo", "--repo", git_repo)
    assert result.exit_code == 1
    assert result.output == (
        "Error: `demo` has no released version yet (no git tag demo/v… and nothing in playbooks/demo/releases/): "
        "give FROM and TO, or make the first release with `spread playbook release demo`\n")
    assert rules(run, git_repo, "HEAD", "working") == []


def test_outside_git_versions_come_from_releases_and_commits_cannot_be_named(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    edit(demo, "version: 1.0.0", "version: 1.1.0")
    edit(demo, "    max_length: 20\n", "")
    assert rules(run, demo) == [("local-max-length-raised", "minor")]
    result = run("playbook", "diff", "demo", "3f2a9c1", "--repo", demo)
    assert result.exit_code == 2  # a name on the command line that is not there: a wrong argument
    assert result.output == (
        f"Error: `3f2a9c1` is not a version of `demo`, and {demo.resolve()} is not in a git repository, so it cannot "
        "be a tag or commit: use a version such as `1.0.0`, or `working`\n")


def test_unknown_names_say_what_exists(run: Run, released: Path) -> None:
    result = run("playbook", "diff", "demo", "2.0.0", "--repo", released)
    assert result.output == (
        "Error: version 2.0.0 of `demo` was not found (no git tag demo/v2.0.0 and no "
        "playbooks/demo/releases/2.0.0.yaml): known versions are `1.0.0`, or `working`\n")
    result = run("playbook", "diff", "demo", "nonsense", "--repo", released)
    assert result.output == (
        "Error: `nonsense` is not a version, tag or commit where playbooks/demo/playbook.yaml exists and is valid: "
        "known versions are `1.0.0`, or use `working`\n")
    result = run("playbook", "diff", "dmeo", "--repo", released)
    assert result.output.startswith("Error: there is no playbook `dmeo` in ")


def test_the_example_network_shows_what_peer_diabetes_2_changed(run: Run, example: Path) -> None:
    result = run("playbook", "diff", "peer-diabetes", "1.0.0", "working", "--format", "json", "--repo", example)
    data = json.loads(result.output)
    found = {(c["rule"], c["subject"]) for c in data["changes"]}
    assert {("core-added", "clinical-link"), ("local-option-removed", "rhythm"), ("local-added", "language"),
            ("item-added", "SL3"), ("instrument-bands-changed", "fidelity"), ("goal-changed", "E1")} <= found
    assert data["needed"] == "major"
    text = run("playbook", "diff", "peer-diabetes", "1.0.0", "--repo", example).output
    assert text.startswith("Changes to peer-diabetes from 1.0.0 to the working file (2.0.0):\n")
    assert "New core component `clinical-link` (A named clinical link). [core-added]" in text
    assert "`six-weekly` is no longer allowed. [local-option-removed]" in text
    assert text.splitlines()[-1].startswith("These changes need a major release")


def test_check_warns_when_a_released_playbook_changed_without_a_new_version(run: Run, released: Path) -> None:
    assert run("check", "--repo", released).exit_code == 0
    edit(released, "title: Led by peers", "title: Led by trained peers")
    result = run("check", "--repo", released)
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "playbooks/demo/playbook.yaml:3:10: warning: this playbook has changed since version 1.0.0 was released "
        "(1 change, needing a patch release) but still says 1.0.0: release it with `spread playbook release demo` "
        "(see what changed with `spread playbook diff demo`) [version-not-bumped]")
    edit(released, "version: 1.0.0", "version: 1.0.1")
    assert "version-not-bumped" not in run("check", "--repo", released).output


def test_check_compares_with_the_archived_release_when_there_are_no_tags(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    assert "version-not-bumped" not in run("check", "--repo", demo).output
    edit(demo, "status: active", "status: retired")
    assert "[version-not-bumped]" in run("check", "--repo", demo).output


def test_check_warns_about_a_site_two_major_versions_behind(run: Run, demo: Path) -> None:
    write(demo / "playbooks/demo/releases/1.0.0.yaml", MINIMAL_PLAYBOOK)
    write(demo / "playbooks/demo/releases/2.0.0.yaml", MINIMAL_PLAYBOOK.replace("1.0.0", "2.0.0"))
    assert "site-behind-major" not in run("check", "--repo", demo).output
    edit(demo, "version: 1.0.0", "version: 3.0.0")
    result = run("check", "--repo", demo)
    assert (
        "fidelity/demo/leeds/site.yaml:3:31: warning: this site runs version 1.0.0 of `demo`, more than one major "
        "version behind the newest (3.0.0): see what would change with `spread site upgrade demo/leeds --dry-run` "
        "[site-behind-major]") in result.output.splitlines()
