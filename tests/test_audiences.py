"""Audiences (issue 18): `spread publish --audience public|network`, and a site's `publish:` setting. The public
handbook of the example network, with one site of a large playbook and the only site of another keeping their
results to the network, is searched file by file (every page, the search index, the sitemap, every JSON, CSV
and XML file) for anything of theirs, and its pages are compared with the handbook of a network without them."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from conftest import Run, copy_example
from spread.handbook.audience import published, withheld
from spread.handbook.escaping import text
from spread.network.repo import load_network

TODAY = "2026-11-15"
HIDDEN = ("fidelity/peer-diabetes/swansea", "fidelity/shared-lives/glasgow")
GONE = ("fidelity/shared-lives/kirklees", "fidelity/shared-lives/somerset")  # so glasgow is shared-lives' only site


def keep_to_network(root: Path) -> None:
    for folder in HIDDEN:
        site = root / folder / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8").replace("\nstage:", "\npublish: network\nstage:", 1),
                        encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three builds of the example network (without two of shared-lives' three sites): public and network with
    swansea and glasgow publishing to the network only, and public with their folders deleted."""
    from click.testing import CliRunner

    from spread.cli import cli

    roots = {}
    for name in ("public", "network", "without"):
        root = copy_example(tmp_path_factory.mktemp(name) / "handbook")
        for folder in GONE:
            shutil.rmtree(root / folder)
        if name == "without":
            for folder in HIDDEN:
                shutil.rmtree(root / folder)
        else:
            keep_to_network(root)
        audience = "network" if name == "network" else "public"
        result = CliRunner().invoke(cli, ["publish", "--repo", str(root), "--today", TODAY, "--audience", audience],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        roots[name] = root
    return roots


def secrets(root: Path) -> list[str]:
    """What the two sites wrote that only they could have: names, hosts, areas, contacts, notes, every reason,
    evidence text and action, as the longest run of plain words in each (a page escapes punctuation)."""
    network = load_network(root)
    texts: list[str] = []
    for folder in HIDDEN:
        key = (folder.split("/")[1], folder.split("/")[2])
        site = network.sites[key]
        texts += [site.name, site.host, site.area or "", site.contact or "", site.notes or ""]
        texts += [c.reason or "" for c in site.choices] + [a.reason or "" for a in site.adaptations]
        for audit in network.site_audits(site):
            texts += [r.evidence or "" for r in audit.ratings.values()] + [a.action or "" for a in audit.actions]
    runs = [max(re.findall(r"[A-Za-z0-9 ]+", " ".join(text.split())), key=len, default="").strip() for text in texts]
    return sorted({run for run in runs if len(run) >= 12})


def files(site: Path) -> dict[str, str]:
    """Every file of a built website as text (the sitemap unzipped); images and fonts as what text they hold."""
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            found[path.relative_to(site).as_posix()] = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode(
                "utf-8", "replace")
    return found


def test_the_public_handbook_holds_nothing_of_a_site_that_publishes_to_the_network_only(
        built: dict[str, Path]) -> None:
    hidden = secrets(built["public"])
    assert len(hidden) > 20
    public, network = files(built["public"] / "site"), files(built["network"] / "site")
    assert any(name.endswith((".json", ".xml", ".gz")) for name in public)  # the search index, the sitemap
    leaks = [(name, secret) for name, text in public.items() for secret in hidden if secret in text]
    assert leaks == []
    assert not [name for name in public if "/sites/swansea" in name or "/sites/glasgow" in name]
    # The same search finds them in the network's handbook, where they belong: the sites' names, hosts and action
    # plans (a site page shows the latest audit's actions, and evidence only where it explains a flag).
    found = {secret for text in network.values() for secret in hidden if secret in text}
    assert {"Cylchoedd Diabetes Abertawe", "Penderry and Townhill Primary Care Partnership", "Shared Lives Glasgow North",
            "Restart monthly supervision and link the remaining facilitator to the network"} <= found
    assert "playbooks/peer-diabetes/sites/swansea.html" in network


def test_every_figure_of_the_public_handbook_is_as_if_the_site_were_not_there(built: dict[str, Path]) -> None:
    """The dashboards, home page, playbook pages and everything else are the pages of a network without the two
    sites, but for one sentence on each playbook page: so no score of theirs can be worked out, not even for
    shared-lives, whose only site keeps its results to the network."""
    public = {p.relative_to(built["public"]).as_posix(): p.read_text(encoding="utf-8")
              for p in (built["public"] / ".spread-build/docs").rglob("*.md")}
    without = {p.relative_to(built["without"]).as_posix(): p.read_text(encoding="utf-8")
               for p in (built["without"] / ".spread-build/docs").rglob("*.md")}
    assert set(public) == set(without)
    playbooks = load_network(built["public"]).playbooks
    notes = {pid: text(f"1 more {playbooks[pid].adopter.one} runs this playbook and shares its results with the network "
                       "only, so this handbook leaves them out of every table and figure.")
             for pid in ("peer-diabetes", "shared-lives")}
    assert notes["peer-diabetes"].startswith("1 more site runs")
    for name, page in public.items():
        playbook = name.split("/")[3] if name.endswith("/index.md") and name.count("/") == 4 else None
        if playbook in notes:
            assert notes[playbook] in page
            page = page.replace("\n\n" + notes[playbook], "")
        assert page == without[name], name


def test_a_site_that_publishes_to_the_network_is_left_out_of_what_the_public_sees(example: Path) -> None:
    keep_to_network(example)
    network = load_network(example)
    public = published(network, "public")
    assert ("peer-diabetes", "swansea") not in public.sites and ("peer-diabetes", "swansea") not in public.audits
    assert ("peer-diabetes", "leeds") in public.sites
    assert withheld(network, "public") == {"code-club": 1, "peer-diabetes": 1, "shared-lives": 1}  # hackney: example
    assert published(network, "network") is network and withheld(network, "network") == {}
    assert ("peer-diabetes", "swansea") in network.sites  # the loaded network itself is untouched


def test_publish_setting_takes_public_or_network(run: Run, example: Path) -> None:
    site = example / "fidelity/peer-diabetes/swansea/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("\nstage:", "\npublish: private\nstage:", 1),
                    encoding="utf-8")
    result = run("check", "--repo", example, "--today", TODAY)
    assert result.exit_code == 1
    assert "fidelity/peer-diabetes/swansea/site.yaml:12:10: error: `publish` cannot be \"private\": choose one of: " \
           "public, network [schema-enum]" in result.stdout.splitlines()


def test_the_network_handbook_says_who_it_is_for(run: Run, example: Path) -> None:
    result = run("publish", "--repo", example, "--today", TODAY, "--audience", "network")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == ("This handbook is for the network: it shows every site's results, "
                                              "including those of sites that publish to the network only. Share "
                                              f"{example / 'site'}/ within the network, not publicly.")
    wrong = run("publish", "--repo", example, "--audience", "everyone")
    assert wrong.exit_code == 2
    assert "Invalid value for '--audience': 'everyone' is not one of 'public', 'network'." in wrong.stderr
