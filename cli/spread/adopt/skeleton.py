"""The commented playbook skeleton that `spread playbook new` writes, and where it goes."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from string import Template

import click

from spread.model.ids import id_problem, shown


def template(name: str) -> str:
    """The text of one of the package's templates (cli/spread/templates/)."""
    return resources.files("spread").joinpath("templates", name).read_text(encoding="utf-8")


def check_id(value: str, what: str = "playbook id") -> str:
    """The id if it can name a folder and a git tag; a usage error (exit 2) saying how to fix it if not."""
    fix = id_problem(value, "peer-support")
    if fix:
        raise click.UsageError(f"`{shown(value)}` cannot be a {what}: {fix}")
    return value


def skeleton(playbook_id: str) -> str:
    """A new playbook with every section present and explained, its placeholders marked `TODO:`."""
    return Template(template("playbook-skeleton.yaml")).safe_substitute(id=check_id(playbook_id))


def playbook_path(root: Path, playbook_id: str) -> Path:
    return root / "playbooks" / playbook_id / "playbook.yaml"
