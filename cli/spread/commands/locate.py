"""Finding the audit a user means: a path to an audit file, or a site (its latest audit) named as `spread.commands.site_ref`
reads it: a site folder, `playbook/site`, or a site id only one playbook has."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import click

from spread.check.rules import check_network
from spread.commands.site_ref import site_key, unknown_site
from spread.errors import Problem, SpreadError, display_path
from spread.model.audit import Audit
from spread.model.periods import sort_key as period_key
from spread.network.repo import Network, find_root, kind_of, load_network

HINT = "AUDIT|SITE"


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
