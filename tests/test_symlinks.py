"""Symbolic links never leak the machine into the handbook (issue 12, point 3).

A copy of the example network gets real links to files and folders outside it, each holding a secret marker:
`spread check` reports every link once, at the link; `spread publish` refuses; `report` and `audit score` read
none of them; and a real build of the network with every link in place opens no file outside the repository and
publishes the marker nowhere (pages, downloads, search index, sitemap)."""

from __future__ import annotations

import builtins
import io
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO, Run, copy_example
from spread.check.rules import check_network
from spread.errors import SpreadError
from spread.handbook import engine, files
from spread.handbook.publish import generate_build
from spread.network import fileids, records
from spread.network.cache import FOLDER
from spread.network.loading import load_file
from spread.network.repo import load_network
from spread.network.symlinks import LinkRefused, read_inside, tree

MARKER = "LEAKED-7f3a9c"
DERBY = "fidelity/code-club/derby"


def _text(rel: str) -> str:
    return (REPO / rel).read_text(encoding="utf-8")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Files and folders outside the repository, each one worth publishing if Spread were led to it."""
    out = tmp_path / "outside"
    (out / "site/audits").mkdir(parents=True)
    (out / "site/site.yaml").write_text(_text(f"{DERBY}/site.yaml").replace("id: derby", "id: outsider").replace(
        "name: Normanton Library Code Club", f"name: {MARKER} club"))
    (out / "audit.yaml").write_text(_text(f"{DERBY}/audits/2025.yaml").replace('period: "2025"', 'period: "2023"')
                                    .replace("A new volunteer", f"{MARKER} volunteer"))
    playbook = _text("playbooks/code-club/playbook.yaml")
    (out / "release.yaml").write_text(playbook.replace("version: 1.0.0", "version: 0.9.0")
                                      .replace("title: Volunteer", f"title: {MARKER} Volunteer"))
    (out / "playbook.yaml").write_text(playbook.replace("id: code-club", "id: leaky", 1)
                                       .replace("title: Volunteer", f"title: {MARKER} Volunteer"))
    (out / "folder").mkdir()
    (out / "folder/playbook.yaml").write_text(playbook.replace("id: code-club", "id: borrowed", 1)
                                              .replace("title: Volunteer", f"title: {MARKER} Volunteer"))
    (out / "CHANGELOG.md").write_text(f"# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- {MARKER} in the changelog\n")
    (out / "page.md").write_text(f"# A page\n\n{MARKER} on a page\n")
    (out / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + MARKER.encode())
    (out / "docs").mkdir()
    (out / "docs/index.md").write_text(f"# Home\n\n{MARKER} at home\n")
    (out / "mkdocs.yml").write_text(f"site_name: {MARKER} handbook\ndocs_dir: {out / 'docs'}\n")
    return out


# Each planted link, and what it leads to in `outside`; all of them are files but the two folders.
LINKS = {
    "fidelity/code-club/outsider": "site",
    f"{DERBY}/audits/2026-Q4.yaml": "audit.yaml",
    "playbooks/code-club/releases/0.9.0.yaml": "release.yaml",
    "playbooks/leaky/playbook.yaml": "playbook.yaml",
    "playbooks/borrowed": "folder",
    "playbooks/code-club/CHANGELOG.md": "CHANGELOG.md",
    "docs/leak.md": "page.md",
    "docs/img/logo.png": "logo.png",
    "mkdocs.yml": "mkdocs.yml",  # whose docs_dir is outside too
}
FOLDERS = {"fidelity/code-club/outsider", "playbooks/borrowed"}


def plant(root: Path, rel: str, target: Path | str) -> None:
    link = root / rel
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_file() and not link.is_symlink():
        link.unlink()
    link.symlink_to(target)


@pytest.fixture
def leaky(tmp_path: Path, outside: Path) -> Path:
    root = copy_example(tmp_path / "handbook")
    for rel, target in LINKS.items():
        plant(root, rel, outside / target)
    return root


def outside_line(rel: str, outside: Path) -> str:
    what = "folder" if rel in FOLDERS else "file"
    return (f"{rel}:1:1: error: this is a link to a {what} outside the repository "
            f"({os.path.realpath(outside / LINKS[rel])}); Spread does not read it: replace the link with the {what} "
            "itself [symlink-outside]")


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Where every file opened since the fixture started really is (links resolved)."""
    seen: list[str] = []

    def spying(real: object) -> object:
        def spy(path: object, *args: object, **kwargs: object) -> object:
            result = real(path, *args, **kwargs)  # type: ignore[operator]
            if isinstance(path, str | bytes | os.PathLike):
                seen.append(os.path.realpath(os.fsdecode(path)))
            return result
        return spy

    for module in (builtins, io, os):
        monkeypatch.setattr(module, "open", spying(module.open))
    yield seen


