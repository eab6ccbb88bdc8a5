"""`spread serve`: a preview on 127.0.0.1 that rebuilds when the repository changes."""

from __future__ import annotations

import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from spread.errors import Problem
from spread.handbook.preview import Preview, run, server

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Straight to 127.0.0.1, whatever proxy the environment names.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> str:
    try:
        with OPENER.open(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""  # not listening yet


def eventually(check: Callable[[], bool], what: str) -> None:
    """Wait for the preview to catch up: a bound on waiting, not a speed requirement."""
    deadline = time.monotonic() + 120
    while not check():
        assert time.monotonic() < deadline, f"the preview never showed {what}"
        time.sleep(0.2)


@pytest.fixture
def previewing(demo: Path) -> Iterator[tuple[str, list[str]]]:
    messages: list[str] = []

    def report(problems: list[Problem], message: str) -> None:
        messages.extend([*(str(p) for p in problems), message])

    preview = Preview(demo, lambda: date(2026, 11, 15), report)
    assert preview.build()
    port = free_port()
    live = server(preview, port)
    thread = threading.Thread(target=run, args=(live, port), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", messages
    finally:
        live.shutdown()
        thread.join(timeout=30)
        preview.close()


def test_preview_rebuilds_when_a_playbook_changes_and_survives_a_broken_file(
        demo: Path, previewing: tuple[str, list[str]]) -> None:
    base, messages = previewing
    page = f"{base}/playbooks/demo/index.html"
    eventually(lambda: "Demo circles" in fetch(page), "the first build")
    playbook = demo / "playbooks/demo/playbook.yaml"
    playbook.write_text(playbook.read_text(encoding="utf-8").replace("title: Demo circles", "title: Renamed circles"),
                        encoding="utf-8")
    eventually(lambda: "Renamed circles" in fetch(page), "the new title")
    audit = demo / "fidelity/demo/leeds/audits/2026-Q2.yaml"
    audit.write_text("site: leeds\n", encoding="utf-8")
    eventually(lambda: any("not rebuilt" in m for m in messages), "the broken audit reported")
    assert any("fidelity/demo/leeds/audits/2026-Q2.yaml" in m for m in messages)
    assert "Renamed circles" in fetch(page)  # the last good build is still served


def test_preview_puts_back_the_blocks_kept_out_of_markdown_on_every_rebuild(
        demo: Path, previewing: tuple[str, list[str]]) -> None:
    base, _ = previewing
    page = f"{base}/playbooks/demo/sites/leeds.html"
    eventually(lambda: "<dd>Leeds Circles CIC" in fetch(page), "the adoption record")
    assert "spread-deferred-block" not in fetch(page)
    site = demo / "fidelity/demo/leeds/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("Central and free.", "Near the bus station."),
                    encoding="utf-8")
    eventually(lambda: "<p>Near the bus station.</p>" in fetch(page), "the new reason")
    assert "spread-deferred-block" not in fetch(page)


def test_serve_says_when_the_port_is_taken(demo: Path, run: Run) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--repo", demo, "--port", str(port), "--today", "2026-11-15")
    assert (result.exit_code, result.stdout) == (1, "")
    # One line, and no address announced: said before checking or building anything.
    assert result.stderr == f"Error: port {port} is already in use: pick another with --port\n"
    assert not (demo / ".spread-build").exists()
