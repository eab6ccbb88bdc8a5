"""The built handbook in a real browser: headless Chromium finds a site through the search box, and an axe-core
scan finds no serious or critical accessibility problem on the four kinds of page.

Needs Debian's `chromium` and `chromium-driver` and `npm ci --prefix tests/js` (for axe-core). Screenshots of
the pages land in benchmarks/artifacts/screenshots/ so a person can look at them.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import AXE, REPO, fresh
from spread.network.repo import load_network

pytestmark = pytest.mark.slow

SHOTS = REPO / "benchmarks/artifacts/screenshots"
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
def browser(shared_browser: Any) -> Iterator[Any]:
    """The session's headless Chromium (tests/conftest.py), put back as it was when this file's tests are done."""
    yield shared_browser
    fresh(shared_browser)


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


# What only the search box reads: tests that do not search block it, so that no page loads it while they measure.
SEARCH_INDEX = ["*/search/search_index.*", "*/workers/search.*", "*/search.json"]
# Waits until nothing has been easing for two frames: a scroll or a scheme change starts its transitions a frame
# or two later (Material's back-to-top button fades in after the scroll event), and axe must never measure mid-fade.
SETTLED = ("const done = arguments[arguments.length - 1];"
           "const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));"
           "const fading = () => document.getAnimations().filter(a => a instanceof CSSTransition"
           " && a.playState === 'running');"
           "(async () => { let waited = 0;"
           " for (let round = 0; round < 20; round++) { await frames(); const now = fading();"
           "  if (!now.length) break; waited += now.length;"
           "  await Promise.all(now.map(a => a.finished.catch(() => null))); }"
           " done(waited); })();")


def focused(browser: Any) -> dict[str, Any]:
    return dict(browser.execute_script(
        "var e = document.activeElement, s = getComputedStyle(e);"
        "return {name: e.name || '', type: e.type || '', value: e.value, checked: !!e.checked, id: e.id,"
        " action: e.getAttribute('data-action'), outline: s.outlineStyle + ' ' + s.outlineWidth, tag: e.tagName}"))


# Tab is pressed in batches (a round trip per key made the keyboard test take 20 s): the page stops taking Tab as
# soon as focus reaches the field wanted, so focus rests there exactly as if the person had stopped pressing.
STOP_AT = """
const [key, value, same] = arguments;
const info = e => ({name: e.name || '', type: e.type || '', id: e.id, action: e.getAttribute('data-action'),
                   tag: e.tagName});
if (!window.__spreadStop) {
  window.__spreadStop = {want: null, reached: false};
  document.addEventListener('focusin', () => {
    const stop = window.__spreadStop;
    if (stop.want && (info(document.activeElement)[stop.want[0]] === stop.want[1]) === stop.want[2]) stop.reached = true;
  }, true);
  document.addEventListener('keydown', e => {
    if (e.key === 'Tab' && window.__spreadStop.reached) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
}
window.__spreadStop.want = [key, value, same];
window.__spreadStop.reached = false;
"""
DONE = "const stop = window.__spreadStop, got = stop.reached; stop.want = null; stop.reached = false; return got;"


def tab_to(browser: Any, wanted: Any, limit: int = 400) -> dict[str, Any]:
    """Press Tab until the focused field matches `wanted`, a callable on `focused`'s dict (a key at a time), or
    (key, value) for the first field whose key is value, or (key, value, False) for the first whose key is not."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    if callable(wanted):
        for _ in range(limit):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            now = focused(browser)
            if wanted(now):
                return now
        raise AssertionError("never reached by Tab")
    key, value, *same = wanted
    browser.execute_script(STOP_AT, key, value, same[0] if same else True)
    pressed = 0
    while pressed < limit:
        batch = min(20, limit - pressed)
        ActionChains(browser).send_keys(Keys.TAB * batch).perform()
        pressed += batch
        if browser.execute_script("return window.__spreadStop.reached"):
            browser.execute_script(DONE)
            return focused(browser)
    browser.execute_script(DONE)
    raise AssertionError(f"{wanted} never reached by Tab")


def serious_violations(browser: Any, context: str = "document") -> str:
    """axe-core's serious and critical findings on the open page (within the JavaScript expression `context`), one
    line each; empty when there are none."""
    browser.execute_async_script(SETTLED)
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


def downloaded(folder: Path, name: str) -> Path:
    """The file Chromium downloaded into `folder` (sent to a temporary folder by CDP), once it is whole."""
    path = folder / name
    for _ in range(100):
        if path.is_file() and not list(folder.glob("*.crdownload")):
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; the folder holds {sorted(p.name for p in folder.iterdir())}")
