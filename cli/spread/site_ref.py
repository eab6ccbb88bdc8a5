"""Finding the one site a person means, for `spread audit new`: `playbook/site`, a bare site id, or a site folder."""

from __future__ import annotations

import re
from pathlib import Path

import click

from spread.build import site_from
from spread.errors import SpreadError, display_path
from spread.model import Site
from spread.repo import Network
from spread.schemas import validate
from spread.yamlio import Document, read_document

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def locate_site(network: Network, ref: str) -> tuple[Site, Path]:
    """The site and its folder, or a one-line error saying what was looked for and what exists."""
    folder = Path(ref)
    if (folder / "site.yaml").is_file():
        return _load(network, folder.resolve()), folder.resolve()
    parts = ref.strip("/").split("/")
    if len(parts) == 2 and all(SLUG.match(p) for p in parts):
        folder = network.root / "fidelity" / parts[0] / parts[1]
        site = network.sites.get((parts[0], parts[1]))
        if site is None and (folder / "site.yaml").is_file():
            return _load(network, folder), folder
        if site is not None:
            return site, folder
    elif len(parts) == 1 and SLUG.match(ref):
        found = [(key, site) for key, site in network.sites.items() if key[1] == ref]
        if len(found) == 1:
            (playbook, site_id), site = found[0]
            return site, network.root / "fidelity" / playbook / site_id
        if found:
            raise click.BadParameter(f"several playbooks have a site `{ref}`: say which, like "
                                     f"`{found[0][0][0]}/{ref}`", param_hint="'SITE'")
    known = ", ".join(f"{p}/{s}" for p, s in sorted(network.sites)[:8]) or "none yet"
    raise click.BadParameter(f"no site `{ref}` was found: name it as PLAYBOOK/SITE or give its folder "
                             f"(sites here: {known})", param_hint="'SITE'")


def _load(network: Network, folder: Path) -> Site:
    path = folder / "site.yaml"
    shown = display_path(path, network.root)
    doc = read_document(path, shown)
    if isinstance(doc, Document) and isinstance(doc.data, dict) and not validate(doc, "site", shown):
        return site_from(doc)
    raise SpreadError(f"{shown} has problems, so no audit can be prepared for it yet: run `spread check "
                      f"{display_path(folder, network.root)}` and fix them first")
