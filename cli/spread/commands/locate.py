"""Finding what a person names on the command line: one site (`playbook/site`, a bare site id only one playbook
has, or a site folder), or one audit (a path to an audit file, or a site, meaning its latest audit).

`spread audit new`, `spread audit score` and `spread site upgrade` all take a site this way, so they accept the
same names and say the same thing when a site or audit is not there."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import click

from spread.check.rules import check_network
from spread.errors import Problem, SpreadError, display_path, words
from spread.model.audit import Audit
from spread.model.build import site_from
from spread.model.ids import SLUG
from spread.model.periods import sort_key as period_key
from spread.model.schemas import validate
from spread.model.site import Site
from spread.network.repo import Network, find_root, kind_of, load_network
from spread.yaml.document import Document
from spread.yaml.read import read_document

HINT = "AUDIT|SITE"


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


@dataclass(frozen=True)
class Located:
    """The audit asked for, the one before it (if any), and the problems that stop it being scored."""

    network: Network
    audit: Audit | None
    previous: Audit | None
    problems: tuple[Problem, ...]


def _site_key(target: str, network: Network) -> tuple[str, str]:
    path = Path(target)
    if path.is_dir():
        parts = Path(display_path(path, network.root)).parts
        if len(parts) != 3 or parts[0] != "fidelity":
            raise click.BadParameter(f"{target} is not a site folder: give fidelity/<playbook>/<site>, "
                                     "`playbook/site`, or the path to an audit file", param_hint=HINT)
        return parts[1], parts[2]
    key = site_key(network, target, HINT)
    if key is None:
        raise click.BadParameter(f"{target} is not an audit file or a site: give the path to an audit, a site "
                                 "folder, or `playbook/site` such as `peer-diabetes/leeds`", param_hint=HINT)
    if not key[0]:
        raise unknown_site(network, target, HINT)
    return key


def _latest(network: Network, key: tuple[str, str], audits: list[Audit]) -> str:
    """The site's latest audit file, by period, counting files that could not be read: scoring the one before
    a broken latest audit would pass off an old score as the current one. Empty when it has none."""
    folder = f"fidelity/{key[0]}/{key[1]}/audits/"
    broken = [rel for rel in network.unreadable if rel.startswith(folder)]
    candidates = [(period_key(audit.period), network.path_of(audit.doc)) for audit in audits]
    candidates += [(period_key(PurePosixPath(rel).stem), rel) for rel in broken]
    return max(candidates)[1] if candidates else ""


def _problems(network: Network, *paths: str) -> tuple[Problem, ...]:
    """The errors in these files, or at a folder they are in (a link to a site folder that is not followed)."""
    return tuple(p for p in check_network(network) if p.is_error and (
        p.path in paths or any(path.startswith(p.path + "/") for path in paths)))


def locate(target: str, repo: Path | None) -> Located:
    """Load the repository and find the audit. Problems in its file (or its site's file) are returned, not raised."""
    path = Path(target)
    root = find_root(repo or (path if path.is_dir() else path.parent if path.is_file() else Path.cwd()))
    network = load_network(root)
    if path.is_file():
        rel = display_path(path, root)
        if kind_of(rel) != "audit":
            raise click.BadParameter(f"{target} is not a self-audit: audits live in "
                                     "fidelity/<playbook>/<site>/audits/<period>.yaml", param_hint=HINT)
        key = (rel.split("/")[1], rel.split("/")[2])
    else:
        key = _site_key(target, network)
        rel = ""
    site_file = f"fidelity/{key[0]}/{key[1]}/site.yaml"
    if key not in network.sites and not (root / site_file).is_file() and not rel:
        raise unknown_site(network, f"{key[0]}/{key[1]}", HINT)
    audits = network.audits.get(key, [])
    if not rel:
        rel = _latest(network, key, audits)
        if not rel:
            if key in network.sites:
                raise SpreadError(f"site `{key[0]}/{key[1]}` has no self-audits yet: prepare one with "
                                  "`spread audit new`")
            return Located(network, None, None, _problems(network, site_file))
    mine = [i for i, audit in enumerate(audits) if network.path_of(audit.doc) == rel]
    problems = _problems(network, rel, site_file)
    if not mine or problems:
        return Located(network, None, None, problems)
    index = mine[0]
    return Located(network, audits[index], audits[index - 1] if index else None, problems)
