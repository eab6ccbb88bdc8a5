"""The playbook page's "Adopt this programme" form, in headless Chromium from file:// with the network off: a
coordinator fills it in, reloads half-way (nothing is lost), downloads the answers file, and `spread site new
--answers` sets the site up with the choices made. A wrong answer is named in `spread site new`'s own words; the
form passes axe, works by keyboard alone, and shows a playbook's hostile text as text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import GIT_ENV, HANDBOOK_TODAY, Run, copy_example, edit_playbook
from test_browser import browser, downloaded, serious_violations, tab_to  # noqa: F401  (`browser`: the browser tests' Chromium, a fixture)
from test_injection import LISTENER

pytestmark = pytest.mark.slow

PAGE = "playbooks/peer-diabetes/index.html"
HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script> Library & \"friends\" {{x}} `code`"


def build(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    from click.testing import CliRunner

    from spread.cli import cli

    root = copy_example(tmp_path_factory.mktemp(f"adopt-{engine}") / "handbook")
    edit_playbook(root, "peer-diabetes", "label: Public library", f"label: '{HOSTILE}'")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        result = CliRunner().invoke(cli, ["publish", "--engine", engine, "--repo", str(root), "--today",
                                          HANDBOOK_TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example handbook with a hostile option label in peer-diabetes, built once for the module."""
    return build(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="module")
def chrome(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:  # noqa: F811
    """Chromium with the network switched off, every dialog recorded, and downloads allowed into a folder."""
    listener = browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                                 "downloadThroughput": 0, "uploadThroughput": 0})
    yield browser
    # The session shares one Chromium: put back what this file changed.
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                 "downloadThroughput": -1, "uploadThroughput": -1})
    browser.execute_cdp_cmd("Network.disable", {})
    browser.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": listener["identifier"]})
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "default"})


