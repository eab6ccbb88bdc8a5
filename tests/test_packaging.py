"""The package carries its schemas: identical to the repository's, and working from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, write

KINDS = ("playbook", "site", "audit")


@pytest.mark.parametrize("kind", KINDS)
def test_packaged_schemas_are_the_repository_schemas(kind: str) -> None:
    source = REPO / "schemas" / f"{kind}.schema.json"
    packaged = REPO / "cli" / "spread" / "schemas" / f"{kind}.schema.json"
    assert packaged.read_bytes() == source.read_bytes(), (
        f"cli/spread/schemas/{kind}.schema.json has drifted from schemas/: copy schemas/{kind}.schema.json over it")


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_validates_files(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, REPO],
                   check=True, capture_output=True)
    wheel = next(dist.glob("spread-*.whl"))
    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "playbooks/demo/playbook.yaml", "id: demo\ntitle: Demo\nversion: 1.0\nstatus: active\n"
                                                       "summary: s\ncore: []\n")
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    where = subprocess.run([sys.executable, "-c", "import spread; print(spread.__file__)"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target))
    result = subprocess.run([sys.executable, "-m", "spread", "check"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "playbooks/demo/playbook.yaml:3:10: error: `version` is 1.0: write the version as MAJOR.MINOR.PATCH, "
        "for example 1.0.0 [schema-type]",
        "playbooks/demo/playbook.yaml:6:7: error: `core` is empty: fill it in. The parts every site must keep. "
        "[schema-minItems]",
    ]
