"""`spread site upgrade`: move a site to a newer version of its playbook, keeping its choices and comments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.answers import Given, apply_sets
from spread.adopt.asking import asking, confirm
from spread.adopt.lock import adopt
from spread.adopt.principles import ask_principles
from spread.adopt.rechoose import only_asked, upgrade_answers, upgraded_readme
from spread.adopt.seal import unedited
from spread.check.rules.principles import DESCRIBED_FROM
from spread.commands.completion import complete_site
from spread.commands.locate import locate_site
from spread.commands.options import asking_options, repo_option, set_options, today_option
from spread.errors import SpreadError, display_path, words
from spread.model.semver import is_newer
from spread.model.site import Site
from spread.network.repo import Network, find_root, load_network
from spread.versions.changes import and_list
from spread.versions.configure import moved_lines
from spread.versions.revisions import released
from spread.versions.upgrade import UpgradePlan, plan_upgrade, preview
from spread.versions.upgrade_file import checked, rewrite_site
from spread.yaml.write import write_atomic


def _site(network: Network, ref: str) -> tuple[Site, Path]:
    folder = Path(ref) if Path(ref).is_dir() else network.root / "fidelity" / ref
    path = display_path(folder / "site.yaml", network.root)
    if path in network.unreadable:
        raise SpreadError(f"{path} has problems, so it cannot be upgraded yet: run `spread check {path}` and fix them")
    return locate_site(network, ref)


def _advice(plan: UpgradePlan, folder: str) -> str:
    """What to do next, as much as the bump asks: nothing after wording, a look after additions, a talk and the next
    audit on the new version after a major change."""
    site, old, new = plan.site, plan.old.version, plan.new.version
    done = f"Upgraded {site.name} to {site.playbook} {new}"
    if old.split(".")[0] != new.split(".")[0]:
        return (f"{done}, a major release: talk through the core components to review with your team, rate your next "
                f"self-audit against {new} (earlier audits stay on {old}), and run `spread check {folder}`.")
    if old.split(".")[1] != new.split(".")[1]:
        added = [f"`{s.component}` ({s.title})" for s in plan.steps if s.category == "new-local"]
        what = f"new optional things to look at with your team: {and_list(added)}" if added else \
            "it gives sites more room: see what it added in the playbook's changelog"
        return f"{done}, a minor release: {what}. Run `spread check {folder}` after any change."
    return f"{done}, a patch release (wording only): nothing to do, your choices and audits carry on as they were."


def _configure(plan: UpgradePlan, path: Path, shown: str, *, dry_run: bool, yes: bool, today: date | None) -> None:
    """A site already on the version asked: only its local choices recorded as adaptations move to `choices:`."""
    site = plan.site
    if not plan.moves:
        click.echo(f"{site.name} is already on {site.playbook} {site.version}: nothing to upgrade.")
        return
    click.echo(f"{site.name} is already on {site.playbook} {site.version}, and its site.yaml records these local "
               "choices as adaptations. Choosing among the options the playbook offers is configuration, so they "
               "move to `choices:`, with their reasons and without FRAME details:")
    click.echo("\n".join(moved_lines(site, plan.moves)[2:]))
    if dry_run:
        click.echo("\nDry run: nothing was written.")
        return
    with asking("to move them without questions (in a script), add --yes"):
        confirm(f"Move them to `choices:` in {shown}?", yes=yes)
    text = rewrite_site(path.read_bytes().decode("utf-8"), plan, {}, None, (today or date.today()).isoformat())
    write_atomic(path, checked(text, path, shown), force=True)
    click.echo(f"Moved {len(plan.moves)} local choice{'s' * (len(plan.moves) != 1)} to `choices:` in {shown}.")


@click.command()
@click.argument("ref", metavar="SITE", shell_complete=complete_site)
@click.option("--to", "to_version", metavar="X.Y.Z", help="Move to this version (default: the newest).")
@click.option("--dry-run", is_flag=True, help="Show what would change, ask nothing and write nothing.")
@set_options
@asking_options
@repo_option
@today_option()
def upgrade(ref: str, to_version: str | None, dry_run: bool, sets: tuple[str, ...], reasons: tuple[str, ...],
            yes: bool, no_input: bool, repo: Path | None,
            today: date | None) -> None:
    """Move a SITE (`playbook/site`, or its folder) to a newer version of its playbook.

    First shows what happens to each component: unchanged, updated cleanly, new local
    components (you choose), choices no longer allowed (you choose again), local components
    removed, and core components to review (with the old and new practice profile). Then
    rewrites site.yaml, changing only the lines it must: the version and commit, the new
    choices, old records moved under `retired:` (never deleted), and an `upgrades` record.
    Audits are never changed: each stays tied to the version it was made under.

    Local choices recorded as adaptations (as site files from older Spread do) move to
    `choices:`, with their reasons; run it on a site already on the newest version to do
    only that.

    \b
    Examples:
      spread site upgrade peer-diabetes/gateshead --dry-run
      spread site upgrade peer-diabetes/gateshead
      spread site upgrade fidelity/peer-diabetes/norwich --to 2.0.0 --no-input --yes
      spread site upgrade peer-diabetes/gateshead --no-input --set rhythm=monthly --reason "rhythm=The hall is free monthly."
    """
    network = load_network(find_root(repo or (Path(ref) if Path(ref).is_dir() else Path.cwd())))
    site, folder = _site(network, ref)
    path = folder / "site.yaml"
    shown = display_path(path, network.root)
    old = released(network, site.playbook, site.version) or network.playbook_version(site.playbook, site.version)
    if old is None:
        raise SpreadError(f"{shown}: version {site.version} of `{site.playbook}` was not found, so Spread cannot tell "
                          f"what changed: correct `playbook: version` (known versions are "
                          f"{words(network.versions(site.playbook))})")
    target = to_version or network.latest(site.playbook) or site.version
    if target == site.version:
        _configure(plan_upgrade(site, old, old), path, shown, dry_run=dry_run, yes=yes or no_input, today=today)
        return
    if not is_newer(target, site.version):
        raise click.BadParameter(f"{target} is not newer than {site.version}, the version {site.name} runs: a site "
                                 "only moves forward", param_hint="'--to'")
    adopted = adopt(network, site.playbook, target)
    plan = plan_upgrade(site, old, adopted.playbook)
    described = frozenset(e.principle for e in site.principles)
    fresh = [c for c in adopted.playbook.core if c.principle and c.id not in described]
    click.echo(preview(plan))
    if fresh:
        click.echo(f"\nPrinciples {site.name} has not described yet (how the site makes each its own, in its own words: "
                   "the model as designed, not a departure):")
        click.echo("\n".join(f"  - {c.id} ({c.title})" for c in fresh))
    if dry_run:
        click.echo("\nDry run: nothing was written.")
        return
    click.echo()
    given = Given()
    apply_sets(given, adopted.playbook, sets, reasons)
    only_asked(plan, given)
    readme, checklist = _checklist(folder, target)
    with asking("to upgrade without questions (in a script), add --no-input (new components take the playbook's "
                "defaults; give other choices with --set COMPONENT=CHOICE and --reason COMPONENT=REASON)"):
        answers = upgrade_answers(plan, given, questions=not no_input)
        enacted = ask_principles(adopted.playbook, {}, ask=not no_input, described=described)
        also = f" and {display_path(checklist, network.root)}" if readme.is_file() else ""
        kept = f" ({readme.name} has edits of your own, so it stays as it is)" if checklist != readme else ""
        confirm(f"Write the upgrade to {shown}{also}{kept}?", yes=yes or no_input)
    day = (today or date.today()).isoformat()
    text = checked(rewrite_site(path.read_bytes().decode("utf-8"), plan, answers, adopted.commit, day, enacted), path,
                   shown)
    where = display_path(folder, network.root)
    # The checklist `site new` wrote names the version and the choices: written afresh, it cannot go stale; beside
    # it instead when someone has edited it (ticked a step, added notes), which is theirs to keep.
    files = {path: text} | ({checklist: upgraded_readme(adopted, plan, answers, f"{site.playbook}/{site.id}", where,
                                                        day)} if readme.is_file() else {})
    for file, content in files.items():
        write_atomic(file, content, force=True)
    if adopted.note:
        click.echo(f"Note: the playbook's git commit could not be recorded: {adopted.note}.", err=True)
    if readme.is_file():
        click.echo(f"Wrote {shown} and the checklist {display_path(checklist, network.root)} for {target}.")
    if checklist != readme:
        click.echo(f"{display_path(readme, network.root)} has edits of your own, so Spread left it as it is: copy what "
                   f"you want to keep into {checklist.name}, then replace {readme.name} with it.")
    click.echo(_advice(plan, where))
    left = [c.id for c in fresh if c.id not in dict(enacted)]
    if left and site.stage in DESCRIBED_FROM:  # a site still getting ready describes them when it starts
        click.echo(f"Describe how {site.name} makes {and_list([f'`{p}`' for p in left])} its own under `principles:` "
                   f"in {shown} (`- principle: {left[0]}` and `how:` in your own words); `spread check` reminds you.")


def _checklist(folder: Path, target: str) -> tuple[Path, Path]:
    """The site's README, and where its checklist for `target` goes: over it while it is as Spread wrote it, else
    beside it (`README-2.0.0.md`), so that nobody's ticks or notes are lost."""
    readme = folder / "README.md"
    try:
        mine = readme.is_file() and unedited(readme.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):  # unreadable: certainly not Spread's as written
        mine = False
    return readme, readme if mine or not readme.is_file() else folder / f"README-{target}.md"
