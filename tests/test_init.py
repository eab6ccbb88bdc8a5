"""`spread init`: a new handbook repository that passes `spread check` and builds, and never loses a user's file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
from ruamel.yaml import YAML

from conftest import REPO, Run, write
from spread.adopt.init import SPREAD_INSTALL, plan
from spread.model.schemas import KINDS, schema_text

EXAMPLE = "playbooks/walking-groups/playbook.yaml"
MODELINE = "# yaml-language-server: $schema="


def load(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text())


def test_a_new_handbook_passes_spread_check(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "our-handbook"
    result = run("init", target)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Created a Spread handbook in {target.as_posix()}:\n")
    assert "Started a git repository (branch main)." in result.stdout
    for rel in plan():
        assert (target / rel).is_file(), rel
        assert f"  {rel}\n" in result.stdout
    repo = git.Repo(target)
    assert repo.head.reference.name == "main"
    repo.close()

    checked = run("check", cwd=target)
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == ""
    assert checked.stderr.strip().endswith("No problems found.")


def test_it_works_in_the_current_folder_and_says_what_to_do_next(run: Run, tmp_path: Path) -> None:
    result = run("init", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / EXAMPLE).is_file()
    assert f"Next: edit {EXAMPLE}, then `spread check`" in result.stderr


def test_every_yaml_file_starts_with_a_schema_modeline(run: Run, tmp_path: Path) -> None:
    run("init", tmp_path / "h")
    yaml_files = [p for p in (tmp_path / "h").rglob("*") if p.suffix in (".yaml", ".yml") and ".git" not in p.parts]
    assert len(yaml_files) == 4
    for path in yaml_files:
        assert path.read_text().startswith(MODELINE), path
    example = (tmp_path / "h" / EXAMPLE).read_text().splitlines()[0]
    assert example == "# yaml-language-server: $schema=../../schemas/playbook.schema.json"


def test_the_schemas_are_the_packaged_ones(run: Run, tmp_path: Path) -> None:
    run("init", tmp_path / "h")
    for kind in KINDS:
        assert (tmp_path / "h" / f"schemas/{kind}.schema.json").read_text() == schema_text(kind)
        assert (tmp_path / "h" / f"schemas/{kind}.schema.json").read_bytes() == \
            (REPO / f"schemas/{kind}.schema.json").read_bytes()


def test_empty_leaves_out_the_example_and_still_passes(run: Run, tmp_path: Path) -> None:
    result = run("init", tmp_path / "h", "--empty")
    assert result.exit_code == 0
    assert not (tmp_path / "h/playbooks/walking-groups").exists()
    assert (tmp_path / "h/playbooks/README.md").is_file()  # keeps playbooks/ in git, so the handbook is found
    assert "Next: cd" in result.stderr and "spread playbook new <id>" in result.stderr
    checked = run("check", cwd=tmp_path / "h")
    assert checked.exit_code == 0
    assert checked.stderr.strip().endswith("No problems found.")


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "h/notes.txt", "mine")
    result = run("init", tmp_path / "h")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {(tmp_path / 'h').as_posix()} is not empty (it has notes.txt): choose an empty "
                             "or new folder, or use --force to add the handbook files (your own files are never "
                             "replaced)\n")
    assert sorted(p.name for p in (tmp_path / "h").iterdir()) == ["notes.txt"]


def test_a_file_is_not_a_folder(run: Run, tmp_path: Path) -> None:
    write(tmp_path / "h", "a file")
    result = run("init", tmp_path / "h")
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_force_adds_the_files_but_keeps_every_existing_one(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "h"
    write(target / "mkdocs.yml", "site_name: Ours\n")
    write(target / "docs/index.md", "# Our own home page\n")
    write(target / "notes.txt", "mine")
    result = run("init", target, "--force")
    assert result.exit_code == 0, result.output
    assert (target / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert (target / "docs/index.md").read_text() == "# Our own home page\n"
    assert (target / "notes.txt").read_text() == "mine"
    assert "Kept your existing files, unchanged: docs/index.md, mkdocs.yml\n" in result.stdout
    assert "  mkdocs.yml\n" not in result.stdout
    assert (target / EXAMPLE).is_file()

    again = run("init", target, "--force")
    assert again.exit_code == 0
    assert again.stdout.startswith(f"Nothing to add: {target.as_posix()} already has every file")


def test_a_folder_with_only_git_in_it_counts_as_empty(run: Run, git_repo: Path) -> None:
    result = run("init", git_repo)
    assert result.exit_code == 0, result.output
    assert "Started a git repository" not in result.stdout


def test_inside_a_repository_no_second_repository_is_started(run: Run, git_repo: Path) -> None:
    result = run("init", git_repo / "handbook")
    assert result.exit_code == 0, result.output
    assert not (git_repo / "handbook/.git").exists()
    assert "Started a git repository" not in result.stdout


def test_the_workflow_is_a_valid_github_workflow_that_checks_and_publishes(run: Run, tmp_path: Path) -> None:
    run("init", tmp_path / "h")
    path = tmp_path / "h/.github/workflows/handbook.yml"
    valid = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                            str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    flow = load(path)
    assert isinstance(flow, dict)
    assert {"push", "pull_request"} <= set(flow["on"])
    assert flow["env"]["SPREAD"] == SPREAD_INSTALL
    check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
    runs = [step.get("run") for step in check["steps"]]
    assert 'pip install "$SPREAD"' in runs and "spread check --format github" in runs
    assert check["steps"][0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    assert publish["needs"] == "check"
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses") for step in publish["steps"]]
    assert uses[0] == "actions/checkout@v4" and publish["steps"][0]["with"] == {"fetch-depth": 0}
    assert "actions/setup-python@v5" in uses
    assert [step.get("run") for step in publish["steps"]].index("spread publish") < \
        uses.index("actions/upload-pages-artifact@v3") < uses.index("actions/deploy-pages@v4")
    assert "${{ steps.deploy.outputs.page_url }}" in path.read_text()


def test_the_pre_commit_config_is_valid_and_uses_the_spread_check_hook(run: Run, tmp_path: Path) -> None:
    run("init", tmp_path / "h")
    path = tmp_path / "h/.pre-commit-config.yaml"
    valid = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(path)], capture_output=True,
                           text=True, timeout=120, check=False, env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc")})
    assert valid.returncode == 0, valid.stdout + valid.stderr
    config = load(path)
    assert isinstance(config, dict)
    (local,) = config["repos"]
    assert local["repo"] == "local" and [h["id"] for h in local["hooks"]] == ["spread-check"]
    hooks = load(REPO / ".pre-commit-hooks.yaml")
    assert isinstance(hooks, list) and hooks[0]["id"] == "spread-check"


def test_the_gitignore_keeps_built_files_out_of_git(run: Run, tmp_path: Path) -> None:
    run("init", tmp_path / "h")
    ignored = (tmp_path / "h/.gitignore").read_text().split()
    assert {"site/", ".spread-build/", ".spread-cache/"} <= set(ignored)


@pytest.mark.parametrize("empty", [False, True])
def test_the_plan_is_pure_and_complete(empty: bool) -> None:
    files = plan(empty=empty)
    assert (EXAMPLE in files) is not empty
    assert plan(empty=empty) == files
    assert all("$spread" not in text for text in files.values())


@pytest.mark.slow  # builds a whole handbook with MkDocs
@pytest.mark.parametrize("empty", [False, True])
def test_a_new_handbook_publishes_straight_away(run: Run, tmp_path: Path, empty: bool) -> None:
    target = tmp_path / "h"
    run("init", target, *(["--empty"] if empty else []))
    result = run("publish", "--today", "2026-06-01", cwd=target)
    assert result.exit_code == 0, result.output
    home = (target / "site/index.html").read_text()
    assert "Our handbook" in home
    assert ("Health walks led by local volunteers" in home) is not empty
    if not empty:
        assert (target / "site/playbooks/walking-groups/index.html").is_file()
    # Built files stay out of git, as the .gitignore says.
    repo = git.Repo(target)
    assert not {p for p in repo.untracked_files if p.startswith(("site/", ".spread-build/"))}
    repo.close()
