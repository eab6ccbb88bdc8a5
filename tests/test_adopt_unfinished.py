"""A playbook still full of placeholders cannot be adopted: the site would keep its TODOs as its own choices."""

from __future__ import annotations

from pathlib import Path

from conftest import Run


def test_a_playbook_with_placeholders_is_refused_and_nothing_is_written(run: Run, demo: Path) -> None:
    assert run("playbook", "new", "walking", "--repo", demo).exit_code == 0
    result = run("site", "new", "walking", "york", "--no-input", "--repo", demo)
    assert result.exit_code == 1
    assert result.stderr == ("Error: playbooks/walking/playbook.yaml still has 46 placeholders (TODO text or todo- "
                             "ids), so no site can adopt walking 0.1.0 yet: finish it (`spread check "
                             "playbooks/walking` lists each one), then commit and release it\n")
    assert not (demo / "fidelity/walking").exists()


def test_one_placeholder_left_is_enough_to_refuse(run: Run, demo: Path) -> None:
    playbook = demo / "playbooks/demo/playbook.yaml"
    playbook.write_text(playbook.read_text().replace("Central and free.", "TODO: why").replace(
        "summary: A small programme used in tests.", "summary: \"TODO: say what it is\""))
    result = run("site", "new", "demo", "york", "--no-input", "--repo", demo)
    assert result.exit_code == 1 and "still has 1 placeholder (TODO text" in result.stderr
