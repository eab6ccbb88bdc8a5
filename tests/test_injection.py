"""Hostile text in every free-text field of every file kind, and in CHANGELOG.md through `spread playbook
release --summary`, built into a handbook once and opened in headless Chromium: nothing runs, and nothing the
text says becomes structure on the page. The same network built by Zensical (`--engine zensical`) is held to
the same: nothing in its files runs, nothing runs in Chromium, its policy refuses a script that got through,
and its search shows hostile text as text.

Every payload sits between its own pair of markers (`injection.py`): shown as text, a payload keeps its pair
together in one element; a payload that made a heading, a list item, a cell or a paragraph splits them. The
Markdown fields (`escaping.MARKDOWN_FIELDS`) may hold their own headings and lists: those live inside a
`.spread-prose` block, and only the outside of such blocks is held to the markers.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import http.server
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner

import injection
import searching
from conftest import GIT_ENV, HANDBOOK_TODAY, Run, copy_example, write
from spread.cli import cli
from test_browser import SEARCH_INDEX, Quiet, browser  # noqa: F401  (`browser`: the browser tests' Chromium, a fixture)

pytestmark = pytest.mark.slow

# Extensions a user may turn on in mkdocs.yml: their syntax must do nothing in user text either.
EXTENSIONS = """
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.magiclink
  - pymdownx.mark
  - pymdownx.caret
  - pymdownx.tilde
  - pymdownx.keys
  - pymdownx.snippets:
      base_path: ["{base}"]
      restrict_base_path: false
      check_paths: false
"""
# Recorded from the start of every page and frame: each dialog a script tries to open, and each CSP refusal.
LISTENER = """
(() => {
  const record = (kind, what) => {
    try { (top.__spread = top.__spread || []).push(kind + ": " + String(what)); }
    catch (e) { (window.__spread = window.__spread || []).push(kind + ": " + String(what)); }
  };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { record("dialog " + name, args.join(" ")); return null; };
  }
  document.addEventListener("securitypolicyviolation",
    e => record("csp", e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
})();
"""
# Everything the browser finds wrong on one page: script elements, handlers, script and data addresses,
# embedded documents, and payload text split across structure outside a Markdown block.
INSPECT = r"""
const found = {recorded: window.__spread || [], inline: [], external: [], handlers: [], addresses: [],
               embedded: [], links: [], split: [], holders: []};
for (const s of document.scripts) {
  if (s.src) found.external.push(s.src);
  else if (!(s.type === "application/json" && s.id === "__config")) found.inline.push(s.text);
}
const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background",
                   "cite", "ping", "srcdoc"];
