"""The self-audit form in the handbook, in a real headless Chromium opened from file:// with the network switched off:
a coordinator fills it in, reloads half-way, downloads the file, and `spread audit import` and `spread audit score`
take it as the page showed it.

Uses the example handbook built once per session (`handbook` in conftest.py), and imports into a fresh copy of the
example network, so the shared build is never changed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FLAGS, copy_example
from spread.adopt.audit_import import as_written
from spread.adopt.audit_template import AuditAnswers, audit_yaml
from spread.model.audit import Action, GoalData, Rater, Rating
from spread.network.repo import load_network
from test_browser import downloaded, focused, tab_to
from test_phone import SETTLED, axe

pytestmark = pytest.mark.slow

FORM = "playbooks/peer-diabetes/audit-form-2.0.0.html"
# Answers a coordinator of Leeds gives for 2026-Q3 (replacing the audit it has) (scores, then evidence: one long enough to be folded).
SCORES = {"PF1": "5", "PF2": "4", "PF3": "4", "CD1": "3", "CD2": "4", "CD3": "5", "CD4": "4", "SL1": "4", "SL3": "2"}
EVIDENCE = {"PF1": "Register of circles for the quarter",
            "CD1": "Two of the twelve planned circles did not happen because the library closed for repairs in "
                   "November and no other room was free"}
REASON = "The safeguarding lead was on leave and the records were locked"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium as the browser tests start it, also logging every request the pages make."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "install Debian's chromium and chromium-driver packages to run the browser tests"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    # A person downloading a corrected file is not asked each time whether the page may download again.
    options.add_experimental_option("prefs", {"profile.default_content_setting_values.automatic_downloads": 1})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_script_timeout(60)
    yield session
    session.quit()


def requests(browser: Any) -> list[str]:
    """The address of every request the browser made since it was last asked."""
    found = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            found.append(message["params"]["request"]["url"])
    return found


@pytest.fixture(scope="module")
def offline(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    """The browser with its network switched off and downloads going to a folder of our own."""
    downloads = tmp_path_factory.mktemp("downloads")
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                                 "downloadThroughput": -1, "uploadThroughput": -1})
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield browser, downloads
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": False, "latency": 0,
                                                                 "downloadThroughput": -1, "uploadThroughput": -1})


def open_form(browser: Any, handbook: Path, page: str = FORM) -> None:
    requests(browser)  # forget what came before
    browser.get((handbook / "site" / page).as_uri())
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    assert browser.execute_script("return !!window.SpreadForm"), "the form's script did not run"


def field(browser: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, f'[name="{name}"]')


def choose(browser: Any, name: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    radio = browser.find_element(By.CSS_SELECTOR, f'[name="{name}"][value="{value}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
    radio.click()


def type_into(browser: Any, name: str, text: str) -> None:
    element = field(browser, name)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.clear()
    element.send_keys(text)


def shown_score(browser: Any) -> dict[str, str]:
    box = browser.execute_script("var b = document.getElementById('spread-form-score');"
                                 "return {text: b.textContent, left: b.getAttribute('data-left'),"
                                 " band: b.getAttribute('data-band'), total: b.getAttribute('data-total'),"
                                 " breaches: b.getAttribute('data-breaches'), below: b.getAttribute('data-below')}")
    return dict(box)


def fill_first_half(browser: Any) -> None:
    from selenium.webdriver.support.ui import Select

    Select(field(browser, "site")).select_by_value("leeds")
    type_into(browser, "period", "2026-Q3")
    type_into(browser, "completed", "10022026")  # a date field takes the digits in the browser's order (en-US)
    for item in ("PF1", "PF2", "PF3", "CD1"):
        choose(browser, f"ratings.{item}.value", SCORES[item])
    for item, text in EVIDENCE.items():
        type_into(browser, f"ratings.{item}.evidence", text)
    source = field(browser, "ratings.PF1.sources")  # the first source: records
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", source)
    source.click()


def fill_second_half(browser: Any) -> None:
    for item in ("CD2", "CD3", "CD4", "SL1", "SL3"):
        choose(browser, f"ratings.{item}.value", SCORES[item])
    type_into(browser, "ratings.SL2.not_rated", REASON)
    for name, number in (("goals.E1.numerator", "10"), ("goals.E1.denominator", "12"), ("goals.E3.value", "4"),
                         ("figures.people-joined.count", "9"), ("figures.activation.mean", "4.5"),
                         ("figures.activation.n", "11"), ("voice.V1.n", "10"), ("voice.V1.answers.disagree", "1"),
                         ("voice.V1.answers.not-sure", "2"), ("voice.V1.answers.agree", "7")):
        type_into(browser, name, number)


def reference(repo: Path, text: str, actions: tuple[Action, ...] | None = None) -> str:
    """What Spread itself writes (`audit_yaml`, the code `audit new` and the workbook import run) for the answers the
    test gave, up to the figures, which only the form fills in."""
    network = load_network(repo)
    site = network.sites[("peer-diabetes", "leeds")]
    pb = network.playbook_version("peer-diabetes", "2.0.0")
    assert pb is not None
    ratings = {item: Rating(item, score=int(score), evidence=EVIDENCE.get(item),
                            sources=("records",) if item == "PF1" else ()) for item, score in SCORES.items()}
    ratings["SL2"] = Rating("SL2", not_rated=REASON)
    answers = AuditAnswers(ratings, {"E1": GoalData(10, 12), "E2": GoalData(), "E3": GoalData(value=4)},
                           (Rater("site-coordinator"),), "self", "2026-10-02", actions)
    folder = repo / "fidelity/peer-diabetes/leeds/audits"
    return audit_yaml(repo, folder, site, pb, "2026-Q3", answers)


def test_a_coordinator_fills_in_the_form_offline_reloads_downloads_and_it_imports_as_shown(
        offline: tuple[Any, Path], handbook: Path, tmp_path: Path, run: Any) -> None:
    browser, downloads = offline
    open_form(browser, handbook)
    fill_first_half(browser)
    assert "Not yet scored: 6 items left" in shown_score(browser)["text"]
    browser.refresh()  # half-way: nothing may be lost
    assert field(browser, "site").get_attribute("value") == "leeds"
    assert field(browser, "period").get_attribute("value") == "2026-Q3"
    assert field(browser, "ratings.CD1.evidence").get_attribute("value") == EVIDENCE["CD1"]
    assert field(browser, "ratings.PF1.sources").is_selected()
    assert "Not yet scored: 6 items left" in shown_score(browser)["text"]
    fill_second_half(browser)
    shown = shown_score(browser)
    assert shown["left"] == "0", shown
    button = browser.find_element("css selector", '[data-action="download"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    sent = downloaded(downloads, "peer-diabetes-leeds-2026-Q3.yaml")
    # Nothing left the page's own folder: every request was for a file (or the download's own blob).
    loaded = requests(browser)
    assert any(name.endswith("/assets/spread/spread-form.js") for name in loaded), loaded
    assert all(name.startswith(("file://", "blob:file://", "data:")) for name in loaded), loaded

    repo = copy_example(tmp_path / "repo")
    result = run("audit", "import", sent, "--repo", repo, "--today", "2026-11-15", "--force")
    assert result.exit_code == 0, result.output
    filed = repo / "fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml"
    text = sent.read_text(encoding="utf-8")
    assert filed.read_text(encoding="utf-8") == as_written(text, filed.parent, repo)
    # Byte for byte what Spread writes for the same answers, up to the figures (which the form alone fills in).
    written = reference(repo, text)
    cut = "# Reach and outcomes"
    assert text.split(cut)[0] == written.split(cut)[0]
    plan = "# Action plan"  # no action given: the empty entry to fill in, as `audit new` writes it
    assert text.split(plan)[1] == written.split(plan)[1] and text.endswith("    due:  # YYYY-MM-DD\n"), text
    data = yaml.safe_load(text)
    assert data["figures"] == {"people-joined": {"count": 9}, "activation": {"mean": 4.5, "n": 11}}
    assert data["voice"] == {"V1": {"n": 10, "answers": {"disagree": 1, "not-sure": 2, "agree": 7}}}

    same_score(run, repo, filed, shown)
    assert "band:" not in shown["text"]  # SL2 could not be rated, and this instrument gives no band then

    # Rated after all, at a level that breaches a critical component: the band is capped, and the page says so.
    browser.refresh()  # the answers are kept
    sent.unlink()
    type_into(browser, "ratings.SL2.not_rated", "")
    field(browser, "ratings.SL2.not_rated").send_keys(" \b")  # an input event on an emptied box
    choose(browser, "ratings.SL2.value", "4")
    choose(browser, "ratings.SL1.value", "2")  # below its minimum of 3, on a critical component
    shown = shown_score(browser)
    button = browser.find_element("css selector", '[data-action="download"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    assert browser.find_element("id", "spread-form-summary").get_attribute("hidden"), "the answers were refused"
    sent = downloaded(downloads, "peer-diabetes-leeds-2026-Q3.yaml")
    assert run("audit", "import", sent, "--repo", repo, "--today", "2026-11-15", "--force").exit_code == 0
    score = same_score(run, repo, filed, shown)
    assert score["band"] and score["critical_breaches"] == ["SL1"] and score["below_minimum"] == ["SL1"], score
    assert score["capped_by"] and "Critical breach: SL1." in shown["text"], (score, shown)

    # The same answers through a workbook (`audit new --format xlsx`, filled in as Excel would): the same score, and
    # the same audit but for the sources, which a workbook does not ask for.
    other = copy_example(tmp_path / "other")
    book = workbook_with(run, other, tmp_path, {**SCORES, "SL1": "2", "SL2": "4"})
    result = run("audit", "import", book, "--repo", other, "--today", "2026-11-15", "--force")
    assert result.exit_code == 0, result.output
    from_book = other / "fidelity/peer-diabetes/leeds/audits/2026-Q3.yaml"
    assert same_score(run, other, from_book, shown) == score
    unsourced = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (from_book, filed)]
    for data in unsourced:
        for rating in data["ratings"].values():
            rating.pop("sources")
    assert unsourced[0] == unsourced[1]


def workbook_with(run: Any, repo: Path, tmp_path: Path, scores: dict[str, str]) -> Path:
    """Leeds's 2026-Q3 workbook from `spread audit new --format xlsx`, filled in with the test's answers by openpyxl."""
    import datetime

    import openpyxl

    result = run("audit", "new", "peer-diabetes/leeds", "--period", "2026-Q3", "--format", "xlsx", "--force",
                 "--repo", repo, "--today", "2026-11-15", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "peer-diabetes-leeds-2026-Q3.xlsx")
    answers = {"Items": {item: {"C": int(score), "D": EVIDENCE.get(item)} for item, score in scores.items()},
               "Goals": {"E1": {"C": 10, "D": 12}, "E3": {"C": 4}},
               "Figures": {"people-joined": {"E": 9}, "activation": {"E": 4.5, "F": 11}},
               "Voice": {"V1": {"C": 10, "D": 1, "E": 2, "F": 7}}}
    for sheet, rows in answers.items():
        ws = book[sheet]
        for row in range(2, ws.max_row + 1):
            for column, value in rows.get(str(ws[f"A{row}"].value), {}).items():
                ws[f"{column}{row}"] = value
    book["Instructions"]["B9"] = datetime.date(2026, 10, 2)
    sent = tmp_path / "sent.xlsx"
    book.save(sent)
    return sent


def same_score(run: Any, repo: Path, filed: Path, shown: dict[str, str]) -> dict[str, Any]:
    """`spread audit score`'s JSON for the filed audit, having checked the page showed the same band, total and flags."""
    scored = run("audit", "score", filed, "--repo", repo, "--format", "json")
    assert scored.exit_code == 0, scored.output
    score: dict[str, Any] = json.loads(scored.output)
    assert (shown["band"], shown["total"]) == (score["band"] or "", json.dumps(score["total"])), (shown, score)
    assert shown["breaches"] == ",".join(score["critical_breaches"])
    assert shown["below"] == ",".join(score["below_minimum"])
    said = score["band_label"] or score["verdict"] or (f"Band: none, because the audit is incomplete ({score['rated']} "
                                                       f"of {score['items_count']} items rated)")
    assert said in shown["text"], (said, shown["text"])
    assert all(note in shown["text"] for note in score["band_notes"]), (shown["text"], score["band_notes"])
    return score


