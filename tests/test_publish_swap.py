"""The swap that puts a new website in place, and the recovery after a kill, on plain folders (no build): every
state a kill can leave is set up by hand, and `recover` must leave a whole website and delete only Spread's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from spread.errors import SpreadError
from spread.handbook import marker, sitedir, swap


def website(folder: Path, version: str, finished: bool = True) -> Path:
    """A small website as Spread leaves it: pages, a nested asset, and the marker."""
    for rel in ("index.html", "assets/site.css", "playbooks/a/index.html"):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{rel} {version}", encoding="utf-8")
    marker.write(folder, marker.entries(folder) if finished else None)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    found = {}
    for top, _, names in os.walk(folder):
        for name in names:
            path = Path(top, name)
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def version(folder: Path) -> str:
    return (folder / "index.html").read_text(encoding="utf-8").split()[-1]


def test_the_marker_lists_every_file_and_knows_an_unfinished_build(tmp_path: Path) -> None:
    folder = website(tmp_path / "site", "1")
    assert marker.listed(folder) == {"index.html", "assets/site.css", "playbooks/a/index.html"}
    text = (folder / marker.NAME).read_text(encoding="utf-8")
    assert text.startswith("# This folder is a handbook website built by Spread (`spread publish`).\n")
    marker.write(folder, None)
    assert marker.owned(folder) and marker.listed(folder) is None
    assert marker.listed(tmp_path) is None and not marker.owned(tmp_path)


def test_odd_file_names_survive_the_list(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    names = {'"quoted".html', "# hash.html", "tab\there.html", "café.html"}
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")
    marker.write(folder, marker.entries(folder))
    assert marker.listed(folder) == names


def test_the_gap_between_the_renames_puts_the_finished_new_website_in_place(tmp_path: Path) -> None:
    target = tmp_path / "site"
    new, old = swap.siblings(target)
    website(old, "old")
    website(new, "new")
    swap.recover(target)
    assert version(target) == "new" and not new.exists() and not old.exists()
    assert marker.listed(target) == {"index.html", "assets/site.css", "playbooks/a/index.html"}


def test_an_unfinished_new_build_is_deleted_and_the_old_website_put_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    new, old = swap.siblings(target)
    website(old, "old")
    website(new, "new", finished=False)
    swap.recover(target)
    assert version(target) == "old" and not new.exists() and not old.exists()


def test_a_half_deleted_old_website_is_never_put_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    _, old = swap.siblings(target)
    website(old, "old")
    marker.write(old, None)  # `remove` marks it unfinished first
    (old / "index.html").unlink()
    (old / f".{marker.NAME}.k1ll3d.tmp").write_text("# This folder", encoding="utf-8")  # killed while marking
    swap.recover(target)
    assert not target.exists() and not old.exists()


def test_leftovers_beside_a_website_are_deleted_and_the_website_kept(tmp_path: Path) -> None:
    target = website(tmp_path / "site", "live")
    before = tree(target)
    new, old = swap.siblings(target)
    website(new, "new", finished=False)
    website(old, "old")
    swap.recover(target)
    assert tree(target) == before and not new.exists() and not old.exists()


def test_a_folder_with_a_sibling_name_that_is_not_spreads_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "site"
    new, old = swap.siblings(target)
    (new / "notes").mkdir(parents=True)
    (new / "notes/mine.txt").write_text("mine", encoding="utf-8")
    old.mkdir()  # empty: nothing to lose
    with pytest.raises(SpreadError) as caught:
        swap.recover(target)
    assert caught.value.message == (f"{new} is in the way of publishing and was not made by Spread: move or rename "
                                    "it, then publish again")
    assert tree(new) == {"notes/mine.txt": b"mine"} and not target.exists()


def test_a_file_added_to_a_website_is_never_deleted_with_it(tmp_path: Path) -> None:
    folder = website(tmp_path / ".site.spread-old", "old")
    (folder / "thesis.pdf").write_bytes(b"%PDF precious")
    with pytest.raises(SpreadError) as caught:
        swap.remove(folder)
    assert caught.value.message == (f"{folder / 'thesis.pdf'} was not written by Spread: move it somewhere safe, "
                                    f"then delete {folder} and publish again")
    assert (folder / "thesis.pdf").read_bytes() == b"%PDF precious" and marker.listed(folder) is not None


def test_finish_swaps_in_the_new_website_keeps_the_folders_permissions_and_leaves_nothing_beside(
        tmp_path: Path) -> None:
    target = website(tmp_path / "site", "old")
    target.chmod(0o750)
    new = swap.begin(target)
    assert marker.owned(new) and marker.listed(new) is None
    (new / "index.html").write_text("index.html new", encoding="utf-8")
    swap.finish(new, target, None)
    assert version(target) == "new" and marker.listed(target) == {"index.html"}
    assert target.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_finish_refuses_an_unmarked_folder_that_changed_while_building(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    new = swap.begin(target)
    (target / "photo.jpg").write_bytes(b"\xff\xd8 mine")
    with pytest.raises(SpreadError, match="files were added to .*site while publishing"):
        swap.finish(new, target, set())
    assert tree(target) == {"photo.jpg": b"\xff\xd8 mine"}


def test_an_earlier_build_is_recognised_only_when_every_file_is_one_a_build_writes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs/photo.jpg").write_bytes(b"jpeg")
    site = root / "site"
    for rel in ("index.html", "sitemap.xml", "search/search_index.json", "assets/x.js", "downloads/a/a-1.0.0.yaml"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    (site / "photo.jpg").write_bytes(b"jpeg")  # a copy of a file from docs/
    assert sitedir.earlier_build(site, root)
    (site / "photo.jpg").write_bytes(b"another jpeg")
    assert not sitedir.earlier_build(site, root)
    (site / "photo.jpg").write_bytes(b"jpeg")
    (site / ".htaccess").write_text("Deny", encoding="utf-8")
    assert not sitedir.earlier_build(site, root)
