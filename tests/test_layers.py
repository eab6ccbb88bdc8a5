"""The package's tree is its architecture: one folder per pipeline stage, layers that only point down, no circles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "cli" / "spread"


def test_layers_point_down_and_no_module_imports_in_a_circle() -> None:
    """import-linter reads the contracts in pyproject.toml: a wrong import fails here, naming the layers."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO / "cli"), "PATH": str(lint.parent)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_top_of_the_package_holds_only_the_shared_shell() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 8, modules
    folders = [p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    assert {f.name for f in folders} >= {"commands", "handbook", "report", "versions", "adopt", "check", "scoring",
                                         "network", "model", "yaml"}


def test_no_module_repeats_its_folders_name() -> None:
    """`report/csv.py`, not `report/reportcsv.py`."""
    repeats = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
               if p.parent != PACKAGE and p.parent.name.rstrip("s") in p.stem]
    assert repeats == []


def test_every_folder_says_what_it_is_for() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        text = init.read_text(encoding="utf-8").strip()
        assert text.startswith('"""') and len(text) > 40, init
