"""Progress: a bar on a terminal for long work, nothing at all when piped or for short work."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import Run, write
from spread.network.repo import load_network
from spread.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_the_bar_move_to_the_end() -> None:
    screen = Terminal()
    with progress("Checking files", stream=screen, minimum=10) as update:
        for done in range(1, 301):
            update(done, 300)
    shown = screen.getvalue()
    assert "Checking files" in shown
    assert "300/300" in shown


def test_a_pipe_gets_nothing() -> None:
    piped = io.StringIO()
    with progress("Checking files", stream=piped, minimum=0) as update:
        for done in range(1, 301):
            update(done, 300)
    assert piped.getvalue() == ""


def test_short_work_shows_no_bar_even_on_a_terminal() -> None:
    screen = Terminal()
    with progress("Checking files", stream=screen, minimum=200) as update:
        for done in range(1, 51):
            update(done, 50)
    assert screen.getvalue() == ""


def test_loading_a_network_reports_every_file(demo: Path) -> None:
    seen: list[tuple[int, int]] = []
    load_network(demo, lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_check_and_report_print_no_progress_when_their_output_is_captured(run: Run, demo: Path) -> None:
    for n in range(250):  # more files than the bar's minimum, so only the pipe keeps it quiet
        write(demo / f"fidelity/demo/site{n}/site.yaml", f"id: site{n}\nname: S\nplaybook: {{id: demo, version: 1.0.0}}\n"
              "host: {name: Host}\nstage: installation\nstarted: 2026-03-01\n")
    result = run("check", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert "Checking files" not in result.output
    assert "Checking files" not in result.stderr
    reported = run("report", "--repo", demo, "--today", "2026-08-01")
    assert reported.exit_code == 0, reported.output
    assert "Reading files" not in reported.output + reported.stderr
