"""Shell completion of playbook ids and site ids, from the folder names of the repository.

The shell runs `spread` on every press of Tab, so this reads folder names only: no YAML, no schema,
no git. Commands use it with `shell_complete=complete_playbook` (or `complete_site`) on an argument.
Turn completion on in a shell with one line in its start-up file:

    eval "$(_SPREAD_COMPLETE=bash_source spread)"      # ~/.bashrc
    eval "$(_SPREAD_COMPLETE=zsh_source spread)"       # ~/.zshrc
    _SPREAD_COMPLETE=fish_source spread | source       # ~/.config/fish/completions/spread.fish
"""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

MARKERS = ("playbooks", "fidelity")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` with playbooks/ or fidelity/ (as `spread.network.repo.find_root`)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return folder
    return None


def playbook_ids(root: Path) -> list[str]:
    """Every playbook in the repository: folders of playbooks/ holding a playbook.yaml."""
    return sorted(folder.name for folder in _folders(root / "playbooks")
                  if any((folder / name).is_file() for name in ("playbook.yaml", "playbook.yml")))


def site_refs(root: Path, playbook: str | None = None) -> list[str]:
    """Every site as `playbook/site`, the way commands name a site; only one playbook's when it is given."""
    found: list[str] = []
    for pb in _folders(root / "fidelity"):
        if playbook is None or pb.name == playbook:
            found.extend(f"{pb.name}/{site.name}" for site in _folders(pb)
                         if any((site / name).is_file() for name in ("site.yaml", "site.yml")))
    return sorted(found)


def complete_playbook(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    root = _root(ctx)
    if root is None:
        return []
    return [CompletionItem(pid) for pid in playbook_ids(root) if pid.startswith(incomplete)]


def complete_site(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Sites as `playbook/site`. Typing a bare site id (`lee`) finds it under whichever playbook has it."""
    root = _root(ctx)
    if root is None:
        return []
    chosen = next((v for k, v in ctx.params.items() if k in ("playbook", "playbook_id") and isinstance(v, str)), None)
    refs = site_refs(root, chosen)
    if chosen is not None:  # the playbook was given as its own argument: complete the bare site id
        return [CompletionItem(site) for site in (ref.split("/", 1)[1] for ref in refs) if site.startswith(incomplete)]
    return [CompletionItem(ref) for ref in refs if ref.startswith(incomplete) or ref.split("/", 1)[1].startswith(incomplete)]


def _root(ctx: click.Context) -> Path | None:
    repo = ctx.params.get("repo")
    try:
        return find_root(Path(repo) if repo else Path.cwd())
    except OSError:  # a folder that vanished or cannot be read: offer nothing rather than an error
        return None


def _folders(path: Path) -> list[Path]:
    try:
        return [entry for entry in path.iterdir() if entry.is_dir() and not entry.name.startswith(".")]
    except OSError:
        return []