@pytest.fixture
def downloads(chrome: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    chrome.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def fresh(chrome: Any, built: Path) -> None:
    """The playbook page, opened from the file, with no draft left by an earlier test."""
    chrome.get((built / "site" / PAGE).as_uri())
    chrome.execute_script("localStorage.clear()")
    chrome.refresh()


def by_id(chrome: Any, ident: str) -> Any:
    from selenium.webdriver.common.by import By

    return chrome.find_element(By.ID, ident)


def type_into(chrome: Any, ident: str, text: str) -> None:
    element = by_id(chrome, ident)
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.clear()
    element.send_keys(text)


def click(chrome: Any, ident: str) -> None:
    element = by_id(chrome, ident)
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def error(chrome: Any, ident: str) -> str:
    box = by_id(chrome, f"{ident}-error")
    return "" if box.get_attribute("hidden") is not None else str(box.text)


def option(chrome: Any, component: str, value: str) -> str:
    """The id of a component's radio button for an option."""
    return str(chrome.execute_script(
        "return document.querySelector(`input[name='choice:${arguments[0]}'][value='${arguments[1]}']`).id",
        component, value))


def test_a_filled_form_survives_a_reload_and_its_file_sets_the_site_up(chrome: Any, built: Path, downloads: Path,
                                                                       run: Run, tmp_path: Path) -> None:
    fresh(chrome, built)
    type_into(chrome, "adopt-site", "bradford-east")
    type_into(chrome, "adopt-name", "Bradford East Diabetes Circles")
    type_into(chrome, "adopt-host", "Bradford Community Health CIC")
    click(chrome, option(chrome, "venue", "library"))
    type_into(chrome, "adopt-reason-venue", "The library has a quiet room, a bus ride from everyone.")
    chrome.refresh()  # half-way: everything typed so far must still be there
    assert by_id(chrome, "adopt-site").get_attribute("value") == "bradford-east"
    assert by_id(chrome, "adopt-name").get_attribute("value") == "Bradford East Diabetes Circles"
    assert by_id(chrome, option(chrome, "venue", "library")).is_selected()
    assert by_id(chrome, "adopt-reason-venue").get_attribute("value").startswith("The library has")
    click(chrome, option(chrome, "rhythm", "weekly"))
    type_into(chrome, "adopt-reason-rhythm", 'Members asked to meet "every week", not fortnightly: a \\ test.')
    type_into(chrome, "adopt-own-language", "Urdu and English")  # own words where there are options: an adaptation
    assert by_id(chrome, "adopt-choice-language--own").is_selected()
    assert by_id(chrome, "adopt-frame-language").is_displayed()
    type_into(chrome, "adopt-reason-language", "Half the members speak Urdu at home.")
    from selenium.webdriver.support.ui import Select

    Select(by_id(chrome, "adopt-frame-language-planned")).select_by_value("proactive")
    click(chrome, "adopt-frame-language-decided_by--8")  # the site team
    type_into(chrome, "adopt-own-local-name", "Bradford East Circles")
    type_into(chrome, "adopt-reason-local-name", "Members chose it.")
    click(chrome, "adopt-form")
    by_id(chrome, "adopt-form").submit()
    answers = downloaded(downloads, "peer-diabetes-bradford-east-answers.yaml")
    status = chrome.execute_script("return document.querySelector('.spread-adopt-status').textContent")
    assert status.startswith("Downloaded peer-diabetes-bradford-east-answers.yaml. Next: send it to the network's "
                             "central team")
    command = chrome.execute_script("return document.querySelector('[data-spread-adopt-command]').textContent")
    assert command == ("spread site new peer-diabetes bradford-east --version 2.0.0 --answers "
                       "peer-diabetes-bradford-east-answers.yaml --no-input")
    # The central team runs that command in its own copy of the network.
    network = copy_example(tmp_path / "network")
    shutil.copy(answers, network / answers.name)
    result = run(*command.split()[1:], "--repo", network, "--today", "2026-11-20", cwd=network)
    assert result.exit_code == 0, result.output
    site = yaml.safe_load((network / "fidelity/peer-diabetes/bradford-east/site.yaml").read_text(encoding="utf-8"))
    assert (site["name"], site["host"]["name"], site["playbook"]["version"]) == (
        "Bradford East Diabetes Circles", "Bradford Community Health CIC", "2.0.0")
    choices = {c["component"]: (c["choice"], c.get("reason")) for c in site["choices"]}
    assert choices == {
        "venue": ("library", "The library has a quiet room, a bus ride from everyone."),
        "rhythm": ("weekly", 'Members asked to meet "every week", not fortnightly: a \\ test.'),
        "recruitment": ("gp-referral", None), "local-name": ("Bradford East Circles", "Members chose it.")}
    (language,) = site["adaptations"]
    assert (language["component"], language["choice"], language["reason"], language["planned"],
            language["decided_by"], language["fidelity"]) == (
        "language", "Urdu and English", "Half the members speak Urdu at home.", "proactive", ["site-team"], "unknown")
    assert run("check", "--repo", network, "--today", "2026-11-20").exit_code == 0
    assert not [r for r in chrome.execute_script("return window.__spread || []") if r.startswith("dialog")]
    loaded = chrome.execute_script("return [...document.querySelectorAll('script[src], link[href]:not([rel=canonical])"
                                   ", img[src], iframe[src]')].map(e => e.src || e.href)")
    assert any(src.endswith("assets/spread/spread-adopt.js") for src in loaded), loaded
    assert all(src.startswith("file:") for src in loaded), loaded  # everything from the folder, nothing from the web


def test_a_wrong_answer_is_named_in_spread_site_news_words(chrome: Any, built: Path, run: Run, demo: Path) -> None:
    fresh(chrome, built)
    type_into(chrome, "adopt-site", "Bradford East")
    type_into(chrome, "adopt-name", "")
    type_into(chrome, "adopt-own-local-name", "Bradford Diabetes Clinic")
    click(chrome, "adopt-host")  # leaving a field says what is wrong with it
    cli = run("site", "new", "peer-diabetes", "Bradford East", "--repo", demo)
    assert cli.exit_code == 2
    said = error(chrome, "adopt-site")
    assert said == ("\"Bradford East\" is not an id: use lower-case letters, digits and single hyphens, like "
                    "`leeds-north` (it also names the site's folder)")
    assert said in " ".join(cli.stderr.split())
    by_id(chrome, "adopt-form").submit()
    assert error(chrome, "adopt-name") == "`name` is empty: fill it in"
    assert error(chrome, "adopt-host") == "`host: name` is empty: fill it in"
    refused = error(chrome, "adopt-choice-local-name")
    assert refused.startswith("\"Bradford Diabetes Clinic\" is not allowed for `local-name` (")
    assert "it contains \"clinic\"" in refused
    network = copy_example(demo.parent / "network")
    cli = run("site", "new", "peer-diabetes", "bradford", "--set", "local-name=Bradford Diabetes Clinic",
              "--repo", network)
    assert cli.exit_code == 2 and refused in " ".join(cli.stderr.split())
    assert error(chrome, "adopt-reason-local-name") == ""  # no reason is asked for a choice that is refused
    status = chrome.execute_script("return document.querySelector('.spread-adopt-status').textContent")
    assert status == ("4 answers need your attention before the file can be made: see the message beside each.")
    assert by_id(chrome, "adopt-site").get_attribute("aria-invalid") == "true"
    assert chrome.switch_to.active_element.get_attribute("id") == "adopt-site"
    type_into(chrome, "adopt-site", "leeds")  # a site the handbook already has
    click(chrome, "adopt-host")
    said = error(chrome, "adopt-site")
    assert said == ("fidelity/peer-diabetes/leeds/site.yaml already exists: Spread never overwrites it, so choose "
                    "another id (`leeds` is a site in this handbook)")
    cli = run("site", "new", "peer-diabetes", "leeds", "--repo", network)
    assert cli.exit_code == 1 and cli.stderr.startswith("Error: " + said.split(", so")[0])


def test_the_form_has_no_serious_accessibility_problem(chrome: Any, built: Path) -> None:
    fresh(chrome, built)
    by_id(chrome, "adopt-form").submit()  # with every message showing
    serious = serious_violations(chrome, "document.querySelector('.spread-adopt')")
    assert not serious, serious


def test_the_form_is_filled_and_downloaded_by_keyboard_alone(chrome: Any, built: Path, downloads: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    fresh(chrome, built)
    keys = ActionChains(chrome)

    def active() -> str:
        return str(chrome.switch_to.active_element.get_attribute("id") or "")

    tab_to(chrome, ("id", "adopt-site"))  # from the top of the page, by Tab alone
    assert active() == "adopt-site"
    visited = []
    for text in ("york-north", "York North Circles", "York Voluntary Action"):
        keys.send_keys(text, Keys.TAB).perform()
        visited.append(active())
    assert visited == ["adopt-name", "adopt-host", "adopt-host-type"]
    tab_to(chrome, ("id", option(chrome, "venue", "community-centre")))
    keys.send_keys(Keys.ARROW_DOWN).perform()  # the next option: the library
    assert active() == option(chrome, "venue", "library") and chrome.switch_to.active_element.is_selected()
    keys.send_keys(Keys.TAB, "A quiet room.").perform()  # from a group of options, Tab leaves it
    assert active() == "adopt-reason-venue"
    tab_to(chrome, ("id", "adopt-own-local-name"))
    keys.send_keys("Circles of York", Keys.TAB, "The members chose it.").perform()
    assert active() == "adopt-reason-local-name"
    tab_to(chrome, ("type", "submit"))
    keys.send_keys(Keys.ENTER).perform()
    text = downloaded(downloads, "peer-diabetes-york-north-answers.yaml").read_text(encoding="utf-8")
    answers = yaml.safe_load(text)
    assert answers["name"] == "York North Circles"
    assert answers["choices"]["venue"] == {"choice": "library", "reason": "A quiet room."}
    assert answers["choices"]["local-name"] == {"choice": "Circles of York", "reason": "The members chose it."}


def test_a_playbooks_hostile_text_shows_as_text(chrome: Any, built: Path) -> None:
    fresh(chrome, built)
    label = chrome.execute_script(f"return document.querySelector(\"label[for='{option(chrome, 'venue', 'library')}'] "
                                  "strong\").textContent")
    assert label == HOSTILE.replace("`code`", "code")  # backticks show as code, as everywhere on the page
    assert not chrome.execute_script("return document.querySelectorAll('.spread-adopt script, .spread-adopt img')"
                                     ".length")
    assert not [r for r in chrome.execute_script("return window.__spread || []") if r.startswith("dialog")]


def test_both_engines_build_the_same_form(built: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    import re

    zensical = build(tmp_path_factory, "zensical")

    def form(root: Path) -> str:
        page = (root / "site" / PAGE).read_text(encoding="utf-8")
        found = re.search(r'<form class="spread-adopt-form".*?</form>', page, re.DOTALL)
        assert found, f"no adopt form in {root}"
        return found.group(0)

    assert form(zensical) == form(built)
    assert "spread-adopt.js" in (zensical / "site" / PAGE).read_text(encoding="utf-8")


def test_a_mentoring_pair_and_a_citys_principles_come_through(chrome: Any, built: Path, downloads: Path, run: Run,
                                                              tmp_path: Path) -> None:
    network = copy_example(tmp_path / "network")
    for playbook, site, typed in (
            ("steps-ahead", "pair-leeds-7", {"adopt-name": "Leeds pair 7", "adopt-host": "Leeds HR Forum",
                                             "adopt-mentor": "HR professional, retail", "adopt-mentee": "Jobseeker, 19"}),
            ("cities-of-service", "bristol", {"adopt-name": "Bristol Impact Volunteering", "adopt-host": "Bristol "
                                              "City Council", "adopt-own-local-brand": "Bristol Serves",
                                              "adopt-reason-local-brand": "The council's own name for it.",
                                              "adopt-principle-service-plan": "A plan the council adopted in May."})):
        page = built / "site" / f"playbooks/{playbook}/index.html"
        chrome.get(page.as_uri())
        chrome.execute_script("localStorage.clear()")
        chrome.refresh()
        type_into(chrome, "adopt-site", site)
        for ident, text in typed.items():
            type_into(chrome, ident, text)
        by_id(chrome, "adopt-form").submit()
        answers = downloaded(downloads, f"{playbook}-{site}-answers.yaml")
        shutil.copy(answers, network / answers.name)
        command = chrome.execute_script("return document.querySelector('[data-spread-adopt-command]').textContent")
        result = run(*command.split()[1:], "--repo", network, "--today", "2026-11-20", cwd=network)
        assert result.exit_code == 0, result.output
    pair = yaml.safe_load((network / "fidelity/steps-ahead/pair-leeds-7/site.yaml").read_text(encoding="utf-8"))
    assert pair["pair"] == {"mentor": "HR professional, retail", "mentee": "Jobseeker, 19"}
    city = yaml.safe_load((network / "fidelity/cities-of-service/bristol/site.yaml").read_text(encoding="utf-8"))
    assert city["principles"] == [{"principle": "service-plan", "how": "A plan the council adopted in May."}]
    assert {c["component"]: c["choice"] for c in city["choices"]}["local-brand"] == "Bristol Serves"
