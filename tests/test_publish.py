"""`spread publish` end to end: the example network's handbook built with MkDocs in strict mode, checked in
its HTML. The build happens once per session (the `handbook` fixture); tests only read it."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HANDBOOK_TODAY, Run, write
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.scoring import shown

pytestmark = pytest.mark.slow


class Links(HTMLParser):
    """Every link target and element id in one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for name in ("href", "src"):
            if found.get(name):
                self.links.append((tag, found[name] or ""))


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def site_of(handbook: Path) -> Path:
    return handbook / "site"


def test_every_playbook_site_and_dashboard_page_exists(handbook: Path) -> None:
    network = load_network(handbook)
    site = site_of(handbook)
    assert (site / "index.html").is_file() and (site / "reference/index.html").is_file()
    for pid in network.playbooks:
        assert (site / f"playbooks/{pid}/index.html").is_file()
        assert (site / f"playbooks/{pid}/dashboard.html").is_file()
    for (pid, folder) in network.sites:
        assert (site / f"playbooks/{pid}/sites/{folder}.html").is_file(), folder
    for kind in ("playbook", "site", "audit"):
        assert "Required" in (site / f"reference/{kind}-file.html").read_text(encoding="utf-8")


def test_no_internal_link_is_broken(handbook: Path) -> None:
    site = site_of(handbook)
    # 404.html is served by a web server for any missing URL, so MkDocs gives it absolute links on purpose.
    pages = {path: parse(path) for path in site.rglob("*.html") if path.name != "404.html"}
    checked = 0
    for path, page in pages.items():
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                assert tag == "a", f"{path.relative_to(site)} loads {link} from the network"
                continue
            assert not link.startswith("/"), f"{path.relative_to(site)}: {link} would not work from file://"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.exists(), f"{path.relative_to(site)} links to {link}, which is not built"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in pages[target].ids, f"{path.relative_to(site)}: {link}"
            checked += 1
    assert checked > 1000


def test_core_and_local_components_look_different(handbook: Path) -> None:
    html = (site_of(handbook) / "playbooks/peer-diabetes/index.html").read_text(encoding="utf-8")
    core = re.findall(r'<div class="spread-component spread-core">\s*<h3 id="core-([a-z0-9-]+)"', html)
    local = re.findall(r'<div class="spread-component spread-local">\s*<h3 id="local-([a-z0-9-]+)"', html)
    playbook = load_network(handbook).playbooks["peer-diabetes"]
    assert core == [c.id for c in playbook.core] and local == [c.id for c in playbook.local]
    assert html.count("Core component: every site keeps this") == len(core)
    assert html.count("Local component: sites may adapt this, within limits") == len(local)


def test_scores_on_pages_are_the_scoring_modules(handbook: Path) -> None:
    from datetime import date

    network = load_network(handbook)
    site = site_of(handbook)
    compared = 0
    for pid, playbook in network.playbooks.items():
        report = playbook_report(network, playbook, date.fromisoformat(HANDBOOK_TODAY))
        dashboard = (site / f"playbooks/{pid}/dashboard.html").read_text(encoding="utf-8")
        for status in report.sites:
            score = status.score
            if score is None or score.total is None or score.percent is None:
                continue
            score_text = f"{shown.total(score.total)} of {score.maximum} ({shown.percent(score)})"
            page = (site / f"playbooks/{pid}/sites/{status.site.id}.html").read_text(encoding="utf-8")
            assert f"Score: <strong>{score_text}</strong>" in page, status.site.id
            assert score.band is not None and f"Band: <strong>{score.band.label.capitalize().replace('-', ' ')}</strong>" in page
            assert score_text in dashboard
            compared += 1
    assert compared >= 10


def test_navigation_lists_playbooks_and_dashboards_but_no_site(handbook: Path) -> None:
    html = (site_of(handbook) / "index.html").read_text(encoding="utf-8")
    primary = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    assert "playbooks/peer-diabetes/dashboard.html" in primary and "reference/index.html" in primary
    assert "/sites/" not in primary and "how-to-adopt.html" in primary


