"""Shared fixtures: run the real CLI in-process, and build real handbook repositories in temporary folders.

Built handbooks and the browser are shared by the whole session (by each xdist worker: `python -m pytest` runs
`-n auto --dist loadfile`, so a test file's tests run together on one worker). Use them instead of building your own
when a test only READS the example network's pages; a test that changes files works on `copy_example(tmp_path / ..)`.
- `handbook` (Path): the example network built by MkDocs (`spread publish --audience network --today HANDBOOK_TODAY`);
  the website is in `handbook / "site"`.
- `zensical_handbook` (Path): the same network built the same way by `spread publish --engine zensical`.
- `shared_browser`: the session's one headless Chromium (selenium webdriver). Test files take it as `browser`
  (`from test_browser import browser, served`: `served` is `handbook/site` over http, one server per file).
  A test that changes the browser (window size, emulated media, blocked URLs, scripts added to new documents)
  puts it back in a `finally:`; each file's `browser` resets size, media and blocked URLs when the file is done.
Both handbooks are digested when built and again at the end of the session: a test that changed, added or deleted
a file in them (bar the `.spread-cache/` that reading commands keep) makes the run fail with the files' names.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from spread.cli import cli

# Hypothesis checks what a property says, not how fast: its default 200 ms deadline per example fails tests at random
# on a loaded machine (CI shares its cores), and speed is measured in benchmarks/, never in tests.
settings.register_profile("spread", deadline=None)
settings.load_profile("spread")

REPO = Path(__file__).resolve().parents[1]
# Hermetic git: no user config, a pinned identity and dates, whatever machine runs the tests.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Spread Tests", "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "Spread Tests", "GIT_COMMITTER_EMAIL": "tests@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
    # Material's own notice (its end of life) is shown by publish and serve; tests/test_engines.py unsets this.
    "NO_MKDOCS_2_WARNING": "1",
}


@pytest.fixture(autouse=True)
def _hermetic(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("NO_COLOR", "1")


# The files that take longest, longest first: they start first, so that the two workers (each takes a whole file
# at a time) finish together rather than one waiting on a long file begun last. Update from `--durations`.
LONGEST = ("test_phone.py", "test_phone_other_half.py", "test_injection.py", "test_report_cache.py",
           "test_readme_walkthrough.py", "test_publish_kill.py", "test_release.py", "test_words.py", "test_release_resume.py", "test_precommit.py",
           "test_symlinks.py", "test_print.py", "test_engines.py", "test_publish_safety.py", "test_meaning.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest files first (each file's own tests keep their order)."""
    rank = {name: at for at, name in enumerate(LONGEST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST)))


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run `spread ARGS...` in-process; exceptions propagate so a traceback fails the test loudly."""

    def _run(*args: str | Path, input: str | None = None, cwd: Path | None = None) -> Result:
        runner = CliRunner()
        old = Path.cwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
        finally:
            os.chdir(old)

    return _run


def copy_example(target: Path) -> Path:
    """Copy the repository's example network (playbooks, fidelity, docs, mkdocs.yml, schemas) to `target`."""
    target.mkdir(parents=True)
    for name in ("playbooks", "fidelity", "schemas", "docs"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    if (REPO / "mkdocs.yml").exists():
        shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the repository's example network (playbooks, fidelity, docs, mkdocs.yml, schemas)."""
    return copy_example(tmp_path / "handbook")


def edit_playbook(root: Path, playbook_id: str, old: str, new: str) -> None:
    """Replace `old` by `new` in a playbook's working file and in the archived release of its version, as if that
    version had been released so: the example network is fully released, and its sites read their version's archive."""
    folder = root / "playbooks" / playbook_id
    version = re.search(r"^version: (\S+)$", (folder / "playbook.yaml").read_text(encoding="utf-8"), re.MULTILINE)
    assert version is not None
    for path in (folder / "playbook.yaml", folder / "releases" / f"{version.group(1)}.yaml"):
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


# The day the shared handbook build counts overdue audits from, so its pages do not change with the calendar.
HANDBOOK_TODAY = "2026-11-15"


def _digest(root: Path) -> dict[str, str]:
    """Every file and link under `root` (bar `.spread-cache/`) with a digest of its bytes or its link target."""
    found = {}
    for top, folders, names in os.walk(root):
        folders[:] = [f for f in folders if f != ".spread-cache"]
        for name in [*names, *(f for f in folders if Path(top, f).is_symlink())]:
            path = Path(top, name)
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            found[path.relative_to(root).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


@contextlib.contextmanager
def _unchanged(root: Path) -> Iterator[Path]:
    """Hand out a shared build; at the end, fail if any test changed it (as root, a read-only mode binds no one)."""
    before = _digest(root)
    yield root
    after = _digest(root)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not changed, f"a test changed the shared handbook {root}: {', '.join(changed[:10])}"


def _publish(root: Path, *args: str, no_color: bool = True) -> Result:
    """`spread publish ARGS` of `root` for the network as of HANDBOOK_TODAY, in-process, with the tests' hermetic
    environment."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in GIT_ENV.items():
            patch.setenv(name, value)
        if no_color:
            patch.setenv("NO_COLOR", "1")
        return CliRunner().invoke(cli, ["publish", *args, "--repo", str(root), "--today", HANDBOOK_TODAY,
                                        "--audience", "network"], catch_exceptions=False)


@pytest.fixture(scope="session")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example network's handbook, built once per test session by `spread publish` (MkDocs, strict), for the
    network: every site, including those that publish to the network only (`tests/test_audiences.py` builds the
    public one).

    Returns the repository copy; the website is in its `site/` folder. Tests must not change it."""
    root = copy_example(tmp_path_factory.mktemp("handbook") / "handbook")
    result = _publish(root)
    assert result.exit_code == 0, result.output
    with _unchanged(root):
        yield root


@pytest.fixture(scope="session")
def zensical_handbook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example network built by `spread publish --engine zensical` (once per session), like `handbook`."""
    root = copy_example(tmp_path_factory.mktemp("zensical") / "handbook")
    result = _publish(root, "--engine", "zensical", no_color=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Published {len(list((root / '.spread-build/docs').rglob('*.md')))} pages to " \
                            f"{root / 'site'}/. Open {root / 'site'}/index.html in a browser.\n"
    with _unchanged(root):
        yield root


AXE = REPO / "tests/js/node_modules/axe-core/axe.min.js"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
         "--window-size=1280,1600"]


@pytest.fixture(scope="session")
def shared_browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium for the whole session (starting one costs seconds); test files take it as `browser`."""
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


def fresh(session: Any) -> None:
    """Put back what a test file may have changed in the shared browser: window size, emulated media, blocked URLs,
    and leave its last page (so no script of it runs on)."""
    session.set_window_size(1280, 1600)
    session.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})
    session.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    session.get("about:blank")


