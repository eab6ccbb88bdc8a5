"""The commented playbook skeleton that `spread playbook new` writes, and where it goes."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from string import Template

import click

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The longest id that still makes a readable folder name and tag (`<id>/v1.2.3`).
MAX_ID = 60


def template(name: str) -> str:
    """The text of one of the package's templates (cli/spread/templates/)."""
    return resources.files("spread").joinpath("templates", name).read_text(encoding="utf-8")


def check_id(value: str, what: str = "playbook id") -> str:
    """The id if it can name a folder and a git tag; a usage error (exit 2) saying how to fix it if not."""
    if not SLUG.match(value) or len(value) > MAX_ID:
        raise click.UsageError(f"`{value}` cannot be a {what}: use lower-case letters, digits and single hyphens, "
                               f"at most {MAX_ID} characters, like `peer-support`")
    return value


def skeleton(playbook_id: str) -> str:
    """A new playbook with every section present and explained, its placeholders marked `TODO:`."""
    return Template(template("playbook-skeleton.yaml")).safe_substitute(id=check_id(playbook_id))


def playbook_path(root: Path, playbook_id: str) -> Path:
    return root / "playbooks" / playbook_id / "playbook.yaml"