def read_outside(seen: list[str], outside: Path) -> list[str]:
    return [path for path in seen if path.startswith(os.path.realpath(outside) + os.sep)]


def test_check_reports_each_link_once_at_the_link_and_nothing_else_changes(
        run: Run, tmp_path: Path, leaky: Path, outside: Path, opened: list[str]) -> None:
    clean = run("check", "--repo", copy_example(tmp_path / "clean"))
    result = run("check", "--repo", leaky)
    assert result.exit_code == 1
    found = result.stdout.splitlines()
    assert sorted(set(found) - set(clean.stdout.splitlines())) == sorted(outside_line(rel, outside) for rel in LINKS)
    assert len(found) == len(clean.stdout.splitlines()) + len(LINKS)  # one line per link, no cascade
    assert MARKER not in result.output
    assert read_outside(opened, outside) == []


def test_publish_refuses_with_one_line_per_link(run: Run, leaky: Path, outside: Path, opened: list[str]) -> None:
    result = run("publish", "--repo", leaky, "--today", "2026-11-15")
    assert result.exit_code == 1
    assert set(result.stdout.splitlines()) == {outside_line(rel, outside) for rel in LINKS}
    assert f"fix the {len(LINKS)} errors above first" in result.output
    assert not (leaky / "site").exists()
    assert read_outside(opened, outside) == []


@pytest.mark.slow
def test_a_real_build_with_every_link_in_place_reads_and_publishes_nothing_from_outside(
        tmp_path: Path, leaky: Path, outside: Path, opened: list[str]) -> None:
    # What `spread serve` or a link made after the check would meet: the generator itself never follows them.
    network = load_network(leaky)
    assert {p.rule for p in check_network(network) if p.is_error} == {"symlink-outside"}
    site = tmp_path / "website"
    prepared = generate_build(network, leaky / ".spread-build", date(2026, 11, 15))
    site.mkdir()
    engine.build("mkdocs", prepared.config_file, site, prepared.split)
    built = [path for path in site.rglob("*") if path.is_file()]
    names = {path.relative_to(site).as_posix() for path in built}
    assert {"index.html", "sitemap.xml", "search/search_index.json", "playbooks/code-club/index.html"} <= names
    assert "leak.html" not in names and not any(name.startswith("img/") for name in names)
    assert not any("leaky" in name or "borrowed" in name or "outsider" in name for name in names)
    for path in [*built, *(leaky / ".spread-build").rglob("*")]:
        assert not path.is_file() or MARKER.encode() not in path.read_bytes(), path
    assert read_outside(opened, outside) == []


