"""Checking on every core finds exactly what checking in one process finds: the same problems, tied to the same files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO
from spread.check import parts as checkparts
from spread.check.rules import check_network
from spread.network.cache import Store
from spread.network.records import Records
from spread.network.repo import load_network

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "net"
    generate(root, 40, 4, seed=3, mistakes=0.2)  # with broken files, unknown playbooks, bad ratings…
    (root / "fidelity" / "code-club" / "stray").mkdir(parents=True)  # a site folder holding only an audit
    (root / "fidelity" / "code-club" / "stray" / "site.yaml").write_text("id: [unclosed\n")
    return root


def loaded(root: Path) -> Records:
    records = Records(root, Store(root, enabled=False))
    records.load(records.found)
    return records


def test_parts_are_whole_site_folders_after_the_playbooks(generated: Path) -> None:
    records = loaded(generated)
    parts = checkparts._parts(records.found, 3)
    playbooks = [item for item in records.found if item.kind == "playbook"]
    assert len(parts) == 3 and all(part[:len(playbooks)] == playbooks for part in parts)
    folders = [{item.group for item in part[len(playbooks):]} for part in parts]
    assert not folders[0] & folders[1] and not folders[1] & folders[2] and not folders[0] & folders[2]
    assert sum(len(part) - len(playbooks) for part in parts) == len(records.found) - len(playbooks)


@pytest.mark.parametrize("workers", [2, 3])
def test_checking_in_parts_finds_what_one_process_finds(generated: Path, workers: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    records = loaded(generated)
    everything = {item.rel for item in records.found}
    alone = checkparts._check(generated, records, records.found, everything)
    monkeypatch.setattr(checkparts, "PARTS_MIN", 0)
    monkeypatch.setattr(checkparts, "cores", lambda: workers)
    problems, fresh = checkparts.check_loaded(generated, records, everything)
    assert problems == alone[0] == check_network(load_network(generated, cache=False))
    assert any(p.rule.startswith("audit-") for p in problems) and any(p.rule == "yaml-syntax" for p in problems)
    assert fresh is not None and alone[1] is not None
    assert fresh.keys() == alone[1].keys() == everything
    assert {rel: (blob, playbook, sorted(found)) for rel, (blob, playbook, found) in fresh.items()} == \
        {rel: (blob, playbook, sorted(found)) for rel, (blob, playbook, found) in alone[1].items()}


def test_a_cold_check_in_parts_then_a_warm_one_find_what_an_uncached_check_finds(
        generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from spread.check.run import run_check
    from spread.network import parallel, records

    root = tmp_path / "net"
    shutil.copytree(generated, root, symlinks=True)
    monkeypatch.setattr(records, "CACHE_MIN", 0)
    monkeypatch.setattr(checkparts, "PARTS_MIN", 0)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    monkeypatch.setattr(parallel, "CHUNK", 20)
    uncached = run_check((), root, cache=False)
    assert run_check((), root) == uncached  # cold: loaded and checked in worker processes
    assert run_check((), root) == uncached  # warm: from the kept results
