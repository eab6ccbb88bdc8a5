"""The page generator as pure functions: a loaded network in, Markdown out (no MkDocs run here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import write
from spread.errors import SpreadError
from spread.handbook import charts, config, links, paths
from spread.handbook.files import sync
from spread.handbook.generate import Inputs, pages
from spread.handbook.home import MARKER, home_page
from spread.network.repo import load_network
from spread.report.rollup import playbook_report
from spread.scoring import shown
from spread.scoring.score import score_audit

TODAY = date(2026, 11, 15)


@pytest.fixture
def generated(demo: Path) -> dict[str, str]:
    return pages(load_network(demo), TODAY, Inputs(site_name="Demo handbook"))


def test_every_page_is_generated(generated: dict[str, str]) -> None:
    assert {paths.HOME, paths.REFERENCE, paths.playbook("demo"), paths.dashboard("demo"), paths.site("demo", "leeds"),
            paths.checklist("demo", "1.0.0"), paths.audit_template("demo", "1.0.0")} <= set(generated)


def test_core_and_local_components_are_marked_differently(generated: dict[str, str]) -> None:
    page = generated[paths.playbook("demo")]
    core, local = page.split("## Local components")
    assert core.count('class="spread-component spread-core"') == 2 and "spread-local" not in core
    assert local.count('class="spread-component spread-local"') == 2 and "spread-core" not in local
    assert "Core component: every site keeps this · Critical" in core
    assert "Local component: sites may adapt this, within limits" in local
    assert "| Expected | Developmental | Unacceptable |" in core
    assert "- paid venues" in local and "in up to 20 characters" in local


def test_site_page_shows_the_scoring_modules_numbers(demo: Path, generated: dict[str, str]) -> None:
    network = load_network(demo)
    site = network.sites[("demo", "leeds")]
    audit = network.site_audits(site)[-1]
    score = score_audit(network.playbooks["demo"], audit)
    page = generated[paths.site("demo", "leeds")]
    assert score.total is not None and score.percent is not None and score.band is not None
    assert f"{shown.total(score.total)} of {score.maximum} ({shown.percent(score)})" in page
    assert f"Band: <strong>{score.band.label.capitalize()}</strong>" in page
    assert 'class="spread-svg"' in page and "<title id=" in page  # the trend chart, with its accessible name
    assert f"{score.period}: {shown.percent(score)} ({score.band.label}, self-audit)" in page  # its numbers in words


def test_site_pages_are_left_out_of_the_navigation() -> None:
    entries = config.nav(None, [config.NavPlaybook("demo", "Demo <b>circles</b>")], ["about.md", "index.md"])
    flat = repr(entries)
    assert "sites/" not in flat and "audit-checklist" not in flat
    assert entries[0] == {"Home": "index.md"} and "about.md" in entries
    assert {"Demo &lt;b&gt;circles&lt;/b&gt;": [{"The playbook": "playbooks/demo/index.md"},
                                                {"Network dashboard": "playbooks/demo/dashboard.md"},
                                                {"Sites": "playbooks/demo/sites.md"}]} in entries[1]["Playbooks"]


USER_CONFIG = """\
site_name: Our network
theme:
  name: material
  custom_dir: overrides
  palette: {primary: teal}
  features: [navigation.instant, navigation.instant.prefetch, toc.follow]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - toc:
      permalink: "#"
extra:
  analytics_note: !ENV [NOTE, none]
nav:
  - index.md
  - About us: about.md