def test_report_and_audit_score_read_none_of_them(run: Run, leaky: Path, outside: Path, opened: list[str]) -> None:
    for fmt in ("text", "json", "csv"):
        result = run("report", "--repo", leaky, "--format", fmt, "--today", "2026-11-15")
        assert result.exit_code == 0 and MARKER not in result.output
    assert "`fidelity/code-club/derby/audits/2026-Q4.yaml`" in result.stderr  # left out, and said so
    latest = run("audit", "score", "code-club/derby", "--repo", leaky)  # its latest audit is the link
    assert latest.exit_code == 1
    assert latest.stdout.splitlines() == [outside_line(f"{DERBY}/audits/2026-Q4.yaml", outside)]
    folder = run("audit", "score", "code-club/outsider", "--repo", leaky)
    assert folder.exit_code == 1
    assert folder.stdout.splitlines() == [outside_line("fidelity/code-club/outsider", outside)]
    assert MARKER not in latest.output + folder.output
    for command in (("audit", "new", "code-club/outsider"), ("site", "upgrade", "code-club/outsider")):
        refused = run(*command, "--repo", leaky)  # nor write into it
        assert refused.exit_code == 1
        assert refused.output == (f"Error: fidelity/code-club/outsider: this is a link to a folder outside the "
                                  f"repository ({os.path.realpath(outside / 'site')}); Spread does not read it: "
                                  "replace the link with the folder itself\n")
    assert list((outside / "site/audits").iterdir()) == []
    assert read_outside(opened, outside) == []


def test_a_dangling_link_and_a_loop_are_plain_problems(run: Run, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "handbook")
    plant(root, f"{DERBY}/audits/2026-Q4.yaml", "2026-Q9.yaml")
    plant(root, "fidelity/code-club/round", "about")
    plant(root, "fidelity/code-club/about", "round")
    plant(root, "docs/gone.md", tmp_path / "deleted.md")
    result = run("check", "--repo", root)
    assert result.exit_code == 1
    fix = "replace the link with the {} itself, or delete it [symlink-broken]"
    assert [line for line in result.stdout.splitlines() if "symlink" in line] == [
        f"docs/gone.md:1:1: error: this is a link to something that does not exist ({tmp_path / 'deleted.md'}): "
        + fix.format("file"),
        "fidelity/code-club/about:1:1: error: this link leads round in a loop (to itself, or to a folder it is in): "
        + fix.format("folder"),
        f"{DERBY}/audits/2026-Q4.yaml:1:1: error: this is a link to something that does not exist (2026-Q9.yaml): "
        + fix.format("file"),
        "fidelity/code-club/round:1:1: error: this link leads round in a loop (to itself, or to a folder it is in): "
        + fix.format("folder"),
    ]
    assert run("report", "--repo", root).exit_code == 0
    published = run("publish", "--repo", root)
    assert published.exit_code == 1 and "Traceback" not in published.output
    assert run("audit", "score", "code-club/derby", "--repo", root).exit_code == 1


def test_a_linked_docs_folder_and_links_into_hidden_files_are_refused_too(run: Run, tmp_path: Path,
                                                                         outside: Path) -> None:
    root = copy_example(tmp_path / "handbook")
    shutil.rmtree(root / "docs")
    plant(root, "docs", outside / "docs")
    (root / ".git").mkdir()
    (root / ".git/config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {MARKER}\n")
    plant(root, "fidelity/code-club/derby/audits/2026-Q4.yaml", "../../../../.git/config")
    result = run("check", "--repo", root)
    assert [line for line in result.stdout.splitlines() if "symlink" in line] == [
        f"docs:1:1: error: this is a link to a folder outside the repository ({os.path.realpath(outside / 'docs')}); "
        "Spread does not read it: replace the link with the folder itself [symlink-outside]",
        f"{DERBY}/audits/2026-Q4.yaml:1:1: error: this is a link to a file among the repository's hidden files "
        "(.git/config), which Spread never reads or publishes: replace the link with the file itself [symlink-outside]",
    ]
    assert files.docs(root) == {}


