"""Shell completion: playbook ids and sites from the repository's folders, fast, in bash, zsh and fish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from conftest import Run, write
from spread.cli import cli
from spread.commands.completion import complete_playbook, complete_site


@pytest.fixture
def network(demo: Path) -> Path:
    write(demo / "playbooks/code-club/playbook.yaml", "id: code-club\n")
    write(demo / "fidelity/demo/york/site.yaml", "id: york\n")
    write(demo / "fidelity/code-club/leeds/site.yaml", "id: leeds\n")
    (demo / "playbooks/not-a-playbook").mkdir()  # a folder without playbook.yaml is not offered
    (demo / "fidelity/demo/.hidden").mkdir()
    return demo


def complete(args: list[str], incomplete: str, cwd: Path) -> list[str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        items = ShellComplete(cli, {}, "spread", "_SPREAD_COMPLETE").get_completions(args, incomplete)
    finally:
        os.chdir(old)
    return [item.value for item in items]


def test_playbook_ids_complete_from_the_folders(network: Path) -> None:
    assert complete(["report"], "", network) == ["code-club", "demo"]
    assert complete(["report"], "co", network) == ["code-club"]
    assert complete(["report"], "x", network) == []


def test_sites_complete_as_playbook_slash_site(network: Path) -> None:
    assert complete(["audit", "score"], "", network) == ["code-club/leeds", "demo/leeds", "demo/york"]
    assert complete(["audit", "score"], "demo/", network) == ["demo/leeds", "demo/york"]
    # A bare site id is enough to find it, under every playbook that has it.
    assert complete(["audit", "score"], "lee", network) == ["code-club/leeds", "demo/leeds"]


def test_every_command_that_names_a_playbook_or_site_completes_it(network: Path) -> None:
    assert complete(["site", "new"], "", network) == ["code-club", "demo"]
    assert complete(["site", "new", "demo"], "", network) == []  # a new site's id is the user's to choose
    assert complete(["audit", "new"], "demo/y", network) == ["demo/york"]
    assert complete(["playbook", "diff"], "", network) == ["code-club", "demo"]
    assert complete(["playbook", "release"], "c", network) == ["code-club"]
    assert complete(["site", "upgrade"], "code", network) == ["code-club/leeds"]


def test_completion_works_from_a_subfolder_and_with_repo(network: Path, tmp_path: Path) -> None:
    assert complete(["report"], "", network / "fidelity/demo") == ["code-club", "demo"]
    assert complete(["report", "--repo", str(network)], "", tmp_path) == ["code-club", "demo"]


def test_outside_a_repository_nothing_is_offered(tmp_path: Path) -> None:
    assert complete(["report"], "", tmp_path) == []
    assert complete(["audit", "score"], "", tmp_path) == []


def test_a_playbook_given_first_narrows_the_sites(network: Path) -> None:
    ctx = cli.make_context("spread", ["report"], resilient_parsing=True)
    ctx.params["playbook_id"] = "demo"
    old = Path.cwd()
    os.chdir(network)
    try:
        assert [i.value for i in complete_site(ctx, cli.params[0], "")] == ["leeds", "york"]
        assert [i.value for i in complete_playbook(ctx, cli.params[0], "d")] == ["demo"]
    finally:
        os.chdir(old)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_completion_script(shell: str) -> None:
    result = subprocess.run([sys.executable, "-m", "spread"], env={**os.environ, "_SPREAD_COMPLETE": f"{shell}_source"},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert "_SPREAD_COMPLETE" in result.stdout


HEAVY = ("jsonschema", "mkdocs", "material")
COMPLETING = ("report", "audit_score", "audit_new", "site_new", "site_upgrade", "playbook_diff", "playbook_release")


def test_completing_reads_folders_only_never_the_schema_or_mkdocs(network: Path) -> None:
    # -X importtime lists every module the process imports: completion must not pay for the heavy ones.
    env = {**os.environ, "_SPREAD_COMPLETE": "bash_complete", "COMP_WORDS": "spread audit score de", "COMP_CWORD": "3"}
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "spread"], env=env, cwd=network,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["plain,demo/leeds", "plain,demo/york"]
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert not {m for m in imported if m.split(".")[0] in HEAVY}


def test_every_command_that_completes_is_light_to_import() -> None:
    code = (f"import sys\nfor name in {COMPLETING!r}: __import__('spread.commands.' + name)\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_help_says_how_to_turn_completion_on(run: Run) -> None:
    out = run("--help").stdout
    for shell in ("bash", "zsh", "fish"):
        assert f"_SPREAD_COMPLETE={shell}_source spread" in out
