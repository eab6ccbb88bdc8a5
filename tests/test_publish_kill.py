"""kill -9 at any moment of `spread publish`, in a loop: site/ is always the whole old website or the whole new
one, and the next run works. The moments are spread over one timed build; nothing is asserted about time."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import GIT_ENV, copy_example
from spread.handbook import marker, swap

pytestmark = pytest.mark.slow

# Two days whose handbooks differ (audits fall overdue between them), so every run replaces the website.
DAYS = ("2026-11-15", "2027-09-30")
# Moments to kill at, as parts of one timed run (starting up, generating, building, swapping), then at events
# too brief to hit by time: the new build begun, the new build finished, the old website being deleted.
MOMENTS: tuple[float | str, ...] = (0.2, 0.45, 0.7, 0.9, "begun", "finished", "deleting")


def digest(site: Path) -> dict[str, str]:
    """Every file of a website (the list) with a digest of its bytes (the content)."""
    found = {}
    for top, _, names in os.walk(site):
        for name in names:
            path = Path(top, name)
            found[path.relative_to(site).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def start(root: Path, day: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **GIT_ENV, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767268800"}
    return subprocess.Popen([sys.executable, "-m", "spread", "publish", "--repo", str(root), "--today", day],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def finish(root: Path, day: str) -> None:
    process = start(root, day)
    _, err = process.communicate()
    assert process.returncode == 0, err.decode()


def reached(event: str, site: Path) -> bool:
    new, old = swap.siblings(site)
    if event == "begun":
        return new.exists()
    return marker.listed(new) is not None if event == "finished" else old.exists()


def test_a_kill_at_any_moment_leaves_the_old_website_or_the_new_and_the_next_run_works(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "network")
    site = root / "site"
    finish(root, DAYS[0])
    builds = {DAYS[0]: digest(site)}
    began = time.monotonic()
    finish(root, DAYS[1])  # timed: a run that replaces a website, as every run below does
    whole_run = time.monotonic() - began
    builds[DAYS[1]] = digest(site)
    assert builds[DAYS[0]] != builds[DAYS[1]] and len(builds[DAYS[0]]) > 100
    current, seen = DAYS[1], []
    for moment in MOMENTS:
        day = DAYS[0] if current == DAYS[1] else DAYS[1]
        process = start(root, day)
        if isinstance(moment, float):
            time.sleep(whole_run * moment)
        else:
            while process.poll() is None and not reached(moment, site):
                time.sleep(0.0005)
        process.kill()
        process.communicate()
        leftovers = [p for p in root.iterdir() if p.name.startswith(".site.spread-")]
        assert all(marker.owned(p) or not any(p.iterdir()) for p in leftovers), leftovers
        if not site.exists():  # killed between the two renames: the next run puts the finished build back
            finished = [p for p in swap.siblings(site) if marker.listed(p) is not None]
            assert finished, leftovers
            state = digest(finished[0])
        else:
            state = digest(site)
        assert state in (builds[current], builds[day]), f"killed at {moment}: a website that is neither"
        current = day if state == builds[day] else current
        seen.append(f"{moment}: {'new' if current == day else 'old'}{' +leftovers' * bool(leftovers)}")
    final = DAYS[0] if current == DAYS[1] else DAYS[1]
    finish(root, final)
    assert digest(site) == builds[final]
    assert not [p for p in root.iterdir() if p.name.startswith(".site.spread-")]
    print("after each kill:", ", ".join(seen))
