"""`spread playbook new`: a commented skeleton that passes the schema and warns about each placeholder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Run
from spread.model.schemas import schema

MODELINE = "# yaml-language-server: $schema=../../schemas/playbook.schema.json\n"


def placeholders(text: str) -> int:
    live = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#") else "" for line in text.splitlines())
    return live.count("TODO:") + len(re.findall(r"(?<![\w-])todo-[a-z-]+", live))


def test_the_skeleton_passes_the_schema_and_warns_once_per_placeholder(run: Run, demo: Path) -> None:
    result = run("playbook", "new", "peer-support", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Created playbooks/peer-support/playbook.yaml.\n"
    path = demo / "playbooks/peer-support/playbook.yaml"
    text = path.read_text()
    assert text.startswith(MODELINE)
    assert "\nid: peer-support\n" in text

    checked = run("check", "--format", "json", "--repo", demo)
    assert checked.exit_code == 0
    report = json.loads(checked.stdout)
    assert report["errors"] == 0
    assert {p["rule"] for p in report["problems"]} == {"placeholder"}
    assert all(p["path"] == "playbooks/peer-support/playbook.yaml" for p in report["problems"])
    assert report["warnings"] == placeholders(text) > 20


def test_warnings_name_the_field_and_its_line(run: Run, demo: Path) -> None:
    run("playbook", "new", "peer-support", "--repo", demo)
    lines = (demo / "playbooks/peer-support/playbook.yaml").read_text().splitlines()
    title_line = next(i for i, line in enumerate(lines, 1) if line.startswith("title:"))
    out = run("check", "--repo", demo).stdout
    assert (f"playbooks/peer-support/playbook.yaml:{title_line}:8: warning: `title` still holds placeholder text: "
            "replace the TODO with your own words [placeholder]") in out.splitlines()
    assert "`id` still has the placeholder id `todo-core-component`: choose a short id of your own" in out


def test_every_section_of_the_schema_is_present() -> None:
    from spread.adopt.skeleton import skeleton

    text = skeleton("peer-support")
    top_level = set(re.findall(r"^([a-z_]+):", text, flags=re.MULTILINE))
    assert top_level == set(schema("playbook")["properties"])
    core = schema("playbook")["properties"]["core"]["items"]["properties"]
    core_text = text[text.index("\ncore:"):text.index("\nlocal:")]
    for field in [*core, *core["practice"]["properties"]]:
        assert re.search(rf"^[ #-]*{field}:", core_text, flags=re.MULTILINE), field


def test_once_filled_in_the_playbook_is_clean(run: Run, demo: Path) -> None:
    run("playbook", "new", "peer-support", "--repo", demo)
    path = demo / "playbooks/peer-support/playbook.yaml"
    text = path.read_text().replace("TODO: ", "Written by us: ").replace("todo-", "our-")
    path.write_text(text)
    result = run("check", "--repo", demo)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith("No problems found.")


def test_an_existing_playbook_is_never_replaced_without_force(run: Run, demo: Path) -> None:
    before = (demo / "playbooks/demo/playbook.yaml").read_text()
    result = run("playbook", "new", "demo", "--repo", demo)
    assert result.exit_code == 1
    assert result.stderr == ("Error: playbooks/demo/playbook.yaml already exists: edit it, choose another id, "
                             "or use --force to start it again\n")
    assert (demo / "playbooks/demo/playbook.yaml").read_text() == before

    forced = run("playbook", "new", "demo", "--force", "--repo", demo)
    assert forced.exit_code == 0
    assert (demo / "playbooks/demo/playbook.yaml").read_text().startswith(MODELINE)


@pytest.mark.parametrize("bad", ["Peer", "../escape", "peer_support", "x-", "a" * 61, ""])
def test_an_id_that_cannot_name_a_folder_is_refused(run: Run, demo: Path, bad: str) -> None:
    result = run("playbook", "new", bad, "--repo", demo)
    assert result.exit_code == 2
    assert f"`{bad}` cannot be a playbook id: use lower-case letters, digits and single hyphens" in result.stderr
    assert sorted(p.name for p in (demo / "playbooks").iterdir()) == ["demo"]


def test_outside_a_handbook_it_says_how_to_make_one(run: Run, tmp_path: Path) -> None:
    result = run("playbook", "new", "peer-support", cwd=tmp_path)
    assert result.exit_code == 1
    assert "create one with `spread init`" in result.stderr
    assert not (tmp_path / "playbooks").exists()