def test_a_wrong_answer_is_named_beside_its_field_in_the_words_spread_audit_import_uses(
        offline: tuple[Any, Path], handbook: Path, tmp_path: Path, run: Any) -> None:
    from selenium.webdriver.support.ui import Select

    browser, _ = offline
    open_form(browser, handbook)
    Select(field(browser, "site")).select_by_value("leeds")
    type_into(browser, "completed", "08012026")  # before the quarter ended
    for item, score in SCORES.items():
        choose(browser, f"ratings.{item}.value", score)
    choose(browser, "ratings.SL2.value", "3")
    type_into(browser, "ratings.SL2.not_rated", REASON)  # a rating and a reason: keep one
    for name, number in (("goals.E1.numerator", "14"), ("goals.E1.denominator", "12"), ("goals.E3.value", "-2"),
                         ("figures.activation.mean", "4.5"), ("voice.V1.n", "10"), ("voice.V1.answers.disagree", "1"),
                         ("voice.V1.answers.not-sure", "2"), ("voice.V1.answers.agree", "4")):
        type_into(browser, name, number)
    button = browser.find_element("css selector", '[data-action="download"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    page = browser.execute_script(
        "return Array.from(document.querySelectorAll('.spread-form-error:not([hidden])')).map(e => [e.id, e.textContent])")
    shown = dict(page)
    summary = browser.execute_script("var s = document.getElementById('spread-form-summary');"
                                     "return [document.activeElement === s, Array.from(s.querySelectorAll('a'))"
                                     ".map(a => [a.textContent, a.getAttribute('href')])]")
    assert summary[0], "the error summary takes the focus"
    assert sorted(text for text, _ in summary[1]) == sorted(shown.values())
    assert all(href.startswith("#f-") or href.startswith("#") and len(href) > 1 for _, href in summary[1]), summary
    # Each field says it is wrong, and which message describes it.
    for error_id in shown:
        name = error_id.removeprefix("f-").removesuffix("-error")
        described = browser.execute_script(
            "return Array.from(document.querySelectorAll('[name=\"' + arguments[0] + '\"]'))"
            ".map(e => [e.getAttribute('aria-invalid'), (e.getAttribute('aria-describedby') || '') +' '+"
            " (e.closest('[aria-describedby]') || e).getAttribute('aria-describedby')])", name)
        assert described and all(invalid == "true" and error_id in ids for invalid, ids in described), (name, described)
    assert not list(Path(tmp_path).glob("*.yaml"))

    # The file the page would write says the same to `spread audit import`, rule for rule.
    sent = tmp_path / "peer-diabetes-leeds-2026-Q3.yaml"
    sent.write_text(browser.execute_script("return SpreadForm.yaml(SpreadForm.audit())"), encoding="utf-8")
    repo = copy_example(tmp_path / "repo")
    result = run("audit", "import", sent, "--repo", repo, "--force")
    assert result.exit_code == 1
    said = {line.split(": error: ", 1)[1].rsplit(" [", 1)[0] for line in result.output.splitlines() if ": error: " in line}
    # Spread writes an item with a reason as not rated, so only the page can hold both: it refuses to write them.
    both = "SL2 has both a rating and `not_rated`: keep one"
    assert set(shown.values()) == said | {both}, (sorted(shown.values()), sorted(said))
    assert len(said) == 5, said

    # A value the audit schema refuses is worded as `spread check` words schema problems (Ajv's code, precompiled).
    type_into(browser, "figures.people-joined.count", "-3")
    button.click()
    message = browser.execute_script("return document.getElementById('f-figures.people-joined.count-error').textContent")
    sent.write_text(browser.execute_script("return SpreadForm.yaml(SpreadForm.audit())"), encoding="utf-8")
    result = run("audit", "import", sent, "--repo", repo, "--force")
    assert result.exit_code == 1
    assert f"error: {message} [schema-minimum]" in result.output, (message, result.output)
    assert message == "`count` is -3 but must be at least 0"


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The minimal network with markup in the playbook's title, a practice level and the site's name, built by each
    engine."""
    from click.testing import CliRunner

    from conftest import GIT_ENV, HANDBOOK_TODAY, MINIMAL_AUDIT, MINIMAL_PLAYBOOK, MINIMAL_SITE, write
    from spread.cli import cli

    root = tmp_path_factory.mktemp(f"hostile-{request.param}") / "demo"
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK.replace(
        "title: Demo circles", f"title: {json.dumps('Demo ' + HOSTILE)}").replace(
        "expected: Every circle is led by a trained peer.", f"expected: {json.dumps('Peers lead ' + HOSTILE)}"))
    write(root / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE.replace("name: Demo Leeds",
                                                                        f"name: {json.dumps('Leeds ' + HOSTILE)}"))
    write(root / "fidelity/demo/leeds/audits/2026-Q2.yaml", MINIMAL_AUDIT)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        result = CliRunner().invoke(cli, ["publish", "--engine", request.param, "--repo", str(root), "--today",
                                          HANDBOOK_TODAY], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return request.param, root


def test_both_engines_build_a_form_that_scores_and_shows_markup_in_a_playbook_or_site_as_text(
        offline: tuple[Any, Path], hostile: tuple[str, Path]) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.support.ui import Select

    browser, _ = offline
    engine, root = hostile
    open_form(browser, root, "playbooks/demo/audit-form-1.0.0.html")
    Select(field(browser, "site")).select_by_value("leeds")
    choose(browser, "ratings.peer-led.value", "expected")
    choose(browser, "ratings.regular.value", "developmental")
    page = browser.find_element("tag name", "article").text
    assert f"Demo {HOSTILE}" in page and f"Peers lead {HOSTILE}" in page, engine
    assert Select(field(browser, "site")).first_selected_option.text == f"Leeds {HOSTILE}"
    assert browser.execute_script("return document.querySelectorAll('article img, article script:not([src])').length") == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018  no script from the playbook or the site ran
    shown = shown_score(browser)
    assert shown["left"] == "0" and shown["band"], (engine, shown)
    # The site's name reaches the file only inside its comments, as `spread audit new` writes it.
    text = browser.execute_script("return SpreadForm.yaml(SpreadForm.audit())")
    assert f"# Self-audit of Leeds {HOSTILE}" in text and yaml.safe_load(text)["site"] == "leeds"


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_the_form_blank_or_with_its_errors_in_either_scheme(
        offline: tuple[Any, Path], handbook: Path, width: int) -> None:
    browser, _ = offline
    problems = []
    try:
        browser.set_window_size(width, 1600)
        open_form(browser, handbook)
        choose(browser, "ratings.PF1.value", "4")
        type_into(browser, "actions.0.action", "Train a second facilitator")
        type_into(browser, "actions.0.due", "1231")  # a date without its year, named beside the field
        browser.execute_script("document.querySelector('[data-action=\"add-action\"]').click()")
        browser.execute_async_script(SETTLED)
        problems += [f"blank: {p}" for p in axe(browser)]
        browser.execute_script("document.querySelector('[data-action=\"download\"]').click()")
        assert browser.execute_script("return !document.getElementById('spread-form-summary').hidden")
        browser.execute_async_script(SETTLED)  # the jump to the summary fades in Material's back-to-top button
        problems += [f"with errors: {p}" for p in axe(browser)]
        browser.execute_script("document.body.setAttribute('data-md-color-scheme', 'slate')")
        browser.execute_async_script(SETTLED)  # Material eases colours from one scheme to the other
        problems += [f"dark, with errors: {p}" for p in axe(browser, ("color-contrast", "link-in-text-block"))]
        if width < 500:  # nothing wider than the phone's screen
            assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    finally:
        browser.set_window_size(1280, 1600)
    assert not problems, "\n".join(problems)


def test_the_form_works_by_keyboard_alone_with_the_focus_always_visible(
        offline: tuple[Any, Path], handbook: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser, _ = offline
    open_form(browser, handbook)
    keys = ActionChains(browser)
    site = tab_to(browser, ("name", "site"))
    assert site["outline"].startswith("solid"), site
    keys.send_keys(Keys.ARROW_DOWN).perform()  # a closed list moves to its next option
    assert field(browser, "site").get_attribute("value") == "lambeth"
    first = tab_to(browser, ("name", "ratings.PF1.value"))
    assert first["outline"].startswith("solid"), first
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()  # arrows choose within the item's group
    chosen = focused(browser)
    assert chosen["name"] == "ratings.PF1.value" and chosen["checked"], chosen
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    then = focused(browser)
    assert then["checked"] and then["value"] != chosen["value"], (chosen, then)
    nxt = tab_to(browser, ("type", "radio", False))  # one Tab leaves the group
    assert nxt["name"] == "ratings.PF1.evidence", nxt
    more = tab_to(browser, ("action", "add-action"))
    assert more["outline"].startswith("solid"), more
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert focused(browser)["name"] == "actions.1.item"  # the new row's first field
    download = tab_to(browser, ("action", "download"))
    assert download["outline"].startswith("solid"), download
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    summary = focused(browser)
    assert summary["id"] == "spread-form-summary", summary
    link = tab_to(browser, ("tag", "A"), 5)
    assert link["outline"].startswith("solid"), link
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert focused(browser)["name"] == "completed"  # the first problem: the day the audit was finished
    reset = tab_to(browser, ("action", "reset"))
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    alert = browser.switch_to.alert
    assert "start again" in alert.text.lower()
    alert.dismiss()  # asked first: no answer is lost when the person says no
    assert field(browser, "site").get_attribute("value") == "lambeth"
    assert focused(browser)["action"] == reset["action"]
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    browser.switch_to.alert.accept()
    assert field(browser, "site").get_attribute("value") == ""
    assert browser.execute_script("return localStorage.getItem('spread-form:peer-diabetes@2.0.0')") is None
    browser.refresh()
    assert not any(e.is_selected() for e in browser.find_elements("css selector", '[name="ratings.PF1.value"]'))


@pytest.fixture(scope="module")
def regimed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal network with a light-touch regime beside the full one (issue 20), built once."""
    from click.testing import CliRunner

    from conftest import GIT_ENV, HANDBOOK_TODAY, MINIMAL_PLAYBOOK, MINIMAL_SITE, write
    from spread.cli import cli
    from test_regimes import REGIMES

    root = tmp_path_factory.mktemp("regimes") / "demo"
    assert MINIMAL_PLAYBOOK != REGIMES
    write(root / "playbooks/demo/playbook.yaml", REGIMES)
    write(root / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        result = CliRunner().invoke(cli, ["publish", "--repo", str(root), "--today", HANDBOOK_TODAY],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def test_a_review_regime_rates_its_own_items_and_writes_what_audit_new_writes_for_it(
        offline: tuple[Any, Path], regimed: Path, tmp_path: Path, run: Any) -> None:
    from selenium.webdriver.support.ui import Select

    from spread.model import periods
    from spread.model.regimes import for_regime, regime_of

    browser, _ = offline
    open_form(browser, regimed, "playbooks/demo/audit-form-1.0.0.html")
    visible = "return Array.from(document.querySelectorAll('.spread-form-item')).filter(e => !e.hidden).map(e => e.dataset.item)"
    checked = "return document.querySelector('[name=regime]:checked').value"
    assert browser.execute_script(checked) == "full"  # chosen at first, as `audit new` chooses
    assert browser.execute_script(visible) == ["peer-led", "regular"]
    choose(browser, "regime", "registration")
    assert browser.execute_script(visible) == ["peer-led"]
    Select(field(browser, "site")).select_by_value("leeds")
    choose(browser, "ratings.peer-led.value", "developmental")  # below expected practice: where the plan starts
    hint = browser.find_element("id", "spread-form-plan-focus")
    assert hint.text == "Start with peer-led (developmental, below expected practice)."
    choose(browser, "ratings.peer-led.value", "expected")
    assert hint.text == "No item rated so far is below its minimum or below expected practice."
    type_into(browser, "ratings.peer-led.evidence", "Every session led by a trained peer")
    today = date.today()
    type_into(browser, "completed", today.strftime("%m%d%Y"))
    assert shown_score(browser)["left"] == "0"
    text = browser.execute_script("return SpreadForm.yaml(SpreadForm.audit())")
    assert browser.execute_script("return SpreadForm.problems(SpreadForm.audit())") == []

    network = load_network(regimed)
    pb = network.playbooks["demo"]
    regime = regime_of(pb.instrument, "registration")
    answers = AuditAnswers({"peer-led": Rating("peer-led", level="expected",
                                               evidence="Every session led by a trained peer")},
                           completed=today.isoformat())
    folder = regimed / "fidelity/demo/leeds/audits"
    period = browser.execute_script("return SpreadForm.audit().period")
    assert period == periods.previous(periods.containing(today, "yearly"))  # as `audit new` would rate today
    assert text == audit_yaml(regimed, folder, network.sites[("demo", "leeds")], for_regime(pb, "registration"),
                              period, answers, regime)
    sent = tmp_path / "demo-leeds-2025.yaml"
    sent.write_text(text, encoding="utf-8")
    result = run("audit", "import", sent, "--repo", regimed)
    assert result.exit_code == 0, result.output


# Leeds's action plan: one about an item below its minimum (long enough to be folded, with a colon and quotes), one
# about the whole programme.
ACTIONS = (Action("SL3", 'Agree a named clinical link with the practice nurse team, in writing, and put their number on '
                         'every sign-in sheet: "call today", not next week', "site-coordinator", "2026-12-31"),
           Action(None, "Recruit two more facilitators", "volunteer-lead", "2027-01-31"))


def visible_rows(browser: Any) -> int:
    return int(browser.execute_script(
        "return Array.from(document.querySelectorAll('.spread-form-action')).filter(e => !e.hidden).length"))


def test_an_action_plan_names_where_to_start_is_kept_and_imports_as_typed(
        offline: tuple[Any, Path], handbook: Path, tmp_path: Path, run: Any) -> None:
    from selenium.webdriver.support.ui import Select

    browser, downloads = offline
    open_form(browser, handbook)
    fill_first_half(browser)
    hint = browser.find_element("id", "spread-form-plan-focus")
    assert hint.text == "No item rated so far is below its minimum or below expected practice."
    choose(browser, "ratings.SL1.value", "2")  # below its minimum of 3: named at once, before the score is whole
    assert hint.text == "Start with SL1 (below its minimum)." and shown_score(browser)["left"] != "0"
    fill_second_half(browser)
    choose(browser, "ratings.SL1.value", "2")
    shown = shown_score(browser)
    # The items to start with are the page's own score's flags, named above the rows.
    assert shown["left"] == "0" and shown["below"] == hint.get_attribute("data-flagged") == "SL1", (hint.text, shown)
    assert visible_rows(browser) == 1
    Select(field(browser, "actions.0.item")).select_by_value("SL3")
    more = browser.find_element("css selector", '[data-action="add-action"]')
    for n, action in enumerate(ACTIONS):
        if n:
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", more)
            more.click()
            assert browser.execute_script("return document.activeElement.name") == f"actions.{n}.item"
        type_into(browser, f"actions.{n}.action", action.action)
        type_into(browser, f"actions.{n}.owner", action.owner)
        assert action.due
        year, month, day = action.due.split("-")
        type_into(browser, f"actions.{n}.due", month + day + year)
    browser.refresh()  # the plan is kept with the rest, its filled rows shown
    assert visible_rows(browser) == 2
    assert field(browser, "actions.0.item").get_attribute("value") == "SL3"
    assert field(browser, "actions.1.action").get_attribute("value") == ACTIONS[1].action
    assert field(browser, "actions.1.due").get_attribute("value") == ACTIONS[1].due
    (downloads / "peer-diabetes-leeds-2026-Q3.yaml").unlink(missing_ok=True)  # an earlier test's download
    button = browser.find_element("css selector", '[data-action="download"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    sent = downloaded(downloads, "peer-diabetes-leeds-2026-Q3.yaml")
    text = sent.read_text(encoding="utf-8")
    sent = shutil.move(sent, tmp_path / sent.name)  # the shared downloads folder is left empty for the next test
    repo = copy_example(tmp_path / "repo")
    result = run("audit", "import", sent, "--repo", repo, "--today", "2026-11-15", "--force")
    assert result.exit_code == 0, result.output
    # Read back by Spread's own loader: the actions as typed, and the file's plan as `audit new` writes it.
    audit = next(a for a in load_network(repo).audits[("peer-diabetes", "leeds")] if a.period == "2026-Q3")
    assert audit.actions == ACTIONS
    plan = "# Action plan"
    assert text.split(plan)[1] == reference(repo, text, ACTIONS).split(plan)[1]


def test_a_due_date_typed_in_part_is_named_beside_its_field_in_the_schemas_words(
        offline: tuple[Any, Path], handbook: Path, tmp_path: Path, run: Any) -> None:
    browser, _ = offline
    open_form(browser, handbook)
    fill_first_half(browser)
    fill_second_half(browser)
    type_into(browser, "actions.0.action", "Train a second facilitator")
    type_into(browser, "actions.0.due", "1231")  # the day and month, but no year
    button = browser.find_element("css selector", '[data-action="download"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    shown = dict(browser.execute_script(
        "return Array.from(document.querySelectorAll('.spread-form-error:not([hidden])')).map(e => [e.id, e.textContent])"))
    message = "`due` is not a whole date: write the date as YYYY-MM-DD, for example 2026-12-31"
    assert shown == {"f-actions.0.due-error": message}, shown
    assert field(browser, "actions.0.due").get_attribute("aria-invalid") == "true"
    # A due date that is not a date, in the file, is refused by `spread audit import` with the same advice.
    text = browser.execute_script("return SpreadForm.yaml(SpreadForm.audit())")
    assert "    due:\n" in text
    sent = tmp_path / "peer-diabetes-leeds-2026-Q3.yaml"
    sent.write_text(text.replace("    due:\n", "    due: 31/12\n"), encoding="utf-8")
    result = run("audit", "import", sent, "--repo", copy_example(tmp_path / "repo"), "--today", "2026-11-15", "--force")
    assert result.exit_code == 1
    assert '`due` is "31/12": ' + message.split(": ", 1)[1] + " [schema-pattern]" in result.output, result.output
