"""Both engines build the handbook from the same generated files (issue 18): `spread publish --engine zensical`
builds the example network to the same content, page for page, as MkDocs; so does a plain `mkdocs build` of
the files Spread leaves in `.spread-build/`; each page's security policy names exactly its own theme's inline
scripts; search works from file:// and axe finds nothing serious in both; the engine's warnings and notices
reach the person, named as the engine's; a missing engine is one line saying how to install it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from article import article
from conftest import HANDBOOK_TODAY, REPO, Run, write
from injection import scan
from searching import search
from spread.handbook import engine
from spread.handbook.form_instrument import instrument_data
from spread.model.build import audit_from, playbook_from
from spread.scoring.data import score_data
from spread.scoring.score import score_audit
from spread.yaml.document import Document
from spread.yaml.read import parse_document
from test_browser import AXE, PAGES, browser  # noqa: F401  (`browser`: the browser tests' Chromium, a fixture)
from test_injection import _policy_hashes, _sha256

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chrome(request: pytest.FixtureRequest) -> Any:
    """The browser tests' headless Chromium."""
    return request.getfixturevalue("browser")


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _differences(one: Path, other: Path) -> list[str]:
    """The pages whose article differs between two built websites, with the first difference of each."""
    found = []
    for rel in _pages(one):
        mine, theirs = article((one / rel).read_text("utf-8")), article((other / rel).read_text("utf-8"))
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
            found.append(f"{rel}: {mine[at:at + 3]} against {theirs[at:at + 3]}")
    return found


def test_both_engines_build_every_page_with_the_same_content(handbook: Path, zensical_handbook: Path) -> None:
    mkdocs_site, zensical_site = handbook / "site", zensical_handbook / "site"
    assert _pages(zensical_site) == _pages(mkdocs_site) and len(_pages(mkdocs_site)) > 40
    assert _differences(mkdocs_site, zensical_site) == []
    # What the comparison reads is the whole article: a site page's tables, chart and plan are in it.
    site_page = article((zensical_site / PAGES["site"]).read_text("utf-8"))
    assert {"<table>", "<svg>", "<dl>", "Action plan"} <= set(site_page) and len(site_page) > 300


def test_a_plain_mkdocs_build_of_the_files_on_disk_is_the_same_handbook(handbook: Path, tmp_path: Path) -> None:
    """`.spread-build/` is complete: MkDocs alone, with no hook or plugin of Spread's, builds the same pages."""
    copy = tmp_path / "copy"
    shutil.copytree(handbook, copy, ignore=shutil.ignore_patterns("site", ".git"))
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                            str(copy / ".spread-build/mkdocs.yml")], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    assert not [rel for rel in _pages(copy / ".spread-build/site")
                if "spread-deferred-block" in (copy / ".spread-build/site" / rel).read_text("utf-8")]
    assert _differences(handbook / "site", copy / ".spread-build/site") == []


def test_every_inline_script_is_one_its_page_policy_names(handbook: Path, zensical_handbook: Path) -> None:
    for site in (handbook / "site", zensical_handbook / "site"):
        problems = []
        for rel in _pages(site):
            html = (site / rel).read_text("utf-8")
            inline = scan(html).inline
            allowed = _policy_hashes(html)
            problems += [f"{rel}: {s[:60]!r}" for s in inline if _sha256(s) not in allowed]
            problems += [f"{rel}: a hash for no script"] if len(allowed) > 12 else []
            assert inline, rel  # the theme's own scripts are there, so the check above is not empty
        assert not problems, "\n".join(problems[:20])
    mkdocs_page, zensical_page = ((s / "index.html").read_text("utf-8") for s in (handbook / "site",
                                                                                zensical_handbook / "site"))
    assert _policy_hashes(mkdocs_page) != _policy_hashes(zensical_page)  # each theme's own scripts, not both


