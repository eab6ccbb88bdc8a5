"""`spread init`, `pre-commit install` and `git commit` work with no network: the hook `spread init` writes runs
the installed `spread` (a local hook), so pre-commit fetches nothing, and it is the published hook's twin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from conftest import MINIMAL_AUDIT, REPO, Run, write
from spread.adopt.init import SPREAD_INSTALL

# Every way a program could reach the network here leads nowhere: proxies on a closed port, git allowed the
# local file protocol only, pip with no index. A hook that needed to fetch anything would fail the commit.
OFFLINE = {
    "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9", "all_proxy": "http://127.0.0.1:9",
    "no_proxy": "", "NO_PROXY": "", "GIT_ALLOW_PROTOCOL": "file", "PIP_NO_INDEX": "1",
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
}


def offline(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    # The tools run as a person would: `spread` and `pre-commit` from this environment's bin folder on PATH.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, **OFFLINE, "PATH": path, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_init_then_pre_commit_install_then_commit_with_no_network(run: Run, tmp_path: Path) -> None:
    target, home = tmp_path / "our-handbook", tmp_path / "pre-commit-home"
    assert run("init", target).exit_code == 0
    installed = offline([sys.executable, "-m", "pre_commit", "install"], target, home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    offline(["git", "add", "."], target, home)
    committed = offline(["git", "commit", "-m", "Start our handbook"], target, home)
    assert committed.returncode == 0, committed.stdout + committed.stderr
    said = committed.stdout + committed.stderr
    assert re.search(r"spread check\.+Passed", said), said
    # pre-commit cloned and installed nothing: its store holds no repository, only its own database.
    assert not [p for p in home.iterdir() if p.is_dir()]

    # The hook really checks: a broken audit stops the commit, with the problem on its line.
    audit = "fidelity/walking-groups/hull/audits/2026-Q2.yaml"
    write(target / audit, MINIMAL_AUDIT.replace("review: self", "review: selfish"))
    offline(["git", "add", "."], target, home)
    refused = offline(["git", "commit", "-m", "A broken audit"], target, home)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1
    assert re.search(r"spread check\.+Failed", said) and f"{audit}:" in said, said


def load(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_the_local_hook_is_the_published_hook_run_by_the_installed_spread(run: Run, tmp_path: Path) -> None:
    assert run("init", tmp_path / "h").exit_code == 0
    config = load(tmp_path / "h/.pre-commit-config.yaml")
    published = load(REPO / ".pre-commit-hooks.yaml")
    assert isinstance(config, dict) and isinstance(published, list)
    (local,) = config["repos"]
    assert set(local) == {"repo", "hooks"} and local["repo"] == "local"  # no address, no version to fetch
    (hook,), (twin,) = local["hooks"], published
    assert hook["language"] == "system" and twin["language"] == "python"
    different = {"language", "minimum_pre_commit_version"}
    assert {k: v for k, v in hook.items() if k not in different} == \
        {k: v for k, v in twin.items() if k not in different}


def test_the_workflow_installs_spread_as_the_readme_says_and_says_how_to_use_another_copy(
        run: Run, tmp_path: Path) -> None:
    assert run("init", tmp_path / "h").exit_code == 0
    text = (tmp_path / "h/.github/workflows/handbook.yml").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f'pip install "{SPREAD_INSTALL}"' in readme
    assert f'SPREAD: "{SPREAD_INSTALL}"' in text
    assert "point it at your own copy" in text


def test_the_readme_shows_the_hook_spread_init_writes(run: Run, tmp_path: Path) -> None:
    assert run("init", tmp_path / "h").exit_code == 0
    (hook,) = load(tmp_path / "h/.pre-commit-config.yaml")["repos"][0]["hooks"]  # type: ignore[index]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "repo: local" in b)
    (shown,) = YAML(typ="safe").load(block)["repos"]
    assert shown["repo"] == "local"
    (written,) = shown["hooks"]
    assert written.items() <= hook.items()
