"""`spread playbook diff` names the sites a change affects: those whose recorded choice the new version no
longer allows, exactly the sites `spread site upgrade` would ask to choose again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_SITE, Run, write
from test_playbook_diff import commit, edit, released  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def sites(released: Path) -> Path:  # noqa: F811
    """demo 1.0.0 released; Leeds chose the library, York meets online, Hull chose the library too."""
    write(released / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    for name, venue in (("york", "online"), ("hull", "library")):
        write(released / f"fidelity/demo/{name}/site.yaml", MINIMAL_SITE.replace("id: leeds", f"id: {name}")
              .replace("choice: library", f"choice: {venue}"))
    commit(released, "three sites")
    return released


def test_a_removed_option_names_the_sites_that_chose_it(run: Run, sites: Path) -> None:
    edit(sites, "options: [library, gp-surgery, online]", "options: [gp-surgery, online]")
    edit(sites, "default: library", "default: online")
    result = run("playbook", "diff", "demo", "--repo", sites)
    assert result.exit_code == 0, result.output
    assert ("Sites this affects:\n  `venue`: 2 sites must choose again when they upgrade (`hull` and `leeds`): their "
            "choices are no longer allowed.\n\nThese changes need a major release") in result.output
    data = json.loads(run("playbook", "diff", "demo", "--format", "json", "--repo", sites).output)
    assert data["choose_again"] == {"venue": ["hull", "leeds"]}
    markdown = run("playbook", "diff", "demo", "--format", "markdown", "--repo", sites).output
    assert "- `venue`: 2 sites must choose again when they upgrade (`hull` and `leeds`)" in markdown
    upgrade = run("site", "upgrade", "demo/york", "--dry-run", "--repo", sites).output
    assert "Choices no longer allowed" not in upgrade  # York's choice still fits, and the diff does not name it


def test_a_change_no_site_has_to_answer_names_none(run: Run, sites: Path) -> None:
    edit(sites, "options: [library, gp-surgery, online]", "options: [library, gp-surgery, online, community-centre]")
    result = run("playbook", "diff", "demo", "--repo", sites)
    assert result.exit_code == 0 and "Sites this affects" not in result.output
    assert json.loads(run("playbook", "diff", "demo", "--format", "json", "--repo", sites).output)[
        "choose_again"] == {}
