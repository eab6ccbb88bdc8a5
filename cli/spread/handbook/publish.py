"""Publishing: check the repository, generate the pages, merge docs/, write the configuration, build beside the
website and swap the new one in (`swap`), into a folder Spread may replace (`sitedir`).

The command line's `publish` and `serve` both run `generate_build`; only `publish` refuses a repository with
errors (a preview keeps showing the last good build instead). The pages and configuration written to
`.spread-build/` are complete: MkDocs or Zensical (`engine`) builds them as they are. For MkDocs only, the heavy
HTML blocks of generated pages are also kept apart (`deferred`), which its adapter uses to build faster.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from spread.check.rules import check_network
from spread.errors import Problem, SpreadError
from spread.handbook import config, deferred, engine, files, links, lock, navigation, sitedir, swap, theme
from spread.handbook.audience import DEFAULT as DEFAULT_AUDIENCE
from spread.handbook.audience import Audience, published, withheld
from spread.handbook.generate import pages
from spread.network.repo import Network, load_network
from spread.progress import Progress, Stage, nothing, quietly

BUILD = ".spread-build"


@dataclass(frozen=True)
class Prepared:
    config_file: Path
    pages: int
    written: int
    split: deferred.Split = field(default_factory=deferred.Split)  # for MkDocs: pages with blocks kept apart
    engine: str = engine.DEFAULT
    adopted: bool = False  # the default site/ held an earlier, unmarked build, which was replaced
    skipped: tuple[str, ...] = ()  # what the engine leaves out of mkdocs.yml (Zensical: hooks), for the person


def skipped(engine_name: str, user: dict[str, object]) -> tuple[str, ...]:
    """What in the user's mkdocs.yml the engine does not run, each as one line for the person."""
    hooks = user.get("hooks")
    if engine_name != "zensical" or not isinstance(hooks, list) or not hooks:
        return ()
    named = ", ".join(str(hook) for hook in hooks)
    return (f"mkdocs.yml: warning: Zensical does not run MkDocs hooks, so {named} did nothing in this build: build "
            "with --engine mkdocs if the handbook needs them",)


def checked(root: Path) -> tuple[Network, list[Problem]]:
    """The repository and every problem `spread check` finds in it, mkdocs.yml's navigation included."""
    network = load_network(root)
    return network, sorted({*check_network(network), *navigation.problems(root)})


def generate_build(network: Network, build_dir: Path, today: date, progress: Progress = nothing,
                   engine_name: str = engine.DEFAULT, audience: Audience = DEFAULT_AUDIENCE) -> Prepared:
    """Write the Markdown pages, the hand-written docs, the assets and the configuration, for `engine_name`, with
    what `audience` may see (`handbook.audience`): the sites that keep their results to the network are left out of
    a public handbook before any page is generated."""
    root = network.root
    user = config.load_user(files.settings(root))
    inputs, downloads = files.read_inputs(network, str(user.get("site_name") or "Handbook"))
    inputs = replace(inputs, withheld=withheld(network, audience))
    generated = pages(published(network, audience), today, inputs, progress)
    hand_written = files.docs(root)
    clash = sorted(set(hand_written) & (set(generated) | set(downloads)))
    if clash:
        raise SpreadError(f"docs/{clash[0]} has the same path as a page the handbook generates: rename or move "
                          "it (docs/playbooks/, docs/reference/ and docs/downloads/ are the handbook's own)")
    everything = {**hand_written, **downloads, **files.assets(),
                  **{rel: text.encode("utf-8") for rel, text in generated.items()}}
    broken = links.broken(generated, set(everything))
    if broken:  # a bug in Spread, not in the user's files: say so rather than publish dead links
        raise SpreadError(f"the handbook generator wrote {len(broken)} broken link(s), for example {broken[0]}: "
                          "please report this as a bug in Spread")
    written = files.sync(build_dir / "docs", everything)
    files.sync(build_dir / theme.FOLDER, theme.files(root, user))  # the security policy of each engine
    docs_pages = sorted(rel for rel in hand_written if rel.endswith(".md") and "/" not in rel)
    nav = config.nav(user.get("nav"), [config.NavPlaybook(p.id, p.title) for _, p in sorted(network.playbooks.items())],
                     docs_pages)
    text = config.generated(user, nav, os.path.relpath(root, build_dir))
    config_file = build_dir / "mkdocs.yml"
    files.write_if_changed(config_file, text.encode("utf-8"))
    split = deferred.split_pages(generated) if engine_name == "mkdocs" else deferred.Split()
    return Prepared(config_file, sum(rel.endswith(".md") for rel in everything), written, split, engine_name,
                    skipped=skipped(engine_name, user))


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'s' * (number != 1)}"


def _real(folder: Path) -> Path:
    """The absolute path, with links resolved in its parent but not in itself (the swap renames it there)."""
    folder = Path(os.path.abspath(folder))
    return folder.parent.resolve() / folder.name if folder.name else folder


def _docs_dir(root: Path) -> str | None:
    """The `docs_dir` of the user's mkdocs.yml, which a website must not be built into either."""
    try:
        value = config.load_user(files.settings(root)).get("docs_dir")
    except SpreadError:
        return None  # the build itself says what is wrong with the file
    return value if isinstance(value, str) else None


def publish(network: Network, site_dir: Path | None, today: date, progress: Progress = nothing,
            stage: Stage = quietly, warn: Callable[[str], None] = engine.ignore,
            engine_name: str = engine.DEFAULT, audience: Audience = DEFAULT_AUDIENCE) -> Prepared:
    """Generate and build the handbook for `audience` beside `site_dir` (default: site/ in the repository), then swap it in
    (`swap`): a failure or a kill leaves the website that was there. Refuses (`sitedir.Refused`) a folder that
    is not Spread's to replace. The caller has checked the repository. `stage` is told as each stage begins,
    `progress` counts the pages MkDocs builds, and `warn` hears each of the engine's warnings."""
    engine.require(engine_name)  # before anything is written
    root = network.root
    target = _real(site_dir if site_dir is not None else root / "site")
    default = target == _real(root / "site")
    sitedir.check_location(target, root, _docs_dir(root))
    sitedir.check_contents(target, root, default)  # refused before anything is written, even the lock
    with lock.locked(root / BUILD):
        swap.recover(target)
        adopted = sitedir.check_contents(target, root, default)  # again: the recovery may have changed it
        new = swap.begin(target)
        try:
            shown = len(published(network, audience).sites)
            stage(f"Generating the pages of {_count(len(network.playbooks), 'playbook')} and "
                  f"{_count(shown, 'site')}{' that publish to the public' * (audience == 'public')}")
            prepared = generate_build(network, root / BUILD, today, engine_name=engine_name, audience=audience)
            stage(f"Building the website with {engine.NAMES[engine_name]} ({_count(prepared.pages, 'page')})")
            engine.build(engine_name, prepared.config_file, new, prepared.split, progress=progress,
                         pages=prepared.pages, warn=warn)
            stage("Swapping in the new website")
            swap.finish(new, target, adopted)
        except BaseException:
            with contextlib.suppress(SpreadError):
                swap.recover(target)  # a whole website back in place, the unfinished one deleted
            raise
    return replace(prepared, adopted=bool(adopted))
