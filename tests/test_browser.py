"""The built handbook in a real browser: headless Chromium finds a site through the search box, and an axe-core
scan finds no serious or critical accessibility problem on the four kinds of page.

Needs Debian's `chromium` and `chromium-driver` and `npm ci --prefix tests/js` (for axe-core). Screenshots of
the pages land in benchmarks/artifacts/screenshots/ so a person can look at them.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import REPO
from spread.network.repo import load_network

pytestmark = pytest.mark.slow

AXE = REPO / "tests/js/node_modules/axe-core/axe.min.js"
SHOTS = REPO / "benchmarks/artifacts/screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
         "--window-size=1280,1600"]
PAGES = {"home": "index.html", "playbook": "playbooks/peer-diabetes/index.html",
         "site": "playbooks/peer-diabetes/sites/leeds.html", "dashboard": "playbooks/peer-diabetes/dashboard.html"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(handbook: Path) -> Iterator[str]:
    """The built handbook on 127.0.0.1, as any static web server would serve it."""
    handler = functools.partial(Quiet, directory=str(handbook / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver, "install Debian's chromium and chromium-driver packages to run the browser tests"
    assert AXE.is_file(), "run `npm ci --prefix tests/js` to install axe-core"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager download a driver
        session = webdriver.Chrome(service=Service(driver), options=options)
    session.set_script_timeout(60)
    session.implicitly_wait(0)
    yield session
    session.quit()


def wait(browser: Any, condition: Any, what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 60, poll_frequency=0.2).until(condition, message=f"never found {what}")


@pytest.mark.parametrize("where", ["web server", "file"])
def test_search_box_finds_a_site(browser: Any, served: str, handbook: Path, where: str) -> None:
    """Over http, and opened straight from the folder (file://), where search runs through the packaged shim."""
    from selenium.webdriver.common.by import By

    site = load_network(handbook).sites[("peer-diabetes", "leeds")]
    home = served if where == "web server" else (handbook / "site").as_uri() + "/"
    browser.get(home + "index.html")
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys("Chapeltown")
    link = wait(browser, lambda b: next((a for a in b.find_elements(By.CSS_SELECTOR, ".md-search-result__link")
                                        if urlsplit(a.get_attribute("href")).path.endswith("/sites/leeds.html")), None),
                "the Leeds site among the search results")
    browser.get(link.get_attribute("href"))
    assert browser.find_element(By.TAG_NAME, "h1").text == site.name


def serious_violations(browser: Any, context: str = "document") -> str:
    """axe-core's serious and critical findings on the open page (within the JavaScript expression `context`), one
    line each; empty when there are none."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"axe.run({context}, {{resultTypes: ['violations']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), where: []}]));")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    return "\n".join(f"{v['impact']}: {v['id']} — {v['help']} at {v['where']}" for v in serious)


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_problems(browser: Any, served: str, kind: str) -> None:
    browser.get(served + PAGES[kind])
    serious = serious_violations(browser)
    _screenshot(browser, kind)
    assert not serious, serious


def _screenshot(browser: Any, kind: str) -> None:
    height = min(int(browser.execute_script("return document.documentElement.scrollHeight")), 4000)
    browser.set_window_size(1280, height)
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{kind}.png"))
    browser.set_window_size(1280, 1600)
