"""`spread publish` on a terminal names each stage as it begins and counts the pages MkDocs builds; piped, it
says nothing of the kind. MkDocs' own warnings reach the user, one line each."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from conftest import Run, write
from spread import progress
from spread.commands import publish

STAGES = ["Checking files…", "Generating the pages of 1 playbook and 1 site that publish to the public…",
          "Building the website with MkDocs ({pages} pages)…", "Swapping in the new website…"]


@pytest.mark.slow
def test_a_terminal_sees_each_stage_and_the_pages_counted(run: Run, demo: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_is_terminal", lambda _stream: True)
    monkeypatch.setattr(publish, "progress", functools.partial(progress.progress, minimum=1))
    result = run("publish", "--repo", demo, "--today", "2026-11-15")
    assert result.exit_code == 0, result.output
    pages = int(result.stdout.split()[1])  # "Published N pages to …"
    lines = [line for line in result.stderr.splitlines() if line.endswith("…")]
    assert lines == [line.format(pages=pages) for line in STAGES]
    assert "Building pages" in result.stderr


@pytest.mark.slow
def test_piped_output_has_no_stages(run: Run, demo: Path) -> None:
    result = run("publish", "--repo", demo, "--today", "2026-11-15")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("Published ")


@pytest.mark.slow
def test_each_mkdocs_warning_is_one_line(run: Run, demo: Path) -> None:
    write(demo / "docs/about.md", "# About\n\nSee [the rota](rota.md) and\n[the map](map.md).\n")
    result = run("publish", "--repo", demo, "--today", "2026-11-15")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "MkDocs warning: Doc file 'about.md' contains a link 'rota.md', but the target is not found among "
        "documentation files.",
        "MkDocs warning: Doc file 'about.md' contains a link 'map.md', but the target is not found among "
        "documentation files.",
        "Error: the handbook did not build: fix what MkDocs said above (2 warnings: the handbook is built in strict "
        "mode, so that nothing broken is published)"]
    assert not (demo / "site").exists()