def test_the_handbook_is_offline_and_private(handbook: Path) -> None:
    site = site_of(handbook)
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "fonts.googleapis" not in everything and "fonts.gstatic" not in everything
    assert "unpkg.com" not in everything and "cdn.jsdelivr" not in everything
    assert "assets/spread/iframe-worker.js" in everything
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert any("sites/leeds.html" in doc["location"] for doc in index["docs"])
    assert (site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def test_publish_escapes_every_user_string(demo: Path, run: Run) -> None:
    playbook = demo / "playbooks/demo/playbook.yaml"
    text = playbook.read_text(encoding="utf-8")
    text = text.replace("title: Demo circles", "title: '</title><script>alert(1)</script> Demo {: onclick=x} & co'")
    text = text.replace("summary: A small programme used in tests.",
                        "summary: '<img src=x onerror=alert(2)> summary'\n"
                        "description: 'Intro [bad](javascript:alert(3)) <b>bold</b> *fine*'")
    playbook.write_text(text, encoding="utf-8")
    site_file = demo / "fidelity/demo/leeds/site.yaml"
    # The site page's record, adaptations, chart and plan are raw HTML: hostile text there too.
    site_file.write_text(site_file.read_text(encoding="utf-8")
                         .replace("name: Demo Leeds", "name: '<script>alert(4)</script>'")
                         .replace("name: Leeds Circles CIC", "name: '<script>alert(5)</script> & co'")
                         .replace("reason: Central and free.", "reason: '<img src=x onerror=alert(6)> [x](javascript:void(7))'"),
                         encoding="utf-8")
    audit_file = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    audit_file.write_text(audit_file.read_text(encoding="utf-8") + "actions:\n  - item: regular\n"
                          "    action: '</td><script>alert(8)</script>'\n    owner: '<b onclick=x>'\n", encoding="utf-8")
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    built = demo / "site"
    for path in [*built.rglob("*.html"), built / "search/search_index.json"]:
        content = path.read_text(encoding="utf-8")
        assert "<script>alert" not in content and "<img src=x" not in content, path
        assert "javascript:alert" not in content and 'onclick="x"' not in content, path
        assert 'href="javascript' not in content and "<b onclick" not in content, path
    page = (built / "playbooks/demo/index.html").read_text(encoding="utf-8")
    heading = re.search(r'<h1 id="[^"]*">(.*?)<a class="headerlink"', page)
    assert heading and unescape(heading.group(1)) == "</title><script>alert(1)</script> Demo {: onclick=x} & co"
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt; <em>fine</em>" in page
    site_page = (built / "playbooks/demo/sites/leeds.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(5)&lt;/script&gt; &amp; co" in site_page
    assert "&lt;img src=x onerror=alert(6)&gt; [x](javascript:void(7))" in site_page
    assert "<td>&lt;/td&gt;&lt;script&gt;alert(8)&lt;/script&gt;</td><td>&lt;b onclick=x&gt;</td>" in site_page


def test_a_site_page_is_in_the_search_index_by_its_title_and_summary_only(handbook: Path) -> None:
    """Searching a site's name, town or host finds its page; its record, scores and plan stay out of the index,
    so a search for "Action plan" does not return every site, and the index stays small."""
    index = json.loads((site_of(handbook) / "search/search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if "/sites/leeds.html" in doc["location"]]
    site = load_network(handbook).sites[("peer-diabetes", "leeds")]
    assert [doc["title"] for doc in entries] == [site.name]
    assert "Chapeltown" in entries[0]["text"] and "Latest independent review" in entries[0]["text"]
    assert not any("/sites/" in doc["location"] and "#" in doc["location"] for doc in index["docs"])
    # The sections that list every site stay out too: a site is found through its own page.
    assert not any(doc["title"] in ("Sites running it", "Core components at each site") for doc in index["docs"])


def test_a_repository_with_errors_is_not_published(demo: Path, run: Run) -> None:
    write(demo / "fidelity/demo/leeds/audits/2026-Q3.yaml", "site: leeds\nperiod: 2026-Q3\n")
    result = run("publish", "--repo", demo)
    assert result.exit_code == 1
    assert "fidelity/demo/leeds/audits/2026-Q3.yaml:" in result.output
    assert "Error: the handbook was not published: fix the" in result.output
    assert not (demo / "site").exists()


def test_a_broken_link_in_a_hand_written_page_fails_the_build(demo: Path, run: Run) -> None:
    write(demo / "docs/about.md", "# About\n\nSee [the missing page](missing.md).\n")
    result = run("publish", "--repo", demo)
    assert result.exit_code == 1
    assert "Error: the handbook did not build:" in result.output and "missing.md" in result.output
    assert "Traceback" not in result.output


def test_publish_to_another_folder_says_where_to_open_it(demo: Path, run: Run, tmp_path: Path) -> None:
    result = run("publish", "--repo", demo, "--site-dir", tmp_path / "out", "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out/index.html").is_file()
    assert "Open " in result.output and "out/index.html in a browser." in result.output
    assert not (demo / "site").exists()


@pytest.mark.parametrize("empty", [False, True])
def test_a_new_handbook_from_spread_init_publishes(tmp_path: Path, run: Run, empty: bool) -> None:
    root = tmp_path / "ours"
    assert run("init", root, *(["--empty"] if empty else [])).exit_code == 0
    result = run("publish", "--repo", root, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "No playbooks yet" in home if empty else "Network dashboard" in home
