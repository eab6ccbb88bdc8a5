"""`spread playbook release`: a new version with the bump its changes need, a changelog entry, a commit and a tag."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

import click

from spread.adopt.asking import ask, asking, confirm
from spread.check.rules import check_network
from spread.commands.completion import complete_playbook
from spread.commands.options import asking_options, repo_option, today_option
from spread.errors import SpreadError, display_path
from spread.network import gitio
from spread.network.repo import find_root, load_network
from spread.versions.changelog import control_character, summary_for
from spread.versions.diff import Bump
from spread.versions.release import BumpTooSmall, apply_release, plan_release, release_files
from spread.versions.resume import finish_interrupted
from spread.versions.revisions import working


def plain_summary(text: str) -> str:
    """The summary on one line; a control character is refused (click asks again when it was typed)."""
    bad = control_character(text)
    if bad is not None:
        raise click.BadParameter(f"the summary holds the control character {bad}: write it as plain text")
    return " ".join(text.split())


def _summary_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    # A blank --summary asks for the sentence Spread offers, without the question.
    return None if value is None else plain_summary(value) if value.strip() else ""


def one_bump(**flags: bool) -> Bump | None:
    """The bump asked for, if any; two different ones contradict each other, so neither is guessed."""
    given = [name for name, on in flags.items() if on]
    if len(given) > 1:
        raise click.UsageError(f"--{given[0]} and --{given[1]} ask for different releases: give one of --major, "
                               "--minor or --patch, or none to let Spread choose")
    return cast(Bump, given[0]) if given else None


@click.command()
@click.argument("playbook_id", metavar="ID", shell_complete=complete_playbook)
@click.option("--major", is_flag=True, help="Release a new major version (X.0.0).")
@click.option("--minor", is_flag=True, help="Release a new minor version (x.Y.0).")
@click.option("--patch", is_flag=True, help="Release a new patch version (x.y.Z).")
@click.option("--summary", metavar="TEXT", callback=_summary_option,
              help="The changelog's summary of this release, one line (default: asked; with --no-input, a sentence "
              "saying what the release means for sites).")
@asking_options
@repo_option
@today_option()
def release(playbook_id: str, major: bool, minor: bool, patch: bool, summary: str | None, yes: bool, no_input: bool,
            repo: Path | None, today: date | None) -> None:
    """Release a new version of playbook ID: bump, changelog, commit and tag.

    Compares the playbook with its last release and picks the version the changes need:
    major when core components or scoring changed or sites' choices narrowed; minor when
    sites get more room; patch for wording. A smaller --major/--minor/--patch is refused,
    with the reasons. Then writes the version into playbook.yaml, archives a copy as
    releases/VERSION.yaml, adds an entry to CHANGELOG.md, commits those files and tags the
    commit ID/vVERSION. The playbook's folder must have no uncommitted changes, and if
    anything fails, everything is put back as it was. A release that was stopped part-way
    (the process killed, the computer turned off) is finished by running the command again.

    \b
    Examples:
      spread playbook diff peer-diabetes       see what changed first
      spread playbook release peer-diabetes
      spread playbook release peer-diabetes --major --summary "Adds a clinical link." --yes
      spread playbook release peer-diabetes --no-input   the summary offered, no questions
    """
    bump = one_bump(major=major, minor=minor, patch=patch)
    network = load_network(find_root(repo or Path.cwd()))
    if network.git is None:
        raise SpreadError(f"{network.root} is not in a git repository, and releases are git commits and tags: run "
                          "`git init`, commit your files, then release")
    finished = finish_interrupted(network, playbook_id)
    if finished is not None:
        click.echo(finished)
        return
    folder = f"playbooks/{playbook_id}"
    working(network, playbook_id)
    dirty = gitio.uncommitted(network.git, gitio.relative_to_top(network.git, network.root / folder))
    if dirty:
        raise SpreadError(f"{folder}/ has changes that are not committed ({', '.join(dirty)}): commit them first "
                          f"(`git add {folder} && git commit`), so the release is made from what is in git. "
                          "Nothing was changed.")
    # Checked here, by the command, so that releasing (a layer below checking) never runs the check itself.
    problems = [p for p in check_network(network) if p.is_error and p.path.startswith(f"playbooks/{playbook_id}/")]
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SpreadError(f"{len(problems)} problem{'s' * (len(problems) != 1)} in {folder}/ (listed above): fix "
                          "them before releasing. Nothing was changed.")
    try:
        plan = plan_release(network, playbook_id, bump)
    except BumpTooSmall as too_small:
        for reason in too_small.reasons:
            click.echo(reason, err=True)
        raise
    after = f"a {plan.bump} release after {plan.previous}, for these changes:" if plan.previous else "its first release."
    click.echo(f"Releasing {playbook_id} {plan.version}, {after}")
    for change in plan.changes:
        click.echo(f"  {change.bump:<5}  {change.message} [{change.rule}]")
    with asking("to release without questions (in a script or CI), add --no-input, or --summary \"…\" --yes"):
        if summary is None:
            summary = summary_for(plan.bump) if no_input else ask("Summary for the changelog", plain_summary,
                                                                  default=summary_for(plan.bump))
        summary = summary or summary_for(plan.bump)
        files = release_files(plan, summary, (today or date.today()).isoformat())
        if not any(path.name == "CHANGELOG.md" for path in files):
            click.echo(f"{folder}/CHANGELOG.md already has an entry for {plan.version}: it is kept as you wrote it.")
        shown = ", ".join(display_path(p, network.root) for p in files)
        confirm(f"Write {shown}, commit them and tag {plan.tag}?", yes=yes or no_input)
    commit = apply_release(network, plan, files, summary)
    click.echo(f"Released {playbook_id} {plan.version}: commit {commit[:7]}, tag {plan.tag}. Share it with "
               f"`git push --follow-tags`; sites move up with `spread site upgrade`.")
