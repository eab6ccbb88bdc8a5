"""Publishing: check the repository, generate the pages, merge docs/, write the configuration, build.

The command line's `publish` and `serve` both run `generate_build`; only `publish` refuses a repository with
errors (a preview keeps showing the last good build instead). The heavy HTML blocks of generated pages are
kept out of the Markdown MkDocs reads (`deferred`) and handed to the engine, which puts them back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spread.errors import Problem, SpreadError
from spread.handbook import config, deferred, engine, files, links
from spread.handbook.generate import pages
from spread.progress import Progress, nothing
from spread.repo import Network, load_network
from spread.rules import check_network

BUILD = ".spread-build"


@dataclass(frozen=True)
class Prepared:
    config_file: Path
    pages: int
    written: int
    blocks: dict[str, list[str]] = field(default_factory=dict)  # the blocks `deferred.split` took, by page


def checked(root: Path) -> tuple[Network, list[Problem]]:
    network = load_network(root)
    return network, check_network(network)


def generate_build(network: Network, build_dir: Path, site_dir: Path, today: date,
                   progress: Progress = nothing) -> Prepared:
    """Write the Markdown pages, the hand-written docs, the assets and the MkDocs configuration."""
    root = network.root
    user_file = root / "mkdocs.yml"
    user = config.load_user(user_file.read_text(encoding="utf-8") if user_file.is_file() else None)
    inputs, downloads = files.read_inputs(network, str(user.get("site_name") or "Handbook"))
    generated = pages(network, today, inputs, progress)
    hand_written = files.docs(root)
    clash = sorted(set(hand_written) & (set(generated) | set(downloads)))
    if clash:
        raise SpreadError(f"docs/{clash[0]} has the same path as a page the handbook generates: rename or move "
                          "it (docs/playbooks/, docs/reference/ and docs/downloads/ are the handbook's own)")
    kept, blocks = deferred.split_pages(generated)
    everything = {**hand_written, **downloads, **files.assets(),
                  **{rel: text.encode("utf-8") for rel, text in kept.items()}}
    broken = links.broken(generated, set(everything))  # the whole pages, blocks and all
    if broken:  # a bug in Spread, not in the user's files: say so rather than publish dead links
        raise SpreadError(f"the handbook generator wrote {len(broken)} broken link(s), for example {broken[0]}: "
                          "please report this as a bug in Spread")
    written = files.sync(build_dir / "docs", everything)
    docs_pages = sorted(rel for rel in hand_written if rel.endswith(".md") and "/" not in rel)
    nav = config.nav(user.get("nav"), [config.NavPlaybook(p.id, p.title) for _, p in sorted(network.playbooks.items())],
                     docs_pages)
    text = config.generated(user, str(site_dir.resolve()), nav, os.path.relpath(root, build_dir))
    config_file = build_dir / "mkdocs.yml"
    files.write_if_changed(config_file, text.encode("utf-8"))
    return Prepared(config_file, sum(rel.endswith(".md") for rel in everything), written, blocks)


def publish(network: Network, site_dir: Path, today: date, progress: Progress = nothing) -> Prepared:
    """Generate and build the handbook into `site_dir`. The caller has checked the repository."""
    engine.check_site_dir(site_dir, network.root)
    prepared = generate_build(network, network.root / BUILD, site_dir, today, progress)
    engine.build(prepared.config_file, prepared.blocks)
    return prepared

