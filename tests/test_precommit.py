"""The `spread-check` pre-commit hook, run by the real pre-commit against a repository of playbooks and audits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import git
import pytest
from ruamel.yaml import YAML

from conftest import MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, REPO, write

GOOD = "fidelity/demo/leeds/audits/2026-Q2.yaml"
BAD = "fidelity/demo/leeds/audits/2026-Q3.yaml"


def hook() -> dict[str, object]:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["spread-check"]
    found: dict[str, object] = hooks[0]
    return found


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PRE_COMMIT_HOME": str(home)}, timeout=600, check=False)


def test_the_hook_definition_is_valid(tmp_path: Path) -> None:
    result = pre_commit("validate-manifest", str(REPO / ".pre-commit-hooks.yaml"), cwd=tmp_path, home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    definition = hook()
    assert definition["entry"] == "spread check"
    assert definition["language"] == "python"
    assert definition["pass_filenames"] is True


@pytest.mark.parametrize(("path", "matches"), [
    ("playbooks/demo/playbook.yaml", True),
    ("playbooks/demo/releases/1.0.0.yaml", True),
    ("fidelity/demo/leeds/site.yaml", True),
    ("fidelity/demo/leeds/audits/2026-Q2.yaml", True),
    ("fidelity/demo/leeds/audits/2026-Q2.yml", True),
    ("playbooks/demo/CHANGELOG.md", False),
    ("fidelity/demo/leeds/README.md", False),
    ("mkdocs.yml", False),
    ("docs/playbooks/demo/playbook.yaml", False),
])
def test_the_hook_runs_on_playbook_site_and_audit_files_only(path: str, matches: bool) -> None:
    assert bool(re.search(str(hook()["files"]), path)) is matches


@pytest.mark.slow  # pre-commit installs Spread and its dependencies into an environment of its own
def test_try_repo_fails_on_the_bad_audit_only(git_repo: Path, tmp_path: Path) -> None:
    write(git_repo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    write(git_repo / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    write(git_repo / GOOD, MINIMAL_AUDIT)
    write(git_repo / BAD, MINIMAL_AUDIT.replace("2026-Q2", "2026-Q3").replace("2026-07-10", "2026-10-10")
          .replace("review: self", "review: selfish"))
    repo = git.Repo(git_repo)
    repo.index.add(["playbooks", "fidelity"])
    repo.close()
    home = tmp_path / "pre-commit-home"
    # The hook as committed: a clone leaves out edits still in progress in the working tree.
    spread = tmp_path / "spread"
    git.Repo.clone_from(REPO, spread).close()

    # One run (each try-repo installs Spread afresh): every file is handed to the hook, only the bad one is reported.
    result = pre_commit("try-repo", str(spread), "spread-check", "--all-files", "--verbose", cwd=git_repo, home=home)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert re.search(r"spread check\.+Failed", out)
    assert f'{BAD}:4:9: error: `review` cannot be "selfish": did you mean `self`? [schema-enum]' in out
    assert GOOD not in out
    assert "1 error in 1 file." in out