def test_links_inside_the_repository_are_followed(run: Run, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "handbook")
    plant(root, "docs/again.md", "about.md")
    plant(root, "docs/pictures", "../schemas")  # a folder elsewhere in the repository
    plant(root, "docs/pictures-of-docs", ".")  # back to a folder above: refused rather than walked for ever
    assert run("check", "--repo", root).stdout.count("symlink") == 1
    pages = files.docs(root)
    assert pages["again.md"] == (root / "docs/about.md").read_bytes()
    assert pages["pictures/site.schema.json"] == (root / "schemas/site.schema.json").read_bytes()
    assert not any(page.startswith("pictures-of-docs/") for page in pages)
    assert tree(root, "docs")[1][0].rel == "docs/pictures-of-docs"


def test_the_cache_never_remembers_a_link_out_as_good(tmp_path: Path, outside: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "CACHE_MIN", 0)  # cached however small
    monkeypatch.setattr(fileids, "RACY_NS", 0)  # and trusted at once
    root = copy_example(tmp_path / "handbook")
    shared = root / "shared/2023.yaml"  # inside the repository: the link to it is followed
    shared.parent.mkdir()
    shared.write_text((outside / "audit.yaml").read_text().replace(MARKER, "A"))
    plant(root, f"{DERBY}/audits/2023.yaml", "../../../../shared/2023.yaml")
    from spread.check.run import run_check

    def lines(cache: bool = True) -> list[str]:
        return [str(problem) for problem in run_check((), root, cache=cache) if problem.is_error]

    assert lines() == [] == lines()  # cold, then warm: the audit reached through the link is read
    shared.unlink()
    shared.symlink_to(outside / "audit.yaml")  # the link itself and its folder do not change
    expected = [outside_line(f"{DERBY}/audits/2026-Q4.yaml", outside).replace("2026-Q4", "2023")]
    assert lines() == expected == lines() == lines(cache=False)
    for path in (root / FOLDER).iterdir():
        assert MARKER.encode() not in path.read_bytes()


def test_a_file_swapped_for_a_link_after_the_scan_is_not_read(tmp_path: Path, outside: Path) -> None:
    root = copy_example(tmp_path / "handbook")
    network = load_network(root)
    audit = f"{DERBY}/audits/2025.yaml"
    for rel, target in ((audit, "audit.yaml"), ("playbooks/peer-diabetes/releases/1.0.0.yaml", "release.yaml"),
                        ("docs/about.md", "page.md")):
        plant(root, rel, outside / target)
    record = load_file(root, audit, "audit")
    assert record[2:4] == (None, None) and record[4][0][4] == "symlink-outside"
    with pytest.raises(LinkRefused):
        read_inside(root, audit)
    assert "1.0.0" not in files.releases(network, "peer-diabetes")  # no tag and no archive: left out
    assert "about.md" not in files.docs(root)
    _, downloads = files.read_inputs(network, "Handbook")
    assert MARKER.encode() not in b"".join(downloads.values())


def test_nothing_is_written_or_deleted_through_a_link_in_the_build_folder_or_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "thesis.txt").write_text("years of work")
    build = tmp_path / "handbook/.spread-build/docs"
    build.mkdir(parents=True)
    (build / "playbooks").symlink_to(victim)
    (build / "index.md").symlink_to(victim / "thesis.txt")
    files.sync(build, {"index.md": b"home", "playbooks/a.md": b"a"})
    assert sorted(p.name for p in victim.iterdir()) == ["thesis.txt"]
    assert (victim / "thesis.txt").read_text() == "years of work"
    assert (build / "index.md").read_bytes() == b"home" and not (build / "playbooks").is_symlink()
    shutil.rmtree(build.parent)
    build.parent.symlink_to(victim)
    with pytest.raises(SpreadError, match=re.escape(f"{build.parent} is a link to {os.path.realpath(victim)}")):
        files.sync(build, {"index.md": b"home"})
    monkeypatch.setattr(records, "CACHE_MIN", 0)
    root = copy_example(tmp_path / "cached")
    (root / FOLDER).symlink_to(victim)
    load_network(root)
    assert sorted(p.name for p in victim.iterdir()) == ["thesis.txt"]
