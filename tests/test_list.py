"""`spread list`: the playbooks and their sites, with versions, stages and latest audits, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL_SITE, REPO, Run, write


def test_lists_each_playbook_and_its_sites(run: Run, demo: Path) -> None:
    write(demo / "fidelity/demo/york/site.yaml", MINIMAL_SITE.replace("id: leeds", "id: york")
          .replace("Demo Leeds", "Demo York").replace("stage: installation", "stage: full-implementation"))
    result = run("list", "--repo", demo)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == ("demo 1.0.0 (active): Demo circles · 2 sites\n"
                             "  Site   Version  Stage                Latest audit\n"
                             "  leeds  1.0.0    installation         2026-Q2\n"
                             "  york   1.0.0    full-implementation  none yet\n")


def test_json_has_the_same_rows(run: Run, demo: Path) -> None:
    result = run("list", "demo", "--format", "json", "--repo", demo)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"playbooks": [{
        "id": "demo", "title": "Demo circles", "version": "1.0.0", "status": "active", "latest_release": "1.0.0",
        "sites": [{"id": "leeds", "name": "Demo Leeds", "version": "1.0.0", "stage": "installation",
                   "latest_audit": "2026-Q2", "path": "fidelity/demo/leeds"}], "reviews": []}]}


def test_the_example_network_lists_every_playbook_and_site(run: Run) -> None:
    data = json.loads(run("list", "--format", "json", "--repo", REPO).stdout)
    listed = {(p["id"], s["id"]) for p in data["playbooks"] for s in p["sites"]}
    on_disk = {(site.parent.parent.name, site.parent.name) for site in (REPO / "fidelity").glob("*/*/site.yaml")}
    assert listed == on_disk
    assert {p["id"] for p in data["playbooks"]} == {p.parent.name for p in (REPO / "playbooks").glob("*/playbook.yaml")}


def test_a_playbook_without_sites_and_a_file_with_problems(run: Run, demo: Path) -> None:
    (demo / "fidelity/demo/leeds/site.yaml").write_text("id: [\n")
    result = run("list", "--repo", demo)
    assert result.exit_code == 0
    assert result.stdout == ("demo 1.0.0 (active): Demo circles · 0 sites\n"
                             "  No sites yet: set one up with `spread site new demo`.\n")
    assert result.stderr == ("Note: 1 file with problems is left out of this list (`fidelity/demo/leeds/site.yaml`): "
                             "run `spread check` to see what to fix.\n")


def test_an_empty_repository_and_an_unknown_playbook(run: Run, tmp_path: Path, demo: Path) -> None:
    (tmp_path / "empty/playbooks").mkdir(parents=True)
    result = run("list", "--repo", tmp_path / "empty")
    assert (result.exit_code, result.stdout) == (0, "No playbooks yet: start one with `spread playbook new`.\n")
    result = run("list", "demp", "--repo", demo)
    assert result.exit_code == 2
    assert result.stderr == "Error: there is no playbook `demp` in playbooks/: the playbooks here are `demo`\n"


def test_a_playbook_lists_its_programme_reviews_with_the_latest_period(run: Run) -> None:
    result = run("list", "code-club", "--repo", REPO)
    assert result.stdout.splitlines()[1] == "  Programme review readiness (Ready to replicate?): latest 2025"
    data = json.loads(run("list", "code-club", "--format", "json", "--repo", REPO).stdout)
    assert data["playbooks"][0]["reviews"] == [{"id": "readiness", "title": "Ready to replicate?",
                                                "latest_review": "2025", "path": "playbooks/code-club/reviews/readiness"}]