const EMBEDDED = ["IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE", "PORTAL"];
const holders = new Set();
// The payload markers below `node`, as number -> 1 (the opening one), 2 (the closing one) or 3 (both), checking
// on the way that no element outside a Markdown block holds one of a pair without the other.
function visit(node, prose) {
  const markers = new Map();
  prose = prose || (node.classList && node.classList.contains("spread-prose"));
  for (const a of node.attributes || []) {
    if (a.name.startsWith("on")) found.handlers.push(node.tagName + " " + a.name);
    const value = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
    if (URL_ATTRS.includes(a.name) && /^(javascript|data|vbscript):/.test(value))
      found.addresses.push(node.tagName + " " + a.name + "=" + a.value.slice(0, 60));
    if (["href", "src"].includes(a.name) && /example\.org/.test(a.value) && !prose)
      found.links.push(node.tagName + " " + a.name + "=" + a.value);
  }
  const tag = (node.tagName || "").toUpperCase();
  if (EMBEDDED.includes(tag) || (tag === "META" && node.httpEquiv && node.httpEquiv.toLowerCase() !== "content-security-policy")
      || (["IMG", "HR"].includes(tag) && !prose)) found.embedded.push(tag);
  for (const child of node.childNodes) {
    if (child.nodeType === 3) {
      for (const m of child.data.matchAll(/ZZ(\d+)([ab])/g)) {
        markers.set(m[1], (markers.get(m[1]) || 0) | (m[2] === "a" ? 1 : 2));
        if (!prose) holders.add(tag.toLowerCase());
      }
    } else if (child.nodeType === 1) {
      for (const [n, bits] of visit(child, prose)) markers.set(n, (markers.get(n) || 0) | bits);
    }
  }
  // A site's reasons keep their paragraphs; code spans run from a backtick to the next, as written.
  const own = tag === "CODE" || (tag === "P" && node.closest(".spread-adaptations"));
  if (!prose && !own) {
    for (const [n, bits] of markers) {
      if (bits !== 3) found.split.push(tag + " ZZ" + n + (bits === 1 ? "a" : "b") + ": " + node.textContent.trim().slice(0, 80));
    }
  }
  return markers;
}
visit(document.documentElement, false);
found.holders = [...holders];
return found;
"""
# The elements the handbook itself puts user text in (outside Markdown blocks); `text`: a site's name or a measure's
# unit written beside a chart's point or axis; `legend` and `option`: an item's title and a site's name on the
# self-audit form.
HOLDERS = {"a", "code", "dd", "desc", "div", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend",
           "li", "option", "p", "span", "strong", "td", "text", "th", "title"}
# What the search index may hold: its results are shown as HTML.
SEARCH_TAGS = {"p", "code", "li", "ul", "ol", "pre", "em", "strong", "dl", "dt", "dd", "blockquote", "table", "thead",
               "tbody", "tr", "th", "td", "hr", "br", "a", "h1", "h2", "h3", "h4", "h5", "h6", "del", "mark"}


@dataclass(frozen=True)
class Build:
    root: Path
    exit_code: int
    output: str
    engine: str = "mkdocs"

    @property
    def site(self) -> Path:
        return self.root / ("site" if self.engine == "mkdocs" else f"site-{self.engine}")

    def search_index(self) -> list[dict[str, Any]]:
        """The search index's entries (location, title, text), as each engine writes them."""
        if self.engine == "zensical":
            return list(json.loads((self.site / "search.json").read_text(encoding="utf-8"))["items"])
        return list(json.loads((self.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"])

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _build(folder: Path, corpus: list[str], summary: str, changelog: str) -> Build:
    """A copy of the example network with `corpus` planted, released and published."""
    root = copy_example(folder)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n" + EXTENSIONS.format(base=folder.parent).lstrip("\n"), 1),
        encoding="utf-8")
    injection.add_missing(root)
    injection.plant(root, corpus)
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "The planted network")
    repo.close()
    released = _invoke("playbook", "release", "code-club", "--summary", summary, "--yes", "--today", HANDBOOK_TODAY,
                       "--repo", str(root))
    assert released.exit_code == 0, released.output
    log = root / "playbooks/peer-diabetes/CHANGELOG.md"
    log.write_text(log.read_text(encoding="utf-8").replace("## [2.0.0]", changelog + "\n\n## [2.0.0]", 1),
                   encoding="utf-8")
    # For the network: every site, so that every planted field reaches a page.
    result = _invoke("publish", "--repo", str(root), "--today", HANDBOOK_TODAY, "--audience", "network")
    return Build(root, result.exit_code, result.output)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example network with the corpus planted, released and published (once for the module)."""
    base = tmp_path_factory.mktemp("injection")
    secret = base / "secret.txt"
    secret.write_text(injection.SECRET, encoding="utf-8")
    corpus = injection.payloads(secret)
    one_line = " ".join(" ".join(p.split()) for p in corpus if "\n" not in p)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        patch.setenv("NO_COLOR", "1")
        return _build(base / "hostile", corpus, one_line, "## [1.5.0] - 2026-01-01\n\n" + "\n\n".join(corpus))


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def built(request: pytest.FixtureRequest, hostile: Build) -> Build:
    """The hostile network built by each engine (Zensical's beside MkDocs', from the same repository)."""
    if request.param == "mkdocs":
        return hostile
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        result = _invoke("publish", "--engine", "zensical", "--site-dir", str(hostile.root / "site-zensical"),
                         "--repo", str(hostile.root), "--today", HANDBOOK_TODAY, "--audience", "network")
    return Build(hostile.root, result.exit_code, result.output, "zensical")


def _published(build: Build) -> Path:
    assert build.exit_code == 0, f"the hostile network did not publish: {build.output}"
    return build.site


@pytest.fixture(scope="module")
def served(built: Build) -> Iterator[str]:
    """The hostile handbook on 127.0.0.1, as any static web server would serve it."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def chromium(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The browser of the browser tests, recording every dialog and refused script from the start of each page
    (until this file is done: the browser is the session's)."""
    session = request.getfixturevalue("browser")
    listener = session.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTENER})
    yield session
    session.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": listener["identifier"]})


