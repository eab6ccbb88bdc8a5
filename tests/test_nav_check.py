"""A page named in mkdocs.yml's `nav` that will not exist is a problem `spread check` reports at its line, and
`spread publish` refuses before it builds anything (MkDocs would fail on it, in strict mode, minutes later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Run, write
from spread.handbook import engine

SETTINGS = """\
site_name: Demo handbook
nav:
  - index.md
  - How to adopt: how-to-adopt.md
  - Guides:
      - guides/first-steps.md
      - Our dashboard: playbooks/demo/dashboard.md
      - Leeds: playbooks/demo/sites/leeds.md
      - Checklist: playbooks/demo/audit-checklist-1.0.0.md
      - Reference: reference/index.md
      - The charity: https://example.org/about
      - Missing: guides/last-steps.md
  - playbooks/nope/index.md
"""
MISSING = ("mkdocs.yml:12:18: error: the navigation names `guides/last-steps.md`, which is not in docs/: create "
           "docs/guides/last-steps.md, or correct or remove this line [nav-page-missing]")
NOT_GENERATED = ("mkdocs.yml:13:5: error: the navigation names `playbooks/nope/index.md`, which is not in docs/: it "
                 "is not a page the handbook generates either (they are added to the navigation by themselves): "
                 "correct or remove this line [nav-page-missing]")


@pytest.fixture
def handbook(demo: Path) -> Path:
    write(demo / "mkdocs.yml", SETTINGS)
    write(demo / "docs/index.md", "# Demo\n")
    write(demo / "docs/how-to-adopt.md", "# How to adopt\n")
    write(demo / "docs/guides/first-steps.md", "# First steps\n")
    return demo


def test_check_names_each_missing_page_at_its_line(run: Run, handbook: Path) -> None:
    for _ in range(2):  # the second check comes from the cache: the navigation is checked afresh every time
        result = run("check", "--repo", handbook)
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [MISSING, NOT_GENERATED]


def test_pages_in_docs_and_generated_pages_pass(run: Run, handbook: Path) -> None:
    text = (handbook / "mkdocs.yml").read_text()
    (handbook / "mkdocs.yml").write_text(text.replace("      - Missing: guides/last-steps.md\n", "")
                                         .replace("  - playbooks/nope/index.md\n", ""))
    result = run("check", "--repo", handbook)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No problems found.\n")


def test_only_a_check_of_the_settings_shows_them(run: Run, handbook: Path) -> None:
    assert run("check", handbook / "fidelity", "--repo", handbook).exit_code == 0
    result = run("check", handbook / "mkdocs.yml", "--repo", handbook)
    assert result.exit_code == 1 and MISSING in result.stdout


def test_settings_that_are_not_yaml_are_one_problem(run: Run, handbook: Path) -> None:
    (handbook / "mkdocs.yml").write_text("nav: [index.md\n")
    result = run("check", "--repo", handbook)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("mkdocs.yml:1:1: error: mkdocs.yml is not valid YAML") and line.endswith("[mkdocs-invalid]")


def test_publish_refuses_before_building(run: Run, handbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("MkDocs was started")

    monkeypatch.setattr(engine, "build", never)
    result = run("publish", "--repo", handbook)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [MISSING, NOT_GENERATED]
    assert result.stderr.splitlines() == ["2 errors in 1 file.", "Error: the handbook was not published: fix the 2 "
                                          "errors above first (`spread check` lists every problem)"]
    assert not (handbook / "site").exists()