"""


def test_generated_config_keeps_the_users_settings_and_stays_offline() -> None:
    user = config.load_user(USER_CONFIG)
    text = config.generated(user, config.nav(user["nav"], [], []), "..")
    assert "site_name: Our network" in text and "primary: teal" in text
    assert "!!python/name:material.extensions.emoji.twemoji" in text and "!ENV [NOTE, none]" in text
    assert "custom_dir: theme" in text  # the folder `theme.files` writes, the user's overrides copied in
    assert "navigation.instant" not in text and "toc.follow" in text
    assert "font: false" in text and "- search\n- offline" in text
    assert "assets/spread/iframe-worker.js" in text  # so Material's offline plugin adds no CDN script
    assert text.count("- toc:\n") == 1 and "permalink: '#'" in text  # the user's own toc settings win
    assert "- About us: about.md" in text and "site_dir: site" in text


@pytest.mark.parametrize("bad, message", [
    ("theme: readthedocs\n", "uses the theme `readthedocs`"),
    ("- a list\n", "should be a mapping of MkDocs settings"),
    ("site_name: [unclosed\n", "mkdocs.yml is not valid YAML"),
])
def test_a_config_the_handbook_cannot_use_is_refused(bad: str, message: str) -> None:
    with pytest.raises(SpreadError, match=message.replace("[", r"\[")):
        config.generated(config.load_user(bad), [], "..")


def test_home_page_puts_the_cards_where_the_intro_says(demo: Path) -> None:
    network = load_network(demo)
    report = playbook_report(network, network.playbooks["demo"], TODAY)
    page = home_page([report], f"# Welcome\n\n{MARKER}\n\nAfter the cards.", "Demo")
    assert page.index("# Welcome") < page.index("### [Demo circles]") < page.index("After the cards.")
    assert '<div class="grid cards spread-cards" markdown>' in page and "**Sites:** 1" in page


def test_trend_chart_reads_without_colour() -> None:
    svg = charts.trend("t", "Fidelity at <Leeds>", [charts.Point("2026-Q1", 62.5, "Good", "63%"),
                                                   charts.Point("2026-Q2", None, "Incomplete")])
    assert 'role="img"' in svg and "<title id=\"t-title\">Fidelity at &lt;Leeds&gt;</title>" in svg
    assert "2026-Q1: 63%, Good; 2026-Q2: no score, Incomplete" in svg  # the description says every value
    assert ">63%</text>" in svg and ">Good</text>" in svg  # the value and the band's word
    # An audit without a score is a gap in the line, never a point on the axis.
    assert '<text class="spread-gap" x="76.5%" y="112">no score</text>' in svg and svg.count("spread-point") == 1
    assert "\n" not in svg  # one line: each line break would be one more thing for MkDocs to parse


def test_sync_writes_only_changes_and_removes_stale_files(tmp_path: Path) -> None:
    write(tmp_path / "old/gone.md", "stale")
    assert sync(tmp_path, {"a.md": b"one", "b/c.md": b"two"}) == 2
    assert not (tmp_path / "old").exists()
    assert sync(tmp_path, {"a.md": b"one", "b/c.md": b"three"}) == 1
    assert (tmp_path / "b/c.md").read_bytes() == b"three"


def test_site_page_keeps_choices_about_removed_components(demo: Path) -> None:
    site = demo / "fidelity/demo/leeds/site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "retired:\n  - component: old-rhythm\n    choice: six-weekly\n"
                    "    reason: Only room free.\n    retired_in: 2.0.0\n", encoding="utf-8")
    network = load_network(demo)
    assert not network.problems
    page = pages(network, TODAY, Inputs())[paths.site("demo", "leeds")]
    assert "## Earlier choices" in page
    assert "<dt>old-rhythm: <code>six-weekly</code></dt>" in page and "removed in version 2.0.0" in page


def test_the_link_check_finds_links_in_raw_html_that_go_nowhere() -> None:
    pages = {"a/index.md": '## Top { #top data-search-exclude }\n\n<p id="here">x</p>',
             "a/sites/s.md": '<p><a href="../index.html#top">ok</a> <a href="../index.html#here">ok</a> '
                             '<a href="../../dl/f.yaml">ok</a> <a href="https://example.org/x">web</a> '
                             '<a href="../missing.html">gone</a> <a href="../index.html#nowhere">no id</a></p>'}
    assert links.broken(pages, {*pages, "dl/f.yaml"}) == ["a/sites/s.md: ../missing.html",
                                                          "a/sites/s.md: ../index.html#nowhere"]


def test_generated_raw_html_links_all_resolve(generated: dict[str, str]) -> None:
    assert '<a href="index.html#core-peer-led">' in generated[paths.dashboard("demo")]
    assert links.broken(generated, set(generated)) == []


def test_site_pages_keep_only_their_summary_in_the_search_index(generated: dict[str, str]) -> None:
    page = generated[paths.site("demo", "leeds")]
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert headings[0] == "# Demo Leeds"
    assert all(line.endswith("data-search-exclude }") for line in headings[1:]), headings


def test_a_description_links_to_a_heading_on_its_own_page_and_the_heading_is_there() -> None:
    example = load_network(Path(__file__).resolve().parents[1])
    generated = pages(example, TODAY, Inputs(site_name="Example"))
    page = generated[paths.playbook("peer-diabetes")]
    assert '<a href="#version-history" rel="noopener noreferrer">version history</a>' in page
    assert not [problem for problem in links.broken(generated, set(generated)) if "version-history" in problem]