def write(path: Path, text: str) -> Path:
    """Write a dedented YAML (or any) text file, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MINIMAL_PLAYBOOK = """
id: demo
title: Demo circles
version: 1.0.0
status: active
summary: A small programme used in tests.
core:
  - id: peer-led
    title: Led by peers
    function: People learn from others who live with the same condition.
    critical: true
    practice:
      expected: Every circle is led by a trained peer.
      developmental: Some circles are led by staff while peers train.
      unacceptable: Circles are led by staff only.
  - id: regular
    title: Meets regularly
    function: Continuity builds trust.
    practice:
      expected: Meets every fortnight.
      developmental: Meets monthly.
      unacceptable: Meets when someone remembers.
local:
  - id: venue
    title: Where circles meet
    options: [library, gp-surgery, online]
    prohibited: [paid venues]
    default: library
  - id: name
    title: Local name
    free_text: true
    max_length: 20
fidelity:
  frequency: quarterly
"""

MINIMAL_SITE = """
id: leeds
name: Demo Leeds
playbook: {id: demo, version: 1.0.0}
host: {name: Leeds Circles CIC, type: social-enterprise}
stage: installation
started: 2026-03-01
choices:
  - component: venue
    choice: library
    reason: Central and free.
adaptations: []
"""

MINIMAL_AUDIT = """
site: leeds
playbook: {id: demo, version: 1.0.0}
period: 2026-Q2
review: self
completed: 2026-07-10
ratings:
  peer-led: {level: expected, evidence: Rota shows peers led all 12 circles.}
  regular: {level: developmental, evidence: Met monthly in the summer.}
"""


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A minimal, valid handbook repository: one practice-profile playbook, one site, one audit."""
    root = tmp_path / "demo"
    write(root / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    write(root / "fidelity/demo/leeds/site.yaml", MINIMAL_SITE)
    write(root / "fidelity/demo/leeds/audits/2026-Q2.yaml", MINIMAL_AUDIT)
    return root


@pytest.fixture
def git_repo(tmp_path: Path) -> Iterator[Path]:
    """An empty, real git repository with a pinned identity."""
    import git

    root = tmp_path / "gitrepo"
    root.mkdir()
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Spread Tests")
        config.set_value("user", "email", "tests@example.org")
        config.set_value("commit", "gpgsign", "false")
        config.set_value("tag", "gpgsign", "false")
    yield root
    repo.close()
