"""Every command that asks, asks alike (`spread.adopt.asking`): numbered lists that take a number or a name, a line
saying why when a needed answer is left empty, no reason asked for a default, `--yes` and `--no-input` everywhere."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from conftest import MINIMAL_PLAYBOOK, Run, write
from spread.cli import cli

ASKING = [("site", "new"), ("site", "upgrade"), ("audit", "new"), ("playbook", "release")]


@pytest.mark.parametrize("words", ASKING)
def test_every_asking_command_has_yes_and_no_input_alike(words: tuple[str, str]) -> None:
    ctx = click.Context(cli)
    group = cli.get_command(ctx, words[0])
    assert isinstance(group, click.Group)
    command = group.get_command(ctx, words[1])
    assert command is not None
    options = {opt: param for param in command.params for opt in param.opts + param.secondary_opts}
    assert options["--yes"].help == options["-y"].help == ("Write without asking to confirm (questions are still asked; "
                                                           "add --no-input for none).")
    assert options["--no-input"].help == ("Ask nothing: take the answers given and the defaults, or stop, saying what "
                                          "is missing, if one has none. Implies --yes.")


def test_an_empty_answer_to_a_needed_question_says_so_before_asking_again(run: Run, demo: Path) -> None:
    typed = "\nYork Circles\n\nYork CVS\n7\n\n\n1\n\nYork Circle\nThe members chose it.\n\n"
    result = run("site", "new", "demo", "york", "--today", "2026-03-10", input=typed, cwd=demo)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = lines.index("Site name, as local people know it: ")
    assert lines[at + 1: at + 3] == ["Error: this question needs an answer: type the name",
                                     "Site name, as local people know it: York Circles"]
    assert "Error: this question needs an answer: type the host organisation" in lines
    # The choice without a default needs an answer too, and says what kind.
    assert "Error: this question needs an answer: type in your own words" in lines
    text = (demo / "fidelity/demo/york/site.yaml").read_text(encoding="utf-8")
    assert "  type: library\n" in text  # kind 7 of the numbered list


def test_a_default_chosen_by_its_number_needs_no_reason(run: Run, demo: Path) -> None:
    typed = "York Circles\nYork CVS\nlibrary\n\n\n1\nYork Circle\nThe members chose it.\n\n"
    result = run("site", "new", "demo", "york", "--today", "2026-03-10", input=typed, cwd=demo)
    assert result.exit_code == 0, result.output
    assert 'Why "library"' not in result.stdout
    assert "Kind of host organisation (a number or a name; Enter to skip): library" in result.stdout
    text = (demo / "fidelity/demo/york/site.yaml").read_text(encoding="utf-8")
    assert "  - component: venue\n    choice: library\n  # Local name" in text


def test_site_new_asks_before_writing_unless_yes(run: Run, demo: Path) -> None:
    typed = "York Circles\nYork CVS\n\n\n\n1\nYork Circle\nThe members chose it.\n"
    result = run("site", "new", "demo", "york", "--today", "2026-03-10", input=typed + "n\n", cwd=demo)
    assert result.exit_code == 0
    assert "Write fidelity/demo/york/site.yaml and fidelity/demo/york/README.md? [Y/n]: n" in result.stdout
    assert result.stderr.endswith("Nothing was changed.\n")
    assert not (demo / "fidelity/demo/york").exists()
    result = run("site", "new", "demo", "york", "--today", "2026-03-10", "--yes", input=typed, cwd=demo)
    assert result.exit_code == 0, result.output
    assert "? [Y/n]" not in result.stdout
    # Every answer given ahead: nothing was asked, so there is nothing to confirm.
    answers = write(demo / "hull.yaml", "name: Hull Circles\nhost: {name: Hull CVS, type: charity}\narea: Hull\n"
                                        "started: 2026-03-01\n")
    result = run("site", "new", "demo", "hull", "--set", "venue=library", "--set", "name=Hull Circle", "--reason",
                 "name=Members chose it.", "--answers", answers, cwd=demo)
    assert result.exit_code == 0, result.output
    assert "?" not in result.stdout


def test_the_interactive_audit_numbers_its_levels_and_review_kinds(run: Run, demo: Path) -> None:
    typed = "1\nRota.\n\n4\n2\nMet monthly.\nrecords\n\n\n3\n2026-10-02\n"
    args = ("audit", "new", "demo/leeds", "--interactive", "--today", "2026-10-05")
    result = run(*args, input=typed, cwd=demo)
    assert result.exit_code == 1  # the review is peer: its organisation is asked, and the input ended
    result = run(*args, input=typed.replace("\n3\n", "\n1\n") + "\n", cwd=demo)
    assert result.exit_code == 0, result.output
    assert ('Error: "4" is not one of the levels: type a number from 1 to 3, or one of expected, developmental, '
            'unacceptable, or skip') in result.stdout
    text = (demo / "fidelity/demo/leeds/audits/2026-Q3.yaml").read_text(encoding="utf-8")
    assert "  peer-led:\n    level: expected  #" in text and "  regular:\n    level: developmental  #" in text
    assert "review: self\n" in text


def test_audit_new_takes_yes_and_refuses_interactive_without_input(run: Run, demo: Path) -> None:
    result = run("audit", "new", "demo/leeds", "--interactive", "--no-input", cwd=demo)
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --interactive asks a question for each item and --no-input asks none: "
                                  "leave out --interactive to write a form to fill in\n")
    typed = "1\n\n\n1\n\n\n\n\n\n\n"
    result = run("audit", "new", "demo/leeds", "--interactive", "--yes", "--today", "2026-10-05", input=typed,
                 cwd=demo)
    assert result.exit_code == 0, result.output
    assert "? [Y/n]" not in result.stdout
    assert run("audit", "new", "demo/leeds", "--no-input", "--period", "2026-Q1", cwd=demo).exit_code == 0


def test_release_without_input_takes_the_offered_summary(run: Run, git_repo: Path) -> None:
    write(git_repo / "playbooks/demo/playbook.yaml", MINIMAL_PLAYBOOK)
    import git

    repo = git.Repo(git_repo)
    repo.git.add(".")
    repo.git.commit("-m", "Demo")
    result = run("playbook", "release", "demo", "--yes", cwd=git_repo, input="")
    assert result.exit_code == 1  # --yes still asks the summary: only --no-input asks nothing
    assert result.stderr.endswith("to release without questions (in a script or CI), add --no-input, or "
                                  "--summary \"…\" --yes\n")
    result = run("playbook", "release", "demo", "--no-input", cwd=git_repo)
    assert result.exit_code == 0, result.output
    assert "Summary for the changelog" not in result.stdout
    assert "Released demo 1.0.0" in result.stdout
