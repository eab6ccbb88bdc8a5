"""`spread publish` replaces only a website it built: a user's folder, the repository and its own folders are
refused with one line and left byte for byte as they were; a failed or interrupted build leaves the old website."""

from __future__ import annotations

import os
import random
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import HANDBOOK_TODAY, Run, write
from spread.handbook import engine, lock, marker
from spread.handbook.preview import Preview

USAGE_ERROR = "Error: Invalid value for '--site-dir': "


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (bytes), folder and link below `folder`, so a test can tell that nothing at all changed."""
    found: dict[str, bytes | str] = {}
    for top, dirs, names in os.walk(folder):
        for name in [*dirs, *names]:
            path = Path(top, name)
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = f"link to {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = f"folder {path.stat().st_mode:o}"
            else:
                found[rel] = path.read_bytes()
    return found


def users_folder(folder: Path) -> Path:
    """Photos, a thesis, nested notes, a hidden file and an empty folder: nothing Spread wrote."""
    noise = random.Random(12)
    for rel in ("holiday/IMG_0001.jpg", "holiday/2025/IMG_0002.jpg"):
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(noise.randbytes(5000))
    write(folder / "thesis/thesis.tex", "\\chapter{Introduction}\n")
    (folder / "thesis/thesis.pdf").write_bytes(b"%PDF-1.7\n" + noise.randbytes(3000))
    write(folder / "notes/2024/march/todo.md", "- finish chapter 3\n")
    write(folder / ".profile", "export EDITOR=vi\n")
    (folder / "empty").mkdir()
    return folder


def published(run: Run, demo: Path, *args: str | Path) -> None:
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY, *args, cwd=demo)
    assert result.exit_code == 0, result.output


def test_a_users_folder_is_refused_and_every_file_kept(demo: Path, run: Run, tmp_path: Path) -> None:
    folder = users_folder(tmp_path / "web")
    before = snapshot(tmp_path)
    result = run("publish", "--repo", demo, "--site-dir", folder)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"{USAGE_ERROR}{folder} is not empty and was not built by Spread (it has no .spread-site file): publishing "
        "replaces the whole folder, so choose an empty folder or a new name")
    assert snapshot(tmp_path) == before  # nothing beside it either, and no site/ in the repository


@pytest.mark.parametrize(("folder", "message"), [
    ("docs", "docs is docs/, which holds your hand-written pages: choose a folder outside it, such as site/"),
    ("docs/site", "docs/site is inside docs/, which holds your hand-written pages: choose a folder outside it, "
                  "such as site/"),
    ("playbooks/demo/web", "playbooks/demo/web is inside playbooks/, which holds your playbooks: choose a folder "
                           "outside it, such as site/"),
    ("fidelity", "fidelity is fidelity/, which holds your sites and audits: choose a folder outside it, "
                 "such as site/"),
    ("schemas/new", "schemas/new is inside schemas/, which holds the schemas: choose a folder outside it, such as "
                    "site/"),
    (".git/site", ".git/site is inside .git/, which holds the repository's history: choose a folder outside it, "
                  "such as site/"),
    (".spread-build", ".spread-build is .spread-build/, which holds Spread's working files: choose a folder "
                      "outside it, such as site/"),
    ("pages/out", "pages/out is inside pages/, which holds your hand-written pages: choose a folder outside it, "
                  "such as site/"),
    (".", ". holds the handbook repository itself: choose a new folder for the website, such as site/"),
    ("..", "{parent} holds the handbook repository itself: choose a new folder for the website, such as site/"),
])
def test_the_repository_and_its_folders_are_refused(demo: Path, run: Run, folder: str, message: str) -> None:
    write(demo / "docs/about.md", "# About\n")
    write(demo / "mkdocs.yml", "site_name: Demo\ndocs_dir: pages\n")
    (demo / "schemas").mkdir()
    subprocess.run(["git", "init", "-q", str(demo)], check=True)
    before = snapshot(demo.parent)
    result = run("publish", "--repo", demo, "--site-dir", folder, cwd=demo)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == USAGE_ERROR + message.format(parent=demo.parent)
    assert snapshot(demo.parent) == before


def test_a_link_or_a_file_is_refused(demo: Path, run: Run, tmp_path: Path) -> None:
    real = users_folder(tmp_path / "web")
    (tmp_path / "link").symlink_to(real)
    write(tmp_path / "notes.txt", "mine\n")
    before = snapshot(tmp_path)
    result = run("publish", "--repo", demo, "--site-dir", "../link", cwd=demo)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"{USAGE_ERROR}{tmp_path}/link is a symbolic link: give the path of "
                                              "the real folder, or of a new one, with --site-dir")
    result = run("publish", "--repo", demo, "--site-dir", "../notes.txt", cwd=demo)
    assert result.output.splitlines()[-1] == (f"{USAGE_ERROR}{tmp_path}/notes.txt is a file, not a folder: move it, "
                                              "or choose a folder for the website with --site-dir")
    assert result.exit_code == 2 and snapshot(tmp_path) == before


def test_a_default_site_folder_of_the_users_is_refused_without_the_option(demo: Path, run: Run) -> None:
    users_folder(demo / "site")
    before = snapshot(demo)
    result = run("publish", "--repo", demo, cwd=demo)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: site is not empty and was not built by Spread (it has no .spread-site file): publishing replaces "
        "the whole folder, so move its files elsewhere, or choose another folder with --site-dir")
    assert snapshot(demo) == before


@pytest.mark.slow
def test_a_file_added_to_the_website_stops_the_next_publish(demo: Path, run: Run, tmp_path: Path) -> None:
    published(run, demo, "--site-dir", tmp_path / "out")
    write(tmp_path / "out/CNAME", "handbook.example.org\n")
    before = snapshot(tmp_path)
    result = run("publish", "--repo", demo, "--site-dir", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"{USAGE_ERROR}{tmp_path}/out/CNAME was not written by Spread: move it out of {tmp_path}/out (publishing "
        "replaces the whole folder) and publish again")
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_an_empty_folder_is_published_into_and_keeps_its_permissions(demo: Path, run: Run, tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www").chmod(0o751)
    published(run, demo, "--site-dir", tmp_path / "www")
    assert (tmp_path / "www/index.html").is_file() and marker.listed(tmp_path / "www")
    assert (tmp_path / "www").stat().st_mode & 0o777 == 0o751
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", "www"]  # nothing left beside it
    published(run, demo, "--site-dir", tmp_path / "www")  # and it is Spread's to replace from now on
    assert "index.html" in (marker.listed(tmp_path / "www") or ())


@pytest.mark.slow
def test_the_default_site_of_an_earlier_spread_is_replaced_and_marked(demo: Path, run: Run) -> None:
    published(run, demo)
    (demo / "site" / marker.NAME).unlink()  # as a Spread from before the marker left it
    result = run("publish", "--repo", demo, "--today", HANDBOOK_TODAY, cwd=demo)
    assert result.exit_code == 0, result.output
    assert "site/ held a handbook built before Spread marked its websites: replaced it." in result.output
    assert marker.listed(demo / "site")
    (demo / "site" / marker.NAME).unlink()
    write(demo / "site/thesis.pdf", "precious")  # not something a build writes: refused, all kept
    before = snapshot(demo / "site")
    result = run("publish", "--repo", demo, cwd=demo)
    assert result.exit_code == 1 and "site is not empty and was not built by Spread" in result.output
    assert snapshot(demo / "site") == before


@pytest.mark.slow
def test_a_failed_build_leaves_the_old_website_byte_for_byte(demo: Path, run: Run) -> None:
    published(run, demo)
    before = snapshot(demo / "site")
    write(demo / "docs/about.md", "# About\n\nSee [the missing page](missing.md).\n")
    result = run("publish", "--repo", demo, cwd=demo)
    assert result.exit_code == 1 and "Error: the handbook did not build:" in result.output
    assert snapshot(demo / "site") == before
    assert sorted(p.name for p in demo.iterdir()) == [".spread-build", "docs", "fidelity", "playbooks", "site"]


@pytest.mark.slow
@pytest.mark.parametrize("failure", [KeyboardInterrupt, OSError])
def test_a_build_stopped_halfway_leaves_the_old_website(demo: Path, run: Run, monkeypatch: pytest.MonkeyPatch,
                                                         failure: type[BaseException]) -> None:
    published(run, demo)
    before = snapshot(demo / "site")
    real = engine.build

    def halfway(name: str, config_file: Path, site_dir: Path, split: object = None, **options: object) -> None:
        real(name, config_file, site_dir, split, **options)  # type: ignore[arg-type]
        raise failure()

    monkeypatch.setattr(engine, "build", halfway)
    result = run("publish", "--repo", demo, "--today", "2030-01-01", cwd=demo)
    assert result.exit_code != 0
    assert snapshot(demo / "site") == before
    assert not any(p.name.startswith(".site.") for p in demo.iterdir())


def test_two_publishes_of_one_repository_do_not_run_at_once(demo: Path, run: Run) -> None:
    with lock.locked(demo / ".spread-build"):
        result = run("publish", "--repo", demo, cwd=demo)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == ("Error: another `spread publish` is running in this repository: wait "
                                              "for it to finish, then publish again")
    assert not (demo / "site").exists()


def test_a_working_folder_that_is_a_link_is_never_written_through(demo: Path, run: Run, tmp_path: Path) -> None:
    folder = users_folder(tmp_path / "elsewhere")
    (demo / ".spread-build").symlink_to(folder)
    before = snapshot(tmp_path)
    result = run("publish", "--repo", demo, cwd=demo)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"Error: {demo}/.spread-build is a link to {folder}: Spread keeps its "
                                              "working files there and never writes through a link, so delete the "
                                              "link and publish again")
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_a_preview_writes_only_in_spreads_own_folders(demo: Path) -> None:
    users_folder(demo / "site")
    before = snapshot(demo)
    messages: list[str] = []
    preview = Preview(demo, lambda: date(2026, 11, 15), lambda problems, message: messages.append(message))
    try:
        assert preview.build(), messages
        assert (preview.site_dir / "index.html").is_file() and demo not in preview.site_dir.parents
    finally:
        preview.close()
    assert not preview.site_dir.exists()
    assert {rel: kept for rel, kept in snapshot(demo).items() if not rel.startswith(".spread-build")} == before


def test_a_mount_point_is_refused(demo: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounted = users_folder(tmp_path / "volume")
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == mounted or real(path))
    result = run("publish", "--repo", demo, "--site-dir", mounted)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (f"{USAGE_ERROR}{mounted} is a mount point, which cannot be swapped for a "
                                              f"new website: publish into a new folder inside it, such as "
                                              f"{mounted}/handbook")
