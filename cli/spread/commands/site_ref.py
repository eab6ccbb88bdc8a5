"""Finding the one site a person means: `playbook/site`, a bare site id, or a site folder.

`spread audit new`, `spread audit score` and `spread site upgrade` all take a site this way, so they accept the
same names and say the same thing when a site is not there."""

from __future__ import annotations

import os
from pathlib import Path

import click

from spread.errors import SpreadError, display_path, words
from spread.model.build import site_from
from spread.model.ids import SLUG
from spread.model.schemas import validate
from spread.model.site import Site
from spread.network.repo import Network
from spread.yaml.document import Document
from spread.yaml.read import read_document


def site_key(network: Network, ref: str, hint: str = "'SITE'") -> tuple[str, str] | None:
    """(playbook, site) for `playbook/site`, or for a site id that only one playbook has; None when `ref` is
    not written like either. A site that does not exist is the caller's to report (`unknown_site`)."""
    parts = ref.strip("/").split("/")
    if len(parts) == 2 and all(SLUG.fullmatch(p) for p in parts):
        return parts[0], parts[1]
    if len(parts) == 1 and SLUG.fullmatch(ref):
        found = sorted(key for key in network.sites if key[1] == ref)
        if len(found) > 1:
            raise click.BadParameter(f"several playbooks have a site `{ref}`: say which, like `{found[0][0]}/{ref}`",
                                     param_hint=hint)
        return found[0] if found else ("", ref)
    return None


def unknown_site(network: Network, ref: str, hint: str = "'SITE'") -> click.BadParameter:
    known = [f"{p}/{s}" for p, s in sorted(network.sites)]
    return click.BadParameter(f"no site `{ref}` was found: name it as PLAYBOOK/SITE or give its folder (sites here: "
                              f"{words(known, joiner='and') if known else 'none yet'}), or set a new one up with "
                              "`spread site new`", param_hint=hint)


def locate_site(network: Network, ref: str) -> tuple[Site, Path]:
    """The site and its folder, or a one-line error saying what was looked for and what exists."""
    folder = Path(ref)
    key = site_key(network, ref) if not folder.is_dir() else None
    shown = f"fidelity/{key[0]}/{key[1]}" if key else os.path.relpath(os.path.abspath(folder), network.root)
    link = network.refused_at(f"{Path(shown).as_posix()}/site.yaml")
    if link is not None:  # never read, nor written to: it leads out of the repository
        raise SpreadError(f"{link.rel}: {link.problem().message}")
    if (folder / "site.yaml").is_file():
        return _load(network, folder.resolve()), folder.resolve()
    key = site_key(network, ref)
    if key is not None and key[0]:
        folder = network.root / "fidelity" / key[0] / key[1]
        site = network.sites.get(key)
        if site is not None:
            return site, folder
        if (folder / "site.yaml").is_file():
            return _load(network, folder), folder
    raise unknown_site(network, ref)


def _load(network: Network, folder: Path) -> Site:
    path = folder / "site.yaml"
    shown = display_path(path, network.root)
    doc = read_document(path, shown)
    if isinstance(doc, Document) and isinstance(doc.data, dict) and not validate(doc, "site", shown):
        return site_from(doc)
    raise SpreadError(f"{shown} has problems, so no audit can be prepared for it yet: run `spread check "
                      f"{display_path(folder, network.root)}` and fix them first")
