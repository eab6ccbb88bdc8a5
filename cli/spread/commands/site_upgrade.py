"""`spread site upgrade`: move a site to a newer version of its playbook, keeping its choices and comments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from spread.adopt.answers import Given
from spread.adopt.asking import asking, confirm
from spread.adopt.lock import adopt
from spread.adopt.prompts import ask_choice
from spread.commands.completion import complete_site
from spread.commands.locate import locate_site
from spread.commands.options import asking_options, repo_option, today_option
from spread.errors import SpreadError, display_path, words
from spread.model.semver import is_newer
from spread.model.site import Site
from spread.network.repo import Network, find_root, load_network
from spread.versions.configure import moved_lines
from spread.versions.revisions import released
from spread.versions.upgrade import UpgradePlan, plan_upgrade, preview
from spread.versions.upgrade_file import Answer, checked, rewrite_site
from spread.yaml.write import write_atomic


def _site(network: Network, ref: str) -> tuple[Site, Path]:
    folder = Path(ref) if Path(ref).is_dir() else network.root / "fidelity" / ref
    path = display_path(folder / "site.yaml", network.root)
    if path in network.unreadable:
        raise SpreadError(f"{path} has problems, so it cannot be upgraded yet: run `spread check {path}` and fix them")
    return locate_site(network, ref)


def _answers(plan: UpgradePlan, no_input: bool, ref: str) -> dict[str, Answer]:
    answers, missing = {}, []
    questions = plan.questions
    for n, step in enumerate(questions, 1):
        local = step.ask
        assert local is not None
        if not no_input:
            chosen = ask_choice(local, Given(), n, len(questions))
            answers[local.id] = Answer(chosen.choice, chosen.reason, chosen.frame)
        elif step.category == "new-local" and local.default is not None:
            answers[local.id] = Answer(local.default, f"The playbook's default, taken when moving to {plan.new.version}.")
        elif step.category == "new-local":
            missing.append(f"`{local.id}` is new in {plan.new.version} and has no default")
        else:
            missing.append(f"`{local.id}`: {step.note.rstrip('.')}")
    if missing:
        raise SpreadError(f"--no-input cannot choose for you: {'; '.join(missing)}. Run `spread site upgrade {ref}` "
                          "without --no-input to choose. Nothing was written.")
    return answers


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
@asking_options
@repo_option
@today_option()
def upgrade(ref: str, to_version: str | None, dry_run: bool, yes: bool, no_input: bool, repo: Path | None,
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
    click.echo(preview(plan))
    if dry_run:
        click.echo("\nDry run: nothing was written.")
        return
    click.echo()
    with asking("to upgrade without questions (in a script), add --no-input (new choices take the playbook's "
                "defaults) or --yes"):
        answers = _answers(plan, no_input, ref)
        confirm(f"Write the upgrade to {shown}?", yes=yes or no_input)
    day = (today or date.today()).isoformat()
    text = rewrite_site(path.read_bytes().decode("utf-8"), plan, answers, adopted.commit, day)
    write_atomic(path, checked(text, path, shown), force=True)
    if adopted.note:
        click.echo(f"Note: the playbook's git commit could not be recorded: {adopted.note}.", err=True)
    click.echo(f"Upgraded {site.name} to {site.playbook} {target}: see the changes in {shown}, talk through the core "
               f"components to review, then run `spread check {display_path(folder, network.root)}`.")