def _policy_hashes(html: str) -> set[str]:
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    return set(re.findall(r"'(sha256-[^']+)'", meta.group(1))) if meta else set()


def _sha256(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


def test_the_hostile_network_publishes(built: Build) -> None:
    site = _published(built)
    assert (site / "playbooks/code-club/index.html").is_file() and len(built.pages()) > 40


def test_no_built_file_holds_anything_that_runs(built: Build) -> None:
    """The raw HTML of every page, and the search index, read without a browser: scripts only the theme's own,
    no handler or script address, no embedded document, every placeholder put back, no included file."""
    site = _published(built)
    problems = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        found = injection.scan(html)
        allowed = _policy_hashes(html)
        problems += [f"{path.name}: inline script {s[:60]!r}" for s in found.inline if _sha256(s) not in allowed]
        problems += [f"{path.name}: script {s}" for s in found.external if "assets/" not in s]
        problems += [f"{path.name}: {d}" for d in found.dangers]
        problems += [f"{path.name}: a placeholder left"] if "<!-- spread-deferred-block" in html else []
        first_script = html.find("<script")
        policy = html.find('<meta http-equiv="Content-Security-Policy"')
        problems += [f"{path.name}: no security policy before the first script"] if not 0 <= policy < first_script else []
    for doc in built.search_index():
        for field in ("title", "text"):
            found = injection.scan(doc[field])
            tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", doc[field]))
            problems += [f"search {doc['location']}: {d}" for d in found.dangers]
            problems += [f"search {doc['location']}: <{t}>" for t in tags - SEARCH_TAGS]
    for path in site.rglob("*"):
        if path.is_file() and injection.SECRET.encode() in path.read_bytes():
            problems.append(f"{path.relative_to(site)}: the content of a file named in a snippet include")
    assert not problems, "\n".join(problems[:60])


def test_nothing_runs_and_nothing_is_injected_in_chromium(chromium: Any, served: str, built: Build) -> None:
    """Every page of the hostile handbook, opened over http: no dialog, no refused script, no script of anyone
    but the theme and Spread, no handler, no script address, no embedded document, no link the text made, no
    payload split across structure, and payload text only where the handbook puts user text. (The search
    index is left unloaded here, for speed; the search test reads it.)"""
    _published(built)
    problems: list[str] = []
    holders: set[str] = set()
    chromium.execute_cdp_cmd("Network.setBlockedURLs", {"urls": SEARCH_INDEX})
    try:
        for page in built.pages():
            chromium.get(served + page)
            found = chromium.execute_script(INSPECT)
            allowed = _policy_hashes((built.site / page).read_text(encoding="utf-8"))
            found["inline"] = [s[:80] for s in found["inline"] if _sha256(s) not in allowed]
            found["external"] = [s for s in found["external"] if not s.startswith(served + "assets/")]
            holders |= set(found.pop("holders"))
            problems += [f"{page}: {kind}: {what}" for kind, items in found.items() for what in items[:5]]
    finally:
        chromium.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    assert not problems, "\n".join(problems[:60])
    assert holders <= HOLDERS, holders - HOLDERS


def _shown(value: str) -> str:
    """What a reader sees of a short value: whitespace collapsed, code spans without their backticks."""
    plain = " ".join(value.split())
    return re.sub(r"(`+)(.+?)\1", lambda m: m.group(2).strip() or m.group(2), plain)


def test_titles_read_as_written_on_the_page_its_title_its_contents_and_in_search(hostile: Build) -> None:
    """A hostile title is shown as its characters: in the page's heading, its <title> and the navigation (where
    code cannot be shown, so its backticks stay), the table of contents and the search index."""
    from spread.network.repo import load_network

    site = _published(hostile)
    network = load_network(hostile.root)
    index = {doc["location"]: doc["title"] for doc in
             json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    name = "Spread example handbook"
    checked = 0
    for pid, pb in network.playbooks.items():
        page = injection.scan((site / f"playbooks/{pid}/index.html").read_text(encoding="utf-8"))
        assert page.texts["h1"] == [_shown(pb.title)]
        assert page.texts["title"][0] == f"{' '.join(pb.title.split())} - {name}"  # backticks and all
        assert {_shown(c.title) for c in pb.core} <= set(page.texts["toc"])
        assert unescape(re.sub(r"<[^>]+>", "", index[f"playbooks/{pid}/index.html"])) == _shown(pb.title)
        checked += 1
    for (pid, sid), found in network.sites.items():
        page = injection.scan((site / f"playbooks/{pid}/sites/{sid}.html").read_text(encoding="utf-8"))
        assert page.texts["h1"] == [_shown(found.name)]
        assert page.texts["title"][0] == f"{' '.join(found.name.split())} - {name}"
        assert unescape(re.sub(r"<[^>]+>", "", index[f"playbooks/{pid}/sites/{sid}.html"])) == _shown(found.name)
        checked += 1
    assert checked == len(network.playbooks) + len(network.sites)
    home = injection.scan((site / "index.html").read_text(encoding="utf-8"))
    assert {" ".join(pb.title.split()) for pb in network.playbooks.values()} <= set(home.texts["nav"])


def test_search_shows_hostile_text_as_text(chromium: Any, served: str, built: Build) -> None:
    """Search results are drawn from the index as HTML: a search that finds hostile pages shows their text and
    runs nothing."""
    from selenium.webdriver.support.ui import WebDriverWait

    _published(built)
    chromium.get(served + "index.html")
    WebDriverWait(chromium, 60, poll_frequency=0.2).until(searching.search(chromium, built.engine, "Chapeltown"),
                                                          message="never found any result")
    found = chromium.execute_script(INSPECT)
    assert found["recorded"] == [] and found["handlers"] == [] and found["addresses"] == []
    results = "".join(searching.results(chromium, built.engine, "innerHTML"))
    assert "ZZ" in results and "<script" not in results and "<img" not in results
    assert not re.search(r"\son\w+=|javascript:", results)


PROBE = '<script>alert("inline")</script><img src="x" onerror="alert(\'handler\')"><a id="probe" href="javascript:alert(\'address\')">probe</a>'


@pytest.mark.parametrize("where", ["web server", "file"])
def test_the_security_policy_blocks_a_script_that_got_through(chromium: Any, served: str, built: Build,
                                                              where: str) -> None:
    """Were a script to slip into a page, the page's Content-Security-Policy would still refuse it: an inline
    script, a handler and a script address written into a built page run nothing, over http and from file://."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    site = _published(built)
    page = site / "playbooks/peer-diabetes/sites/probe.html"
    html = (site / "playbooks/peer-diabetes/sites/leeds.html").read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    try:
        chromium.get((served if where == "web server" else site.as_uri() + "/") + "playbooks/peer-diabetes/sites/probe.html")
        chromium.execute_script("document.getElementById('probe').click()")
        # The browser reports each refusal as an event of its own, a moment later (later still on a busy machine):
        # wait for both refusals, or 30 s, before reading what was recorded.
        with contextlib.suppress(TimeoutException):
            WebDriverWait(chromium, 30, poll_frequency=0.1).until(lambda d: REFUSED <= _refused(d))
        recorded = chromium.execute_script("return window.__spread || []")
    finally:
        page.unlink()
    assert not [r for r in recorded if r.startswith("dialog")], recorded
    assert REFUSED <= {r.split()[1] for r in recorded if r.startswith("csp:")}, recorded  # the script and the handler


REFUSED = {"script-src-elem", "script-src-attr"}


def _refused(chromium: Any) -> set[str]:
    return {r.split()[1] for r in chromium.execute_script("return window.__spread || []") if r.startswith("csp:")}


def test_a_users_own_theme_overrides_keep_the_policy(demo: Path, run: Run) -> None:
    """mkdocs.yml's `theme.custom_dir` still overrides Material's templates, and every page still starts with
    the security policy, even where the user's own main.html overrides the block that held it."""
    write(demo / "overrides/main.html", '{% extends "base.html" %}{% block site_meta %}<meta name="ours" '
          'content="1">{% endblock %}{% block content %}<p id="ours">Our own block</p>{{ super() }}{% endblock %}')
    write(demo / "mkdocs.yml", "site_name: Demo\ntheme:\n  name: material\n  custom_dir: overrides\n")
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY)
    assert result.exit_code == 0, result.output
    for path in (demo / "site").rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert re.match(r'\s*<!doctype html>\s*<html[^>]*>\s*<head>\s*<meta charset="utf-8">\s*'
                        r'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src', page), path
    page = (demo / "site/playbooks/demo/index.html").read_text(encoding="utf-8")
    assert '<p id="ours">Our own block</p>' in page and '<meta name="ours" content="1">' in page
