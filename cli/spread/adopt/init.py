"""A new handbook repository: which files it gets (pure planning), then writing them without replacing any.

The result passes `spread check` and `spread publish` straight away, runs the checks before each commit
(pre-commit, with a local hook that needs no network) and on every push (GitHub Actions), and publishes to
GitHub Pages from the main branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

from spread import __version__
from spread.adopt.skeleton import template
from spread.errors import SpreadError
from spread.model.schemas import KINDS, schema_text
from spread.network import gitio
from spread.yaml.write import write_atomic

# Where Spread will be published: the CI workflow installs it from here (its comment says how to point it at
# another copy). The pre-commit hook needs no address: it runs the `spread` installed on the computer.
SPREAD_REPO = "https://github.com/spread-handbook/spread"
SPREAD_REV = f"v{__version__}"
# Not `pip install spread`: that name on the package index belongs to an unrelated project.
SPREAD_INSTALL = f"spread @ git+{SPREAD_REPO}@{SPREAD_REV}"

# Each file of a new repository, and the package template it is made from.
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "docs/index.md": "index.md",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/handbook.yml": "handbook-workflow.yml",
    ".vscode/extensions.json": "vscode-extensions.json",
    "playbooks/README.md": "playbooks-readme.md",
}
EXAMPLE = ("playbooks/walking-groups/playbook.yaml", "example-playbook.yaml")
# A folder holding only these is as good as empty: `git init` first, then `spread init`, is a normal order.
IGNORABLE = {".git"}


@dataclass(frozen=True)
class Created:
    root: Path
    written: list[str]
    kept: list[str]
    started_git: bool


def plan(*, empty: bool = False) -> dict[str, str]:
    """Every file of a new handbook repository, by its path in the repository, with its text."""
    values = {"spread_repo": SPREAD_REPO, "spread_rev": SPREAD_REV, "spread_install": SPREAD_INSTALL}
    files = {path: Template(template(name)).safe_substitute(values) for path, name in FILES.items()}
    files.update({f"schemas/{kind}.schema.json": schema_text(kind) for kind in KINDS})
    if not empty:
        files[EXAMPLE[0]] = template(EXAMPLE[1])
    return dict(sorted(files.items()))


def create(root: Path, *, empty: bool = False, force: bool = False) -> Created:
    """Write the planned files into `root`, keeping every file that is already there, even with `force`."""
    if root.exists() and not root.is_dir():
        raise SpreadError(f"{root} is a file: choose a folder for the new handbook")
    if root.is_dir() and not force:
        present = sorted(p.name for p in root.iterdir() if p.name not in IGNORABLE)
        if present:
            raise SpreadError(f"{root} is not empty (it has {', '.join(present[:3])}{', …' if len(present) > 3 else ''}): "
                              "choose an empty or new folder, or use --force to add the handbook files "
                              "(your own files are never replaced)")
    root.mkdir(parents=True, exist_ok=True)
    started_git = gitio.open_repo(root) is None
    if started_git:
        gitio.init_repo(root)
    written, kept = [], []
    for rel, text in plan(empty=empty).items():
        path = root / rel
        if path.exists() or path.is_symlink():
            kept.append(rel)
            continue
        write_atomic(path, text)
        written.append(rel)
    return Created(root, written, kept, started_git)