@pytest.mark.parametrize("engine_name", ["mkdocs", "zensical"])
def test_search_works_offline_from_the_folder(chrome: Any, handbook: Path, zensical_handbook: Path,
                                              engine_name: str) -> None:
    """Opened straight from the folder (file://), typing a site's town finds the site's page, in both engines."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    site = (handbook if engine_name == "mkdocs" else zensical_handbook) / "site"
    chrome.get(site.as_uri() + "/index.html")
    results = search(chrome, engine_name, "Chapeltown")
    found = WebDriverWait(chrome, 60, poll_frequency=0.2).until(
        lambda b: [h for h in results(b) if urlsplit(h).path.endswith("/peer-diabetes/sites/leeds.html")],
        message="never found the Leeds site among the search results")
    chrome.get(found[0])
    # Zensical's theme shows the heading's permalink sign where Material shows it only on hover.
    assert chrome.find_element(By.TAG_NAME, "h1").text.removesuffix("¶") == "Peer Diabetes Circles Leeds"


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_problems_with_zensical(chrome: Any, zensical_handbook: Path, kind: str) -> None:
    chrome.get((zensical_handbook / "site" / PAGES[kind]).as_uri())
    chrome.execute_script(AXE.read_text(encoding="utf-8"))
    violations = chrome.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), where: []}]));")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['impact']}: {v['id']} — {v['help']} at {v['where']}" for v in serious)


@pytest.mark.parametrize("engine_name, warning", [
    ("mkdocs", "MkDocs warning: Doc file 'about.md' contains a link 'nowhere.md', but the target is not found "
               "among documentation files."),
    ("zensical", "Zensical warning: about.md:3:10: page does not exist"),
])
def test_the_engines_warnings_reach_the_person_named_as_the_engines(demo: Path, run: Run, engine_name: str,
                                                                    warning: str) -> None:
    write(demo / "docs/about.md", "# About\n\nSee [it](nowhere.md).\n")
    write(demo / "mkdocs.yml", "site_name: Demo\nnav:\n  - About: about.md\n")
    result = run("publish", "--engine", engine_name, "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 1
    name = engine.NAMES[engine_name]
    assert result.stderr.splitlines()[-2:] == [
        warning, f"Error: the handbook did not build: fix what {name} said above (1 "
                 f"{'warning' if engine_name == 'mkdocs' else 'problem'}: the handbook is built in strict mode, "
                 "so that nothing broken is published)"]
    assert not (demo / "site").exists()


def test_materials_end_of_life_notice_is_shown_once_as_materials(demo: Path, run: Run,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_MKDOCS_2_WARNING")
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "end of life" in line]
    assert len(notices) == 1
    assert re.fullmatch(r"Notice from Material for MkDocs, which builds the handbook: Material for MkDocs reaches "
                        r"end of life on \w+ \d+, \d{4}\. .*Zensical.* \(Spread builds with Zensical too: add "
                        r"--engine zensical\)", notices[0]), notices[0]
    assert "\x1b" not in notices[0] and "│" not in notices[0]
    monkeypatch.delenv("NO_MKDOCS_2_WARNING")  # Material marks it as said, as it does when run as `mkdocs`
    again = run("publish", "--engine", "zensical", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert again.exit_code == 0 and "end of life" not in again.stderr
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # Material's own switch
    quiet = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert quiet.exit_code == 0 and "end of life" not in quiet.stderr


@pytest.mark.parametrize("engine_name, install", [("zensical", "pip install zensical"),
                                                  ("mkdocs", "pip install mkdocs mkdocs-material")])
def test_a_missing_engine_is_one_line_saying_how_to_install_it(demo: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                                                engine_name: str, install: str) -> None:
    monkeypatch.setitem(engine._NEEDS, engine_name, ("spread_no_such_package",))
    result = run("publish", "--engine", engine_name, "--repo", demo, "--today", HANDBOOK_TODAY)
    other = "mkdocs" if engine_name == "zensical" else "zensical"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"Error: {engine.NAMES[engine_name]} is not installed where Spread runs: install it "
                             f"with `{sys.executable} -m {install}`, or build with --engine {other}\n")
    assert not (demo / "site").exists() and not (demo / ".spread-build").exists()


def test_a_mistyped_engine_is_a_wrong_command_line(demo: Path, run: Run) -> None:
    result = run("publish", "--engine", "hugo", "--repo", demo)
    assert result.exit_code == 2 and "'hugo' is not one of 'mkdocs', 'zensical'" in result.stderr


def test_serve_previews_with_zensical(demo: Path) -> None:
    from spread.handbook.preview import Preview

    said: list[str] = []
    preview = Preview(demo, lambda: date(2026, 11, 15), lambda _p, m: said.append(m), "zensical")
    try:
        assert preview.build(), said
        assert (preview.site_dir / "search.json").is_file() and (preview.site_dir / "index.html").is_file()
        assert preview.build(), said  # again, over the first build
        assert said == [said[0]] * 2 and said[0].startswith("rebuilt: ")
    finally:
        preview.close()


def test_zensical_says_that_it_leaves_the_users_hooks_out(demo: Path, run: Run) -> None:
    write(demo / "hooks/mark.py", "def on_post_page(output, page, config):\n"
                                  "    return output.replace('</body>', '<p id=\"hooked\">hooked</p></body>')\n")
    write(demo / "mkdocs.yml", "site_name: Demo\nhooks:\n  - hooks/mark.py\n")
    result = run("publish", "--engine", "zensical", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    assert "hooked" not in (demo / "site/index.html").read_text("utf-8")
    assert result.stderr.splitlines()[-1] == (
        "mkdocs.yml: warning: Zensical does not run MkDocs hooks, so hooks/mark.py did nothing in this build: build "
        "with --engine mkdocs if the handbook needs them")
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0 and "hooks" not in result.stderr
    assert '<p id="hooked">hooked</p>' in (demo / "site/index.html").read_text("utf-8")


def test_zensicals_boxed_diagnostics_become_one_line_each() -> None:
    from spread.handbook.zensical_build import diagnostics

    printed = [
        "Build started\n",
        "\x1b[33mWarning:\x1b[0m anchor does not exist\n",
        "     \x1b[38;5;246m╭─[\x1b[0m how-to-adopt.md:292:30 \x1b[38;5;246m]\x1b[0m\n",
        " 292 │ [y](about.md#nope)\n",
        "─────╯\n",
        "Error: site_dir must be within project root\n",
        "1 issue found\n",
        "Traceback (most recent call last):\n",
        '  File "zensical/main.py", line 81, in execute_build\n',
        "RuntimeError: Aborted because --strict flag is set\n",
    ]
    assert list(diagnostics(iter(printed))) == [
        ("warning", "how-to-adopt.md:292:30: anchor does not exist"),
        ("error", "site_dir must be within project root"),
        ("stopped", "Aborted because --strict flag is set"),
    ]


@pytest.mark.parametrize("engine_name", ["mkdocs", "zensical"])
def test_both_engines_ship_the_page_scorer(chrome: Any, handbook: Path, zensical_handbook: Path,
                                           engine_name: str) -> None:
    """The self-audit form's scorer is in every built handbook, as packaged, and a page's own security policy lets
    it run from file:// (it is one of the handbook's own files, and it evaluates nothing)."""
    from selenium.webdriver.support.ui import WebDriverWait

    site = (handbook if engine_name == "mkdocs" else zensical_handbook) / "site"
    packaged = resources.files("spread.handbook").joinpath("assets/spread-score.js").read_bytes()
    assert (site / "assets/spread/spread-score.js").read_bytes() == packaged
    chrome.get(site.as_uri() + "/index.html")
    chrome.execute_script("var s = document.createElement('script'); s.src = 'assets/spread/spread-score.js';"
                          "document.head.appendChild(s);")
    WebDriverWait(chrome, 30, poll_frequency=0.2).until(
        lambda b: b.execute_script("return !!window.SpreadScore"), message="the page scorer never ran")
    # Leeds's latest audit, scored on the page as `spread audit score` scores it.
    playbook = parse_document((REPO / "playbooks/peer-diabetes/releases/2.0.0.yaml").read_bytes(), Path("p.yaml"))
    audit = parse_document((REPO / "fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml").read_bytes(), Path("a.yaml"))
    assert isinstance(playbook, Document) and isinstance(audit, Document)
    expected = score_data(score_audit(playbook_from(playbook), audit_from(audit)))
    found = chrome.execute_script("var r = SpreadScore.score(arguments[0], arguments[1]);"
                                  "return [r.band, r.total, r.percent, r.band_notes];",
                                  instrument_data(playbook_from(playbook)), json.loads(json.dumps(audit.data, default=str)))
    assert found == [expected["band"], expected["total"], expected["percent"], expected["band_notes"]]
    assert expected["band"] is not None
