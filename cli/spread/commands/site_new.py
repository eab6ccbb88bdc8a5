"""`spread site new`: set up a local site from a playbook version, by a patient form or from answers given ahead."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import click

from spread.adopt.answers import Given, apply_sets, read_answers
from spread.adopt.asking import asking, confirm
from spread.adopt.lock import adopt
from spread.adopt.prompts import complete
from spread.adopt.readme import site_readme
from spread.adopt.scaffold import refuse_existing, site_yaml, write_all
from spread.commands.completion import complete_playbook
from spread.commands.options import asking_options, repo_option, set_options, today_option
from spread.errors import SpreadError, display_path
from spread.model.ids import not_an_id
from spread.model.semver import sort_key
from spread.network.repo import find_root, load_network


def _slug(_ctx: click.Context, param: click.Parameter, value: str) -> str:
    # The id names a folder: a slug can neither escape it (`../x`, `/abs`) nor nest inside it (`a/b`).
    problem = not_an_id(value, "leeds-north")
    if problem:
        raise click.BadParameter(problem)
    return value


def _answers(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path | None:
    # /dev/zero or a pipe would be read for ever: only a file can hold answers.
    if value is not None and not stat.S_ISREG(value.stat().st_mode):
        raise click.BadParameter(f"{value.as_posix()} is not a file but a device, a pipe or a socket: give the path "
                                 "of a YAML file of answers")
    return value


def _version(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and sort_key(value) is None:
        raise click.BadParameter(f"\"{value}\" is not a version: write it as X.Y.Z, like 2.0.0")
    return value


@click.command("new")
@click.argument("playbook_id", metavar="PLAYBOOK", callback=_slug, shell_complete=complete_playbook)
@click.argument("site_id", metavar="SITE", callback=_slug)
@click.option("--version", metavar="X.Y.Z", callback=_version,
              help="Adopt this released version (an archived release or a git tag). Default: the newest.")
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              callback=_answers, help="Take answers from this YAML file (format above); anything missing is asked.")
@set_options
@asking_options
@click.option("--into", type=click.Path(file_okay=False, path_type=Path),
              help="Write into this folder instead of fidelity/PLAYBOOK/SITE.")
@click.option("--force", is_flag=True, help="Replace the site's files if they already exist.")
@repo_option
@today_option()
def new(playbook_id: str, site_id: str, version: str | None, answers_file: Path | None, sets: tuple[str, ...],
        reasons: tuple[str, ...], yes: bool, no_input: bool, into: Path | None, force: bool, repo: Path | None, today: date | None) -> None:
    """Set up a new local SITE of a PLAYBOOK: asks about each local choice, then writes
    fidelity/PLAYBOOK/SITE/site.yaml and a README.md with the next steps.

    The site is locked to the playbook version (and git commit) it adopts. Existing
    files are never replaced without --force, and nothing is written if anything fails.

    \b
    An answers file (--answers) holds any of these; what is missing is asked for:
      name: Leeds Central Library Code Club
      host: {name: Leeds Libraries, type: library}
      area: Leeds city centre
      started: 2026-04-18          # YYYY-MM-DD (default: today)
      stage: installation          # the default
      choices:                     # by local component id
        setting: {choice: library, reason: "Sixteen computers, near many schools."}
        session-time: weekend      # just the choice: the reason is asked
    A reason with a comma goes in quotes, as above. A choice that is the
    playbook's default needs no reason. List a component under `adaptations:`
    instead of `choices:` to record it as a change, with FRAME's details.

    \b
    Examples:
      spread site new code-club leeds-north
      spread site new code-club leeds-north --answers leeds-north.yaml --no-input
      spread site new code-club leeds-north --set setting=library --reason "setting=A quieter room"
      spread site new peer-diabetes york --version 1.0.0
    """
    root = find_root(repo or Path.cwd())
    adopted = adopt(load_network(root), playbook_id, version)
    pb = adopted.playbook
    folder = into.resolve() if into else root / "fidelity" / playbook_id / site_id
    files = [folder / "site.yaml", folder / "README.md"]
    if not force:
        refuse_existing(files, root)  # before any question: never ask twenty questions and then refuse
    if adopted.note:
        click.echo(f"Note: the playbook's git commit could not be recorded: {adopted.note}.", err=True)
    given = Given()
    if answers_file is not None:
        given, problems = read_answers(answers_file, pb)
        for problem in problems:
            click.echo(str(problem), err=True)
        if problems:
            raise SpreadError(f"{answers_file.as_posix()}: {len(problems)} problem{'s' * (len(problems) != 1)} "
                              "in the answers: nothing was written")
    apply_sets(given, pb, sets, reasons)
    day = (today or date.today()).isoformat()
    with asking("to set up a site without questions (in a script), give the answers with --answers FILE or --set, "
                "and add --no-input"):
        answers = complete(pb, given, questions=not no_input, today=day)
        shown = display_path(folder, root)
        confirm(f"Write {shown}/site.yaml and {shown}/README.md?", yes=yes or no_input, only_after_questions=True)
    ref = shown if into else f"{playbook_id}/{site_id}"
    write_all({files[0]: site_yaml(root, folder, site_id, adopted, answers, day),
               files[1]: site_readme(adopted, answers, ref, shown, day)}, root, force=force)
    click.echo(f"Wrote {shown}/site.yaml and {shown}/README.md: {answers.name} adopts {pb.id} {pb.version}.")
    click.echo(f"Next: follow the checklist in {shown}/README.md, and run `spread check {shown}` after any edit.")
