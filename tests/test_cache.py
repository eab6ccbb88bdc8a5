"""The cache in .spread-cache/: a check with it finds exactly what a check without it finds, reading only what changed.

Every test works on a generated network with mistakes in it, and compares with a check that uses no cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, Run
from spread.check.run import run_check
from spread.network import fileids, parallel, records
from spread.network.cache import FOLDER
from spread.network.loading import Record, load_file
from spread.network.repo import load_network

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import TODAY, TOWNS, generate, load_playbooks

from spread.model.periods import containing, previous

SITES = 30


def generated_sites(playbook_id: str) -> list[str]:
    """The sites `generate` makes on the newest version of an example playbook, none of them behind with audits.

    Worked out from the example playbooks, so the tests need no change when an example playbook is added."""
    playbooks = load_playbooks()
    return [f"{TOWNS[n % len(TOWNS)].lower()}-{n}" for n in range(SITES) if n % 17
            and playbooks[n % len(playbooks)].id == playbook_id and playbooks[n % len(playbooks)].doc.path.name
            == "playbook.yaml"]


CLUB, OTHER_CLUB = generated_sites("code-club")[:2]
_CLUB_FREQUENCY = next(pb for pb in load_playbooks() if pb.id == "code-club").instrument.frequency
AUDIT = f"fidelity/code-club/{CLUB}/audits/{previous(containing(TODAY, _CLUB_FREQUENCY))}.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "net"
    generate(root, SITES, 4, seed=5, mistakes=0.15)  # a git repository, as a real handbook is
    return root


@pytest.fixture
def net(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the generated network, cached however small it is."""
    monkeypatch.setattr(records, "CACHE_MIN", 0)
    root = tmp_path / "net"
    shutil.copytree(generated, root, symlinks=True)
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files read and parsed (not merely hashed) since the fixture started."""
    seen: list[str] = []

    def spy(root: Path, rel: str, kind: str, memo: dict[str, str] | None = None) -> Record:
        seen.append(rel)
        return load_file(root, rel, kind, memo)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "load_file", spy)
    yield seen


def lines(root: Path, cache: bool = True) -> list[str]:
    return [str(problem) for problem in run_check((), root, cache=cache)]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_results_with_and_without_the_cache_are_identical(net: Path, loads: list[str]) -> None:
    uncached = lines(net, cache=False)
    assert len(uncached) > 10  # the generated mistakes
    assert lines(net) == uncached  # cold: fills the cache
    loads.clear()
    assert lines(net) == uncached  # warm
    assert loads == []  # nothing was read again


def test_an_edited_file_is_checked_again_with_its_site_folder_only(net: Path, loads: list[str]) -> None:
    lines(net)
    loads.clear()
    rewrite(net / AUDIT, "review: ", "review: not-a-review-")
    after, read = lines(net), list(loads)
    assert after == lines(net, cache=False)
    assert any(line.startswith(AUDIT) and "[schema-enum]" in line for line in after)
    site_folder = AUDIT.split("/audits/")[0] + "/"
    assert AUDIT in read
    assert {rel for rel in read if not rel.startswith("playbooks/")} <= {
        p.relative_to(net).as_posix() for p in (net / site_folder).rglob("*.yaml")}


def test_unchanged_files_are_not_even_read(net: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileids, "RACY_NS", 0)  # trust stat at once, not only two seconds after a change
    hashed: list[bytes] = []
    monkeypatch.setattr(records, "blob_id", lambda raw: hashed.append(raw) or fileids.blob_id(raw))
    expected = lines(net)
    hashed.clear()
    assert lines(net) == expected
    assert hashed == []
    rewrite(net / AUDIT, "review: ", "review: x")
    lines(net)
    assert hashed == [(net / AUDIT).read_bytes()]


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(net: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fileids, "RACY_NS", 0)
    lines(net)
    path = net / AUDIT
    stat = path.stat()
    rewrite(path, "review: self", "review: SELF") if "review: self" in path.read_text() else rewrite(
        path, "review: guided", "review: GUIDED") if "review: guided" in path.read_text() else rewrite(
        path, "review: independent", "review: INDEPENDENT")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    after = lines(net)
    assert after == lines(net, cache=False)
    assert any(line.startswith(AUDIT) for line in after)


def test_an_edit_rewrites_only_the_part_of_the_index_that_holds_its_site_folder(net: Path) -> None:
    lines(net)
    before = {p.name: p.read_bytes() for p in (net / FOLDER).glob("checks.*")}
    assert len(before) == 16
    rewrite(net / AUDIT, "review:", "notes: edited\nreview:")
    assert lines(net) == lines(net, cache=False)
    after = {p.name: p.read_bytes() for p in (net / FOLDER).glob("checks.*")}
    assert after.keys() == before.keys()
    assert len([name for name in after if after[name] != before[name]]) == 1


def test_renamed_deleted_and_reverted_files_are_checked_again(net: Path) -> None:
    original = lines(net)
    audit = net / AUDIT
    text = audit.read_text()
    renamed = audit.with_name("2019-Q1.yaml")
    audit.rename(renamed)
    after = lines(net)
    assert after == lines(net, cache=False)
    assert any("[audit-period-filename]" in line and "2019-Q1.yaml" in line for line in after)
    renamed.unlink()
    assert lines(net) == lines(net, cache=False)
    audit.write_text(text.replace("review: ", "review: x"))
    assert lines(net) != original
    audit.write_text(text)
    assert lines(net) == original == lines(net, cache=False)


def test_a_changed_playbook_checks_every_site_and_audit_that_depends_on_it(net: Path, loads: list[str]) -> None:
    lines(net)
    loads.clear()
    playbook = net / "playbooks/code-club/playbook.yaml"
    rewrite(playbook, "  - id: safe-club", "  - id: safe-clubs")
    after, read = lines(net), list(loads)
    assert after == lines(net, cache=False)
    assert any(line.startswith("fidelity/code-club/") and "safe-club" in line for line in after)
    dependent = {p.relative_to(net).as_posix() for p in (net / "fidelity/code-club").rglob("*.yaml")}
    assert dependent <= set(read)
    assert not any(rel.startswith("fidelity/") and not rel.startswith("fidelity/code-club/") for rel in read)


def test_a_new_tag_checks_the_playbooks_and_their_sites_again(net: Path) -> None:
    lines(net)
    subprocess.run(["git", "tag", "code-club/v9.0.0"], cwd=net, check=True)
    after = lines(net)
    assert after == lines(net, cache=False)
    assert any("[site-behind-major]" in line for line in after)


def test_without_tags_a_cached_check_never_opens_git(net: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from spread.network import gitio

    expected = lines(net, cache=False)

    def refused(*_: object) -> None:
        raise AssertionError("git was opened")

    monkeypatch.setattr(gitio, "open_repo", refused)  # `git for-each-ref` said there are no tags
    assert lines(net) == expected  # cold
    rewrite(net / AUDIT, "review:", "notes: edited\nreview:")
    monkeypatch.undo()
    expected = lines(net, cache=False)
    monkeypatch.setattr(gitio, "open_repo", refused)
    assert lines(net) == expected  # warm, the edited site folder checked again


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "folder"])
def test_a_damaged_cache_is_ignored_and_rebuilt(net: Path, damage: str, loads: list[str]) -> None:
    expected = lines(net)
    stores = sorted((net / FOLDER).iterdir())
    # (`files` is kept only once files are older than two seconds, so this new network may have none.)
    # (`checks` is in sixteen parts, so that an edit rewrites only the part that holds its site folder.)
    names = {p.name.split(".")[0] for p in stores}
    assert {"checks", "data", "playbooks"} <= names <= {"checks", "data", "files", "playbooks"}
    for store in stores:
        raw = store.read_bytes()
        if damage == "folder":
            store.unlink()
            store.mkdir()
        else:
            store.write_bytes({"garbage": os.urandom(len(raw)), "truncated": raw[: len(raw) // 2], "empty": b"",
                               "foreign": raw.replace(b'"format": 1', b'"format": 0', 1)}[damage])
    loads.clear()
    assert lines(net) == expected
    assert len(loads) > 100  # nothing was trusted
    if damage != "folder":
        loads.clear()
        assert lines(net) == expected
        assert loads == []  # and the cache works again


def test_no_cache_reads_and_writes_nothing(run: Run, net: Path) -> None:
    cached = run("check", "--repo", net)
    assert (net / FOLDER).is_dir()
    shutil.rmtree(net / FOLDER)
    uncached = run("check", "--repo", net, "--no-cache")
    assert not (net / FOLDER).exists()
    assert (cached.exit_code, cached.stdout, cached.stderr) == (uncached.exit_code, uncached.stdout, uncached.stderr)
    assert run("check", "--repo", net).stdout == uncached.stdout  # cold, then warm
    assert run("check", "--repo", net, "--format", "json").stdout == run("check", "--repo", net, "--no-cache",
                                                                         "--format", "json").stdout


def test_loading_a_network_twice_reads_each_file_once(net: Path, loads: list[str]) -> None:
    first = load_network(net)
    assert len(loads) == len(set(loads)) > 100
    loads.clear()
    second = load_network(net)
    assert loads == []
    assert second.problems == first.problems and second.unreadable == first.unreadable
    assert second.sites == first.sites and second.audits == first.audits and second.playbooks == first.playbooks
    audit = second.audits[("code-club", CLUB)][-1]
    assert audit.doc.at(("period",)) == first.audits[("code-club", CLUB)][-1].doc.at(("period",))


def test_a_small_repository_keeps_no_cache(demo: Path) -> None:
    run_check((), demo)
    load_network(demo)
    assert not (demo / FOLDER).exists()
